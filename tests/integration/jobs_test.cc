// Integration tests of the jobs daemon, through its effects on the shared test stack: unpaid
// orders expire with their stock back exactly once, events are counted exactly once, shipped
// orders auto-complete, coupons expire, and the Redis job lock is honoured. A second daemon
// copy runs for the whole module (beside the one scripts/stack starts) so that every check is
// made with two daemons racing; it is stopped at the end and must exit 0 within 2 s.
#define BOOST_TEST_MODULE jobs
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/time_util.h"
#include "handlers/jobs/event_batch.h"
#include "tests/integration/support/api.h"

extern char** environ;

using namespace rz::test;

namespace {

std::string EnvOr(const char* name, const std::string& def) {
  const char* v = std::getenv(name);
  return v && *v ? v : def;
}

// Polls `cond` every 200 ms for up to `seconds`.
bool WaitFor(double seconds, const std::function<bool()>& cond) {
  auto end = std::chrono::steady_clock::now() +
             std::chrono::milliseconds(static_cast<int>(seconds * 1000));
  while (true) {
    if (cond()) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

int64_t SqlInt(const std::string& query) {
  std::string v = SqlScalar(query);
  return v.empty() ? 0 : std::stoll(v);
}

// The second daemon: build/bin/jobs --config $RZ_CONFIG with short periods and its own log dir.
struct SecondDaemon {
  pid_t pid = -1;
  std::string log_dir;

  SecondDaemon() {
    char dir[] = "/tmp/rz-jobs-test-XXXXXX";
    if (mkdtemp(dir)) log_dir = dir;
    std::string bin = EnvOr("RZ_JOBS_BIN", "build/bin/jobs");
    std::string config = EnvOr("RZ_CONFIG", "build/test-stack/ruizhu.conf");
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) env.emplace_back(*e);
    env.push_back("RUIZHU_LOG_DIR=" + log_dir);
    env.push_back("RUIZHU_JOBS_EXPIRE_ORDERS_PERIOD_MS=1000");
    env.push_back("RUIZHU_JOBS_AUTO_COMPLETE_PERIOD_MS=1000");
    env.push_back("RUIZHU_JOBS_EXPIRE_COUPONS_PERIOD_MS=1000");
    std::vector<char*> envp;
    for (auto& s : env) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = {bin, "--config", config};
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid, bin.c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0) pid = -1;
  }

  ~SecondDaemon() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    if (!log_dir.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(log_dir, ec);
    }
  }

  bool alive() const { return pid > 0 && waitpid(pid, nullptr, WNOHANG) == 0; }

  std::string LogTail() const {
    std::ifstream in(log_dir + "/jobs.log");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string all = ss.str();
    return all.size() > 3000 ? all.substr(all.size() - 3000) : all;
  }
};

SecondDaemon& Daemon() {
  static SecondDaemon d;
  return d;
}

struct StartSecondDaemon {
  StartSecondDaemon() { Daemon(); }
};
BOOST_TEST_GLOBAL_FIXTURE(StartSecondDaemon);

std::string Unique(const std::string& prefix) {
  static int n = 0;
  return prefix + std::to_string(getpid()) + "x" + std::to_string(++n) + "x" +
         std::to_string(std::rand() % 10000);
}

int64_t MakeProduct(int64_t stock) {
  std::string sku = Unique("T-JOBS-");
  Sql("INSERT INTO products (category_id, sku, name, price, original_price, stock, status) VALUES "
      "(1, '" +
      sku + "', '任务测试 " + sku + "', 1000, 1000, " + std::to_string(stock) + ", 1)");
  return SqlInt("SELECT id FROM products WHERE sku = '" + sku + "'");
}

// An order row as the orders worker would have written it (amounts in fen). `extra_cols` /
// `extra_vals` set status-specific columns.
int64_t MakeOrder(int64_t user_id, int status, const std::string& pay_deadline_sql,
                  const std::vector<std::pair<int64_t, int>>& items,
                  const std::string& extra_cols = "", const std::string& extra_vals = "") {
  std::string no = Unique("ORDJT");
  int64_t subtotal = 0;
  int pieces = 0;
  for (const auto& [pid, qty] : items) {
    subtotal += 1000 * qty;
    pieces += qty;
  }
  Sql("INSERT INTO orders (order_no, user_id, subtotal, total_price, item_count, status, "
      "pay_deadline, "
      "receiver_name" +
      extra_cols + ") VALUES ('" + no + "', " + std::to_string(user_id) + ", " +
      std::to_string(subtotal) + ", " + std::to_string(subtotal) + ", " + std::to_string(pieces) +
      ", " + std::to_string(status) + ", " + pay_deadline_sql + ", '测试'" + extra_vals + ")");
  int64_t id = SqlInt("SELECT id FROM orders WHERE order_no = '" + no + "'");
  for (const auto& [pid, qty] : items) {
    Sql("INSERT INTO order_items (order_id, product_id, product_name, product_sku, price, "
        "quantity, subtotal) "
        "VALUES (" +
        std::to_string(id) + ", " + std::to_string(pid) + ", '任务测试', 'T-JOBS', 1000, " +
        std::to_string(qty) + ", " + std::to_string(1000 * qty) + ")");
  }
  return id;
}

std::string Ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

void RequireDaemon() {
  BOOST_REQUIRE_MESSAGE(
      Daemon().alive(),
      "second jobs daemon is not running (build/bin/jobs built?)\n" + Daemon().LogTail());
}

// Sum of daily_event_counts for a position and type (all dates).
int64_t Counted(const std::string& position, const std::string& type) {
  return SqlInt("SELECT COALESCE(SUM(event_count), 0) FROM daily_event_counts WHERE position = '" +
                position + "' AND type = '" + type + "'");
}

}  // namespace

// ---------------------------------------------------------------- unpaid orders

BOOST_AUTO_TEST_CASE(unpaid_orders_expire_and_stock_returns_exactly_once) {
  RequireDaemon();
  Session user = Login(UniqueCode("jobs-expire"));
  // Two products with 10 units each before the orders reserved theirs.
  int64_t a = MakeProduct(10), b = MakeProduct(10);
  // Written as the orders worker would (order, items, stock taken) while the deadline is still
  // ahead, so no daemon sees a half-written order; then the deadline passes for four of them.
  std::vector<int64_t> expired;
  for (int i = 0; i < 4; ++i) {
    expired.push_back(
        MakeOrder(user.user_id, 0, "UTC_TIMESTAMP() + INTERVAL 30 MINUTE", {{a, 2}, {b, 1}}));
  }
  // Still within its payment window: must stay pending.
  int64_t waiting = MakeOrder(user.user_id, 0, "UTC_TIMESTAMP() + INTERVAL 30 MINUTE", {{a, 1}});
  Sql("UPDATE products SET stock = stock - 9 WHERE id = " + std::to_string(a));  // 4 x 2 + 1
  Sql("UPDATE products SET stock = stock - 4 WHERE id = " + std::to_string(b));  // 4 x 1
  std::string in = Ids(expired);
  Sql("UPDATE orders SET pay_deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id IN (" + in +
      ")");

  bool done = WaitFor(15, [&] {
    return SqlInt("SELECT COUNT(*) FROM orders WHERE status = 4 AND id IN (" + in + ")") == 4;
  });
  BOOST_REQUIRE_MESSAGE(done, "orders were not cancelled within 15 s\n" + Daemon().LogTail());
  // Give both daemons time for another round each: nothing may be released twice.
  std::this_thread::sleep_for(std::chrono::seconds(3));

  BOOST_TEST(SqlInt("SELECT stock FROM products WHERE id = " + std::to_string(a)) ==
             9);  // 1 still reserved
  BOOST_TEST(SqlInt("SELECT stock FROM products WHERE id = " + std::to_string(b)) == 10);
  BOOST_TEST(
      SqlInt("SELECT COUNT(*) FROM inventory_logs WHERE reason = 'cancel' AND order_id IN (" + in +
             ")") == 8);
  BOOST_TEST(SqlInt("SELECT COALESCE(SUM(delta), 0) FROM inventory_logs WHERE reason = 'cancel' "
                    "AND order_id IN (" +
                    in + ")") == 12);
  BOOST_TEST(
      SqlInt("SELECT COUNT(*) FROM order_logs WHERE action = 'cancel' AND operator_type = 'system' "
             "AND from_status = 0 AND to_status = 4 AND order_id IN (" +
             in + ")") == 4);
  BOOST_TEST(SqlInt("SELECT COUNT(*) FROM order_logs WHERE order_id IN (" + in + ")") == 4);
  BOOST_TEST(SqlScalar("SELECT cancel_reason FROM orders WHERE id = " +
                       std::to_string(expired[0])) == "payment timeout");
  BOOST_TEST(
      SqlInt("SELECT COUNT(*) FROM orders WHERE cancelled_at IS NULL AND id IN (" + in + ")") == 0);
  BOOST_TEST(SqlInt("SELECT status FROM orders WHERE id = " + std::to_string(waiting)) == 0);
}

// ---------------------------------------------------------------- events

BOOST_AUTO_TEST_CASE(events_are_counted_exactly_once_with_two_daemons) {
  RequireDaemon();
  std::string position = Unique("jt-ev-");
  BOOST_REQUIRE(position.size() <= 32);
  std::map<std::string, int> sent = {{"view", 6}, {"click", 3}, {"add_to_cart", 2}, {"share", 1}};
  std::string before_views = SqlScalar("SELECT views FROM daily_stats WHERE date = UTC_DATE()");
  for (const auto& [type, n] : sent) {
    for (int i = 0; i < n; ++i) {
      ApiResponse r =
          Post("/api/v1/events",
               "{\"type\":\"" + type + "\",\"product_id\":4,\"position\":\"" + position + "\"}");
      BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    }
  }
  bool done = WaitFor(15, [&] {
    for (const auto& [type, n] : sent) {
      if (Counted(position, type) < n) return false;
    }
    return true;
  });
  BOOST_REQUIRE_MESSAGE(done, "events were not counted within 15 s\n" + Daemon().LogTail());
  std::this_thread::sleep_for(std::chrono::seconds(3));
  for (const auto& [type, n] : sent) {
    BOOST_TEST_CONTEXT(type) { BOOST_TEST(Counted(position, type) == n); }
  }
  BOOST_TEST(SqlInt("SELECT COUNT(*) FROM daily_event_counts WHERE position = '" + position +
                    "' AND product_id <> 4") == 0);
  // daily_stats is shared by every test posting events: it grew by at least ours.
  int64_t views_before = before_views.empty() ? 0 : std::stoll(before_views);
  int64_t views_after = SqlInt("SELECT views FROM daily_stats WHERE date = UTC_DATE()");
  if (SqlScalar("SELECT UTC_DATE()") == rz::jobs::UtcDate(rz::NowUnix())) {
    BOOST_TEST(views_after >= views_before + 6);
  }
}

BOOST_AUTO_TEST_CASE(an_entry_already_applied_is_not_counted_again) {
  RequireDaemon();
  // Simulates a crash between COMMIT and XACK: the entry's id is recorded as applied, then it is
  // delivered. An entry after it proves the consumers got that far.
  std::string dup = Unique("jt-dup-"), next = Unique("jt-next-");
  std::string id;
  for (int attempt = 0; attempt < 20 && id.empty(); ++attempt) {
    int64_t ms = rz::NowMillis() + 20;
    Sql("INSERT IGNORE INTO jobs_stream_applied (stream, entry_ms, entry_seq) VALUES "
        "('stream:events', " +
        std::to_string(ms) + ", 7)");
    std::string got = RedisCli("XADD stream:events " + std::to_string(ms) +
                               "-7 type view product_id 0 position " + dup + " user_id 0 ts " +
                               std::to_string(rz::NowUnix()));
    if (!got.empty()) id = got;
  }
  BOOST_REQUIRE_MESSAGE(!id.empty(), "XADD with an explicit id failed");
  ApiResponse r = Post("/api/v1/events", "{\"type\":\"view\",\"position\":\"" + next + "\"}");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_REQUIRE_MESSAGE(WaitFor(15, [&] { return Counted(next, "view") == 1; }),
                        "event not counted within 15 s\n" + Daemon().LogTail());
  std::this_thread::sleep_for(std::chrono::seconds(1));
  BOOST_TEST(Counted(dup, "view") == 0);
}

BOOST_AUTO_TEST_CASE(malformed_stream_entries_are_skipped) {
  RequireDaemon();
  std::string bad = Unique("jt-bad-"), good = Unique("jt-good-");
  BOOST_REQUIRE(
      !RedisCli("XADD stream:events * type buy product_id 1 position " + bad + " ts 1").empty());
  BOOST_REQUIRE(
      !RedisCli("XADD stream:events * type view product_id x position " + bad + " ts 1").empty());
  BOOST_REQUIRE(!RedisCli("XADD stream:events * type click product_id 2 position " + good +
                          " user_id 0 ts " + std::to_string(rz::NowUnix()))
                     .empty());
  BOOST_REQUIRE_MESSAGE(WaitFor(15, [&] { return Counted(good, "click") == 1; }),
                        "event not counted within 15 s\n" + Daemon().LogTail());
  BOOST_TEST(SqlInt("SELECT COUNT(*) FROM daily_event_counts WHERE position = '" + bad + "'") == 0);
}

// ---------------------------------------------------------------- auto-complete and the job lock

BOOST_AUTO_TEST_CASE(shipped_orders_auto_complete_after_the_configured_days) {
  RequireDaemon();
  int64_t days =
      SqlInt("SELECT CAST(value AS UNSIGNED) FROM settings WHERE `key` = 'auto_complete_days'");
  if (days <= 0) days = 10;
  Session user = Login(UniqueCode("jobs-complete"));
  int64_t p = MakeProduct(10);
  std::string old_ship = "UTC_TIMESTAMP() - INTERVAL " + std::to_string(days * 24 + 1) + " HOUR";
  std::string recent_ship = "UTC_TIMESTAMP() - INTERVAL " + std::to_string(days * 24 - 1) + " HOUR";
  const std::string cols = ", payment_method, payment_time, express_code, express_no, express_time";

  // While another daemon holds the job's lock, nobody runs the scan.
  std::string token = Unique("holder");
  BOOST_REQUIRE(RedisCli("SET jobs:lock:auto_complete " + token + " PX 15000") == "OK");
  int64_t old_order =
      MakeOrder(user.user_id, 2, "UTC_TIMESTAMP()", {{p, 1}}, cols,
                ", 'wechat', " + old_ship + ", 'SF', 'SF" + token + "', " + old_ship);
  int64_t recent =
      MakeOrder(user.user_id, 2, "UTC_TIMESTAMP()", {{p, 1}}, cols,
                ", 'wechat', " + recent_ship + ", 'SF', 'SF" + token + "b', " + recent_ship);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  BOOST_TEST(SqlInt("SELECT status FROM orders WHERE id = " + std::to_string(old_order)) == 2);
  RedisCli("DEL jobs:lock:auto_complete");

  bool done = WaitFor(15, [&] {
    return SqlInt("SELECT status FROM orders WHERE id = " + std::to_string(old_order)) == 3;
  });
  BOOST_REQUIRE_MESSAGE(done, "order not auto-completed within 15 s\n" + Daemon().LogTail());
  BOOST_TEST(!SqlScalar("SELECT completed_at FROM orders WHERE id = " + std::to_string(old_order))
                  .empty());
  BOOST_TEST(
      SqlInt("SELECT COUNT(*) FROM order_logs WHERE order_id = " + std::to_string(old_order) +
             " AND action = 'confirm' AND operator_type = 'system' AND from_status = 2 AND "
             "to_status = 3") == 1);
  BOOST_TEST(SqlInt("SELECT status FROM orders WHERE id = " + std::to_string(recent)) == 2);
}

// ---------------------------------------------------------------- coupons

BOOST_AUTO_TEST_CASE(unused_coupons_past_their_end_date_expire) {
  RequireDaemon();
  Session user = Login(UniqueCode("jobs-coupons"));
  std::string ended = Unique("JTE"), running = Unique("JTR");
  const std::string cols =
      "INSERT INTO coupons (code, name, discount_type, discount_value, start_date, end_date) "
      "VALUES ('";
  Sql(cols + ended +
      "', '过期券', 1, 500, UTC_TIMESTAMP() - INTERVAL 10 DAY, UTC_TIMESTAMP() - INTERVAL 1 "
      "MINUTE)");
  Sql(cols + running +
      "', '有效券', 1, 500, UTC_TIMESTAMP() - INTERVAL 10 DAY, UTC_TIMESTAMP() + INTERVAL 1 DAY)");
  int64_t ended_id = SqlInt("SELECT id FROM coupons WHERE code = '" + ended + "'");
  int64_t running_id = SqlInt("SELECT id FROM coupons WHERE code = '" + running + "'");
  std::string uid = std::to_string(user.user_id);
  Sql("INSERT INTO user_coupons (user_id, coupon_id, status) VALUES (" + uid + ", " +
      std::to_string(ended_id) + ", 'unused'), (" + uid + ", " + std::to_string(running_id) +
      ", 'unused')");
  // A used one of the ended coupon stays used.
  Sql("INSERT INTO user_coupons (user_id, coupon_id, status, used_at) VALUES (" + uid + ", " +
      std::to_string(ended_id) + ", 'used', UTC_TIMESTAMP())");

  auto status_of = [&](int64_t coupon, const std::string& status) {
    return SqlInt("SELECT COUNT(*) FROM user_coupons WHERE user_id = " + uid +
                  " AND coupon_id = " + std::to_string(coupon) + " AND status = '" + status + "'");
  };
  BOOST_REQUIRE_MESSAGE(WaitFor(15, [&] { return status_of(ended_id, "expired") == 1; }),
                        "coupon not expired within 15 s\n" + Daemon().LogTail());
  BOOST_TEST(status_of(ended_id, "used") == 1);
  BOOST_TEST(status_of(running_id, "unused") == 1);
}

// ---------------------------------------------------------------- shutdown (last)

BOOST_AUTO_TEST_CASE(the_daemon_exits_0_within_2_seconds_on_sigterm) {
  RequireDaemon();
  SecondDaemon& d = Daemon();
  auto start = std::chrono::steady_clock::now();
  BOOST_REQUIRE(kill(d.pid, SIGTERM) == 0);
  int status = 0;
  pid_t got = 0;
  WaitFor(5, [&] {
    got = waitpid(d.pid, &status, WNOHANG);
    return got == d.pid;
  });
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_REQUIRE_MESSAGE(got == d.pid, "daemon still running 5 s after SIGTERM");
  d.pid = -1;
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(secs < 2.0);
  BOOST_TEST(d.LogTail().find("jobs stopping") != std::string::npos);
}
