// scripts/backup + scripts/restore: a dump of the test database restores into
// another database with the same rows (Chinese text included).
#define BOOST_TEST_MODULE backup
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/integration/support/api.h"

using namespace rz::test;

namespace {

std::string Run(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  *status = pclose(p);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(backup_then_restore_gives_the_same_rows) {
  const std::string profile = std::getenv("RZ_PROFILE") ? std::getenv("RZ_PROFILE") : "test";
  const std::string file = "/tmp/ruizhu-backup-test-" + std::to_string(getpid()) + ".sql.gz";
  const std::string target = "ruizhu_restore_check";
  int status = 0;
  std::string out = Run("scripts/backup --profile " + profile + " --out " + file, &status);
  BOOST_REQUIRE_MESSAGE(status == 0, out);

  Sql("DROP DATABASE IF EXISTS " + target);
  out = Run("scripts/restore " + file + " --database " + target + " --profile " + profile, &status);
  BOOST_REQUIRE_MESSAGE(status == 0, out);

  for (const char* table :
       {"products", "categories", "users", "content_pages", "schema_migrations"}) {
    std::string a = SqlScalar(std::string("SELECT COUNT(*) FROM ") + table);
    std::string b = SqlScalar("SELECT COUNT(*) FROM " + target + "." + table);
    BOOST_TEST(a == b, table << ": " << a << " vs " << b);
  }
  BOOST_TEST(SqlScalar("SELECT name FROM " + target + ".products WHERE id = 1") ==
             SqlScalar("SELECT name FROM products WHERE id = 1"));
  BOOST_TEST(SqlScalar("SELECT name FROM " + target + ".products WHERE id = 1").find("托特包") !=
             std::string::npos);
  Sql("DROP DATABASE " + target);
  std::remove(file.c_str());
}
