// Every worker's route table obeys the dispatcher's rules: no duplicate
// method + path shape, every admin-realm route names a permission code.
#define BOOST_TEST_MODULE route_tables
#include <boost/test/unit_test.hpp>

#include <dirent.h>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// Worker binaries in build/bin: everything but the fakes and tools.
std::vector<std::string> WorkerBinaries() {
  std::vector<std::string> out;
  const char* dir = std::getenv("RZ_BIN_DIR") ? std::getenv("RZ_BIN_DIR") : "build/bin";
  if (DIR* d = opendir(dir)) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n[0] == '.' || n.rfind("fake_", 0) == 0 || n == "jobs" || n.rfind("rz-", 0) == 0)
        continue;
      if (FILE* tool = std::fopen(("scripts/tools/" + n + ".cc").c_str(), "r")) {
        std::fclose(tool);  // a tool (e.g. buy_bench), not a worker
        continue;
      }
      out.push_back(std::string(dir) + "/" + n);
    }
    closedir(d);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_area_has_a_valid_route_table) {
  auto bins = WorkerBinaries();
  BOOST_REQUIRE_MESSAGE(bins.size() >= 3, "expected at least auth, users and catalog in build/bin");
  std::string config = std::getenv("RZ_CONFIG") ? std::getenv("RZ_CONFIG") : "";
  for (const auto& bin : bins) {
    std::string cmd =
        bin + " --check-routes" + (config.empty() ? "" : " --config " + config) + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    BOOST_REQUIRE(p);
    std::string out;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    int status = pclose(p);
    BOOST_TEST_CONTEXT(bin << "\n" << out) {
      BOOST_TEST(status == 0);
      BOOST_TEST(out.find("/api/") != std::string::npos, "prints its routes");
      BOOST_TEST(out.find("DUPLICATE") == std::string::npos);
      BOOST_TEST(out.find("MISSING PERMISSION") == std::string::npos);
    }
  }
}
