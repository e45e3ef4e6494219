// The periodic jobs of the jobs daemon. Each returns true when it did a full batch (more
// work is waiting: the scheduler runs it again at once) and throws on MySQL failures (the
// scheduler logs them and retries next period). All of them are safe to run in two daemons
// at once: every change is a conditional UPDATE; the Redis lock (RunLocked) only keeps two
// daemons from doing the same scan at the same moment.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "cache/redis.h"
#include "db/db.h"
#include "wechatpay/client.h"

namespace rz::jobs {

// Pending orders whose pay_deadline passed -> cancelled (stock and coupon released), 100 a run.
// With a WeChat Pay client, an order's open WeChat trade is closed first: a trade WeChat
// says is paid is applied instead (the order becomes paid), and an order whose trade could
// not be closed (WeChat unreachable) waits for the next run.
bool ExpireUnpaidOrders(Db& db, Redis* redis, const wechatpay::Client* pay);

// Reconciliation: unpaid payments whose notification should have come by now (prepared
// more than `after_seconds` ago, not asked about for `after_seconds`) are queried at
// WeChat; a SUCCESS goes through the notification's own code path. 50 a run.
bool ReconcilePayments(Db& db, Redis* redis, const wechatpay::Client& pay, int64_t after_seconds);

// Approved refunds are sent to WeChat Pay; processing ones whose answer never came
// (submitted more than `resend_after_seconds` ago) are sent again (same out_refund_no).
bool ExecuteRefunds(Db& db, const wechatpay::Client& pay, int64_t resend_after_seconds);

// Shipped orders older than the `auto_complete_days` setting (default 10) -> completed.
bool AutoCompleteOrders(Db& db);
// The `auto_complete_days` setting (settings table, JSON number); 10 when missing or invalid.
int64_t AutoCompleteDays(Db& db);

// Unused user coupons whose coupon's end_date passed -> 'expired'.
bool ExpireCoupons(Db& db);

// Runs `job` under the Redis lock jobs:lock:<name> (TTL `lock_ttl_ms`). Lock held elsewhere:
// skips this round. Redis down: runs without the lock (the job is safe anyway) and warns once
// until Redis is back.
bool RunLocked(Redis& redis, const std::string& name, int64_t lock_ttl_ms,
               const std::function<bool()>& job);

}  // namespace rz::jobs
