// Resilience of the catalog area through nginx (operations.md "Reliability"): reads keep working
// from MySQL while Redis is down, and a SIGKILLed worker costs no failed idempotent request.
#define BOOST_TEST_MODULE resilience
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/support/api.h"

using namespace rz::test;
using Clock = std::chrono::steady_clock;

namespace {

std::string StackDir() {
  const char* v = std::getenv("RZ_STACK_DIR");
  return v && *v ? v : "build/test-stack";
}

std::string Describe(const ApiResponse& r) {
  return "HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 300);
}

bool IsOk(const ApiResponse& r) { return r.status == 200 && r.code() == 0; }

void RequireOk(const ApiResponse& r) { BOOST_REQUIRE_MESSAGE(IsOk(r), Describe(r)); }

pid_t ReadPid(const std::string& file) {
  std::ifstream in(file);
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

// A running (not zombie) process whose command name is `comm`.
bool Running(pid_t pid, const std::string& comm) {
  if (pid <= 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  size_t close = line.rfind(')');
  size_t open = line.find('(');
  if (close == std::string::npos || open == std::string::npos || close + 2 >= line.size())
    return false;
  char state = line[close + 2];
  return state != 'Z' && state != 'X' && line.substr(open + 1, close - open - 1) == comm;
}

bool WaitFor(const std::function<bool()>& cond, double seconds) {
  auto end = Clock::now() + std::chrono::milliseconds(static_cast<int>(seconds * 1000));
  while (Clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return cond();
}

// Health of one catalog worker (whichever nginx picks): *redis gets its Redis flag.
bool Health(bool* mysql, bool* redis) {
  ApiResponse r = Get("/api/v1/catalog/_health");
  const auto& d = r.data();
  if (r.status != 200 || !d.IsObject() || !d.HasMember("redis") || !d["redis"].IsBool())
    return false;
  *mysql = d["mysql"].IsBool() && d["mysql"].GetBool();
  *redis = d["redis"].GetBool();
  return true;
}

// N consecutive health answers agree on Redis (both workers are hit by round robin).
bool RedisHealthIs(bool want, int n = 4) {
  for (int i = 0; i < n; ++i) {
    bool mysql = false, redis = !want;
    if (!Health(&mysql, &redis) || redis != want) return false;
  }
  return true;
}

bool EventsAccepted(int n = 4) {
  for (int i = 0; i < n; ++i) {
    if (!IsOk(Post("/api/v1/events",
                   "{\"type\":\"view\",\"product_id\":1,\"position\":\"it-resilience\"}"))) {
      return false;
    }
  }
  return true;
}

// Restarts Redis when the test ends, even if it failed half way.
struct RedisRestarter {
  ~RedisRestarter() {
    int rc = Stack("start-redis");
    BOOST_CHECK_MESSAGE(rc == 0, "scripts/stack start-redis exit status " << rc);
    BOOST_CHECK_MESSAGE(WaitFor([] { return RedisHealthIs(true); }, 15),
                        "catalog sees Redis again");
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(catalog_reads_work_from_mysql_while_redis_is_down, RedisRestarter) {
  BOOST_REQUIRE_MESSAGE(RedisHealthIs(true), "Redis up before the test");
  RequireOk(Get("/api/v1/products/1"));  // warm the cache: it must not be needed below
  RequireOk(Get("/api/v1/categories"));

  BOOST_REQUIRE_EQUAL(Stack("stop-redis"), 0);
  BOOST_TEST(WaitFor([] { return RedisHealthIs(false); }, 5), "health shows redis false");

  for (int round = 0; round < 3; ++round) {  // several rounds: both workers answer
    BOOST_TEST_CONTEXT("round " << round) {
      ApiResponse list = Get("/api/v1/products?per_page=5");
      BOOST_TEST(IsOk(list), Describe(list));
      BOOST_TEST((list.data().IsObject() && list.data()["items"].IsArray() &&
                  list.data()["items"].Size() == 5u));

      ApiResponse detail = Get("/api/v1/products/1");
      BOOST_TEST(IsOk(detail), Describe(detail));
      BOOST_TEST(Int(detail.data(), "id") == 1);
      BOOST_TEST(Str(detail.data(), "name") == SqlScalar("SELECT name FROM products WHERE id = 1"));

      ApiResponse cold = Get("/api/v1/products/" + std::to_string(100 + round));  // never cached
      BOOST_TEST(IsOk(cold), Describe(cold));

      ApiResponse cats = Get("/api/v1/categories");
      BOOST_TEST(IsOk(cats), Describe(cats));
      BOOST_TEST((cats.data().IsObject() && cats.data()["items"].IsArray() &&
                  cats.data()["items"].Size() > 0u));

      ApiResponse search = Get("/api/v1/products/search?q=RZ-000004");
      BOOST_TEST(IsOk(search), Describe(search));

      ApiResponse missing = Get("/api/v1/products/226");
      BOOST_TEST(missing.status == 404, Describe(missing));
      BOOST_TEST(missing.code() == 4003);

      bool mysql = false, redis = true;
      BOOST_TEST(Health(&mysql, &redis));
      BOOST_TEST(mysql);
      BOOST_TEST(!redis);
      ApiResponse h = Get("/api/v1/catalog/_health");
      BOOST_TEST(h.status == 200, Describe(h));
      BOOST_TEST(Str(h.data(), "status") == "ok");

      // Events need the Redis stream: a clear, retryable 5002.
      ApiResponse ev = Post("/api/v1/events", "{\"type\":\"view\",\"product_id\":1}");
      BOOST_TEST(ev.status == 503, Describe(ev));
      BOOST_TEST(ev.code() == 5002);
      BOOST_TEST(ev.error_type() == "unavailable");
    }
  }

  BOOST_REQUIRE_EQUAL(Stack("start-redis"), 0);
  BOOST_TEST(WaitFor([] { return RedisHealthIs(true); }, 10), "health shows redis true again");
  BOOST_TEST(WaitFor([] { return EventsAccepted(); }, 10), "events accepted again");
  std::string before = RedisCli("XLEN stream:events");
  BOOST_TEST(EventsAccepted(2));
  std::string after = RedisCli("XLEN stream:events");
  BOOST_TEST((!before.empty() && !after.empty() && std::stoll(after) >= std::stoll(before) + 2));
  RequireOk(Get("/api/v1/products?per_page=5"));
  RequireOk(Get("/api/v1/products/1"));
  RequireOk(Get("/api/v1/categories"));
}

BOOST_AUTO_TEST_CASE(sigkill_of_a_catalog_worker_under_get_load_fails_no_request) {
  const std::string pidfile = StackDir() + "/run/catalog-1.pid";
  const pid_t victim = ReadPid(pidfile);
  const pid_t sibling = ReadPid(StackDir() + "/run/catalog-2.pid");
  BOOST_REQUIRE_MESSAGE(Running(victim, "catalog"), "catalog-1 running, pid " << victim);
  BOOST_REQUIRE_MESSAGE(Running(sibling, "catalog"), "catalog-2 running, pid " << sibling);

  constexpr int kThreads = 4;
  constexpr int kMaxPerThread = 3000;
  const auto deadline = Clock::now() + std::chrono::seconds(3);
  std::atomic<int> total{0}, failed{0};
  std::mutex mu;
  std::vector<std::string> samples;  // first few failures

  std::vector<std::thread> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.emplace_back([&, t] {
      for (int i = 0; i < kMaxPerThread && Clock::now() < deadline; ++i) {
        std::string path =
            (i % 2 == 0) ? "/api/v1/products/" + std::to_string(1 + (t * 53 + i) % 200)
                         : "/api/v1/products?per_page=5&page=" + std::to_string(1 + (t + i) % 40);
        ApiResponse r = Call("GET", path);
        ++total;
        if (!IsOk(r)) {
          ++failed;
          std::lock_guard<std::mutex> lock(mu);
          if (samples.size() < 10) samples.push_back(path + " -> " + Describe(r));
        }
      }
    });
  }

  std::this_thread::sleep_for(std::chrono::seconds(1));
  int kill_rc = ::kill(victim, SIGKILL);
  for (auto& th : clients) th.join();

  BOOST_TEST(kill_rc == 0, "kill -9 " << victim);
  BOOST_TEST(total.load() >= 40, "requests issued: " << total.load());
  BOOST_TEST(failed.load() == 0, failed.load() << " of " << total.load() << " requests failed");
  for (const auto& s : samples) BOOST_TEST_MESSAGE("failure: " << s);
  BOOST_TEST(WaitFor([&] { return !Running(victim, "catalog"); }, 5), "catalog-1 is gone");
  BOOST_TEST(Running(sibling, "catalog"), "catalog-2 unaffected");

  // The stack script restarts workers idempotently: both come back.
  BOOST_REQUIRE_EQUAL(Stack("start"), 0);
  pid_t fresh = ReadPid(pidfile);
  BOOST_TEST(fresh != victim);
  BOOST_TEST(Running(fresh, "catalog"), "catalog-1 restarted, pid " << fresh);
  BOOST_TEST(Running(ReadPid(StackDir() + "/run/catalog-2.pid"), "catalog"), "catalog-2 running");
  for (int i = 0; i < 6; ++i) {
    ApiResponse r = Get(i % 2 ? "/api/v1/products?per_page=5" : "/api/v1/products/1");
    BOOST_TEST(IsOk(r), Describe(r));
  }
}
