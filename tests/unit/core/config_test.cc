// Tests for Config: key = value file parsing and RUIZHU_* environment overrides.
#define BOOST_TEST_MODULE config
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/config.h"

using rz::Config;

namespace {

// A config file in /tmp, removed when the test ends.
struct TempConfig {
  std::string path;
  explicit TempConfig(const std::string& text) {
    char tmpl[] = "/tmp/rz_config_test_XXXXXX";
    int fd = mkstemp(tmpl);
    BOOST_REQUIRE(fd >= 0);
    close(fd);
    path = tmpl;
    std::ofstream(path) << text;
  }
  ~TempConfig() { std::remove(path.c_str()); }
};

// Sets an environment variable for the duration of a test.
struct ScopedEnv {
  std::string name;
  ScopedEnv(const std::string& n, const std::string& v) : name(n) {
    setenv(n.c_str(), v.c_str(), 1);
  }
  ~ScopedEnv() { unsetenv(name.c_str()); }
};

const char* kFile =
    "# RUIZHU test config\n"
    "   # indented comment\n"
    "\n"
    "mysql.host = 127.0.0.1\n"
    "mysql.port=13306\n"
    "  mysql.user   =   ruizhu  \n"
    "mysql.password = a=b=c\n"
    "jwt.secret = \n"
    "not a pair\n"
    "\tlog.level\t=\tdebug\t\n"
    "worker.threads = eight\n"
    "flag.on = yes\n"
    "flag.off = 0\n"
    "flag.odd = maybe\n";

}  // namespace

BOOST_AUTO_TEST_CASE(env_name_for) {
  BOOST_TEST(rz::EnvNameFor("mysql.host") == "RUIZHU_MYSQL_HOST");
  BOOST_TEST(rz::EnvNameFor("mysql.pool-size") == "RUIZHU_MYSQL_POOL_SIZE");
  BOOST_TEST(rz::EnvNameFor("version") == "RUIZHU_VERSION");
  BOOST_TEST(rz::EnvNameFor("redis.timeout_ms") == "RUIZHU_REDIS_TIMEOUT_MS");
}

BOOST_AUTO_TEST_CASE(file_parsing_trims_and_skips_comments) {
  TempConfig f(kFile);
  Config c = Config::Load(f.path);
  BOOST_TEST(c.Get("mysql.host") == "127.0.0.1");
  BOOST_TEST(c.Get("mysql.port") == "13306");
  BOOST_TEST(c.Get("mysql.user") == "ruizhu");
  BOOST_TEST(c.Get("log.level") == "debug");
  BOOST_TEST(c.Get("# RUIZHU test config", "none") == "none");
  BOOST_TEST(c.Get("not a pair", "none") == "none");
}

BOOST_AUTO_TEST_CASE(value_keeps_everything_after_first_equals) {
  TempConfig f(kFile);
  Config c = Config::Load(f.path);
  BOOST_TEST(c.Get("mysql.password") == "a=b=c");
}

BOOST_AUTO_TEST_CASE(default_for_missing_and_empty_value_present) {
  TempConfig f(kFile);
  Config c = Config::Load(f.path);
  BOOST_TEST(c.Get("nope.nothing", "dflt") == "dflt");
  BOOST_TEST(c.Get("nope.nothing") == "");
  BOOST_TEST(c.Get("jwt.secret", "dflt") == "");  // present but empty
}

BOOST_AUTO_TEST_CASE(missing_file_throws_empty_path_does_not) {
  BOOST_CHECK_THROW(Config::Load("/nonexistent/dir/ruizhu.conf"), std::runtime_error);
  Config c = Config::Load("");
  BOOST_TEST(c.Get("mysql.host", "x") == "x");
}

BOOST_AUTO_TEST_CASE(env_overrides_file_key) {
  TempConfig f(kFile);
  ScopedEnv env("RUIZHU_MYSQL_HOST", "db.internal");
  Config c = Config::Load(f.path);
  BOOST_TEST(c.Get("mysql.host") == "db.internal");
  BOOST_TEST(c.Get("mysql.port") == "13306");
}

BOOST_AUTO_TEST_CASE(env_provides_key_absent_from_file) {
  TempConfig f(kFile);
  ScopedEnv env("RUIZHU_REDIS_POOL_SIZE", "12");
  Config c = Config::Load(f.path);
  BOOST_TEST(c.Get("redis.pool-size") == "12");
  BOOST_TEST(c.Get("redis.pool_size") == "12");
  BOOST_TEST(c.GetInt("redis.pool_size", 4) == 12);
}

BOOST_AUTO_TEST_CASE(env_set_after_load_still_wins) {
  TempConfig f(kFile);
  Config c = Config::Load(f.path);
  ScopedEnv env("RUIZHU_MYSQL_USER", "other");
  BOOST_TEST(c.Get("mysql.user") == "other");
}

BOOST_AUTO_TEST_CASE(require_names_key_and_env) {
  TempConfig f(kFile);
  Config c = Config::Load(f.path);
  BOOST_TEST(c.Require("mysql.host") == "127.0.0.1");
  try {
    c.Require("jwt.secret");
    BOOST_FAIL("Require of an empty key did not throw");
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    BOOST_TEST(what.find("jwt.secret") != std::string::npos);
    BOOST_TEST(what.find("RUIZHU_JWT_SECRET") != std::string::npos);
  }
  BOOST_CHECK_THROW(c.Require("crypto.field_key"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(get_int) {
  TempConfig f(kFile);
  Config c = Config::Load(f.path);
  BOOST_TEST(c.GetInt("mysql.port", 0) == 13306);
  BOOST_TEST(c.GetInt("missing.int", 42) == 42);
  BOOST_TEST(c.GetInt("jwt.secret", 7) == 7);  // empty value -> default
}

BOOST_AUTO_TEST_CASE(get_int_error_names_key) {
  TempConfig f(kFile);
  Config c = Config::Load(f.path);
  try {
    c.GetInt("worker.threads", 2);
    BOOST_FAIL("GetInt of a non-number did not throw");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()) == "config key worker.threads is not an integer");
  }
}

BOOST_AUTO_TEST_CASE(get_bool) {
  TempConfig f(kFile);
  Config c = Config::Load(f.path);
  BOOST_TEST(c.GetBool("flag.on", false) == true);
  BOOST_TEST(c.GetBool("flag.off", true) == false);
  BOOST_TEST(c.GetBool("flag.odd", true) == false);
  BOOST_TEST(c.GetBool("flag.missing", true) == true);
  BOOST_TEST(c.GetBool("flag.missing", false) == false);
  Config m = Config::FromMap({{"a", "1"}, {"b", "true"}, {"c", "on"}, {"d", "no"}, {"e", "false"}});
  BOOST_TEST(m.GetBool("a", false) == true);
  BOOST_TEST(m.GetBool("b", false) == true);
  BOOST_TEST(m.GetBool("c", false) == true);
  BOOST_TEST(m.GetBool("d", true) == false);
  BOOST_TEST(m.GetBool("e", true) == false);
}

BOOST_AUTO_TEST_CASE(from_map_and_set) {
  Config c = Config::FromMap({{"version", "1.2.3"}});
  BOOST_TEST(c.Get("version") == "1.2.3");
  c.Set("log.dir", "/var/log/ruizhu");
  BOOST_TEST(c.Get("log.dir") == "/var/log/ruizhu");
}

BOOST_AUTO_TEST_CASE(get_int_rejects_trailing_junk) {
  Config c = Config::FromMap(
      {{"http.max_body", "1M"}, {"n", "-5"}, {"sp", "12 "}, {"big", "99999999999999999999"}});
  BOOST_CHECK_THROW(c.GetInt("http.max_body", 0), std::runtime_error);
  BOOST_TEST(c.GetInt("n", 0) == -5);
  BOOST_CHECK_THROW(c.GetInt("sp", 0), std::runtime_error);
  BOOST_CHECK_THROW(c.GetInt("big", 0), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(from_map_ignores_environment) {
  ScopedEnv env("RUIZHU_MYSQL_HOST", "from-env");
  Config c = Config::FromMap({{"mysql.host", "from-map"}});
  BOOST_TEST(c.Get("mysql.host") == "from-map");
  BOOST_TEST(c.Get("mysql.port", "none") == "none");
}
