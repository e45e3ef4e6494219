// jobs daemon: the long-running background process (not FastCGI). Expires unpaid orders
// (closing their WeChat trades first), reconciles unpaid payments with WeChat Pay, executes
// approved refunds, auto-completes shipped orders, expires coupons and folds the analytics
// event stream into daily counters, until SIGTERM/SIGINT. Safe to run two copies (see
// jobs.h, events_consumer.h).
//
//   build/bin/jobs --config ruizhu.conf      (config path also from RUIZHU_CONFIG)
//
// Optional config keys (milliseconds): jobs.expire_orders_period_ms (5000),
// jobs.auto_complete_period_ms (60000), jobs.expire_coupons_period_ms (60000),
// jobs.reconcile_period_ms (10000), jobs.refunds_period_ms (5000); seconds:
// jobs.reconcile_after_s (60), jobs.refund_resend_after_s (60).
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "cache/redis.h"
#include "core/config.h"
#include "core/log.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "handlers/jobs/events_consumer.h"
#include "handlers/jobs/jobs.h"
#include "handlers/jobs/scheduler.h"

namespace {

std::string ParseConfigPath(int argc, char** argv) {
  std::string path;
  if (const char* env = std::getenv("RUIZHU_CONFIG")) path = env;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (k == "--config" && i + 1 < argc) {
      path = argv[++i];
    } else if (k == "--help" || k == "-h") {
      std::cout << "usage: " << argv[0] << " --config FILE\n"
                << "Runs the background jobs until SIGTERM or SIGINT.\n";
      std::exit(0);
    } else {
      throw std::runtime_error("unknown argument " + k);
    }
  }
  if (path.empty()) throw std::runtime_error("--config FILE (or RUIZHU_CONFIG) is required");
  return path;
}

std::string ConsumerName() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
    std::snprintf(host, sizeof host, "host");
  return std::string(host) + "-" + std::to_string(getpid()) + "-" +
         rz::crypto::HexEncode(rz::crypto::RandomBytes(3));
}

// The stream consumer blocks in XREADGROUP for a second: it gets its own small pool whose
// command timeout is longer than that (the shared pool keeps the configured short timeout).
std::unique_ptr<rz::Redis> BlockingRedis(const rz::Config& cfg) {
  int64_t timeout = std::max<int64_t>(cfg.GetInt("redis.timeout_ms", 200), 3000);
  auto c = rz::Config::FromMap({{"redis.socket", cfg.Get("redis.socket")},
                                {"redis.host", cfg.Get("redis.host", "127.0.0.1")},
                                {"redis.port", cfg.Get("redis.port", "6379")},
                                {"redis.timeout_ms", std::to_string(timeout)},
                                {"redis.pool_size", "2"}});
  return std::make_unique<rz::Redis>(c);
}

// The WeChat Pay client, or none (logged) when the wechatpay.* settings are absent:
// then unpaid orders simply expire and no payment job runs.
std::unique_ptr<rz::wechatpay::Client> WechatPay(const rz::Config& cfg) {
  if (cfg.Get("wechatpay.mchid").empty()) {
    rz::LogWarn("wechatpay not configured: payment jobs off", {});
    return nullptr;
  }
  return std::make_unique<rz::wechatpay::Client>(rz::wechatpay::Settings::FromConfig(cfg));
}

}  // namespace

int main(int argc, char** argv) {
  using rz::jobs::JobSpec;
  using std::chrono::milliseconds;
  // Signals go to the main thread's sigwait only: block them before any thread exists
  // (the logger starts one).
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  // A shell starts background commands with SIGINT ignored; an ignored signal never reaches
  // sigwait, so take the default disposition back (blocked, it still only wakes sigwait).
  signal(SIGTERM, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  signal(SIGPIPE, SIG_IGN);
  try {
    rz::Config cfg = rz::Config::Load(ParseConfigPath(argc, argv));
    std::string log_dir = cfg.Get("log.dir");
    rz::LogInit(log_dir.empty() ? "" : log_dir + "/jobs.log",
                rz::ParseLogLevel(cfg.Get("log.level", "info")), "jobs");

    rz::Db db(cfg);  // pools connect lazily: MySQL or Redis down at start is no error
    rz::Redis redis(cfg);
    auto stream_redis = BlockingRedis(cfg);
    rz::jobs::EventsConsumer consumer(db, *stream_redis, ConsumerName());

    auto period = [&](const char* key, int64_t def) {
      return milliseconds(std::max<int64_t>(cfg.GetInt(key, def), 100));
    };
    rz::jobs::Scheduler scheduler;
    auto locked = [&redis](const std::string& name, milliseconds p, std::function<bool()> job) {
      return JobSpec{name, p, [&redis, name, p, job = std::move(job)] {
                       return rz::jobs::RunLocked(redis, name, 2 * p.count(), job);
                     }};
    };
    std::unique_ptr<rz::wechatpay::Client> pay = WechatPay(cfg);
    const rz::wechatpay::Client* pay_ptr = pay.get();
    scheduler.Add(locked(
        "expire_orders", period("jobs.expire_orders_period_ms", 5000),
        [&db, &redis, pay_ptr] { return rz::jobs::ExpireUnpaidOrders(db, &redis, pay_ptr); }));
    scheduler.Add(locked("auto_complete", period("jobs.auto_complete_period_ms", 60000),
                         [&db] { return rz::jobs::AutoCompleteOrders(db); }));
    scheduler.Add(locked("expire_coupons", period("jobs.expire_coupons_period_ms", 60000),
                         [&db] { return rz::jobs::ExpireCoupons(db); }));
    if (pay_ptr) {
      const int64_t reconcile_after = cfg.GetInt("jobs.reconcile_after_s", 60);
      const int64_t resend_after = cfg.GetInt("jobs.refund_resend_after_s", 60);
      scheduler.Add(locked("reconcile_payments", period("jobs.reconcile_period_ms", 10000),
                           [&db, &redis, pay_ptr, reconcile_after] {
                             return rz::jobs::ReconcilePayments(db, &redis, *pay_ptr,
                                                                reconcile_after);
                           }));
      scheduler.Add(locked("execute_refunds", period("jobs.refunds_period_ms", 5000),
                           [&db, pay_ptr, resend_after] {
                             return rz::jobs::ExecuteRefunds(db, *pay_ptr, resend_after);
                           }));
    }
    scheduler.Add(
        JobSpec{"events", milliseconds(1000), [&consumer] { return consumer.RunOnce(); }});
    scheduler.Start();
    rz::LogInfo("jobs started", {{"consumer", consumer.consumer_name()}});

    int sig = 0;
    while (true) {
      sigwait(&sigs, &sig);
      if (sig != SIGHUP) break;  // SIGHUP: nothing to reload
    }
    scheduler.Stop();
    // Runs end within about a second (the stream read blocks for at most 1 s). A run stuck on
    // a dead database is abandoned: every change is one transaction, so exiting is safe.
    bool clean = scheduler.Wait(milliseconds(1500));
    rz::LogInfo("jobs stopping",
                {{"signal", std::to_string(sig)}, {"clean", clean ? "true" : "false"}});
    rz::LogFlush();
    std::_Exit(0);  // skip static destructors that an abandoned run could race with
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jobs: fatal: %s\n", e.what());
    rz::LogError("fatal", {{"error", e.what()}});
    rz::LogFlush();
    return 1;
  }
}
