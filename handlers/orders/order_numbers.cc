// OrderNumbers: Redis sequence with a MySQL fallback; see order_numbers.h.
#include "handlers/orders/order_numbers.h"

#include <cstdio>

#include "core/log.h"
#include "core/time_util.h"
#include "handlers/orders/order_repo.h"

namespace rz::orders {
namespace {

constexpr int kSeqTtlSeconds = 2 * 24 * 3600;

std::string Format(const std::string& ymd, int64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%05lld", static_cast<long long>(seq));
  return "ORD" + ymd + buf;
}

// SET key to max(current, value), atomically, keeping the TTL.
const char kRaiseScript[] =
    "local c = tonumber(redis.call('GET', KEYS[1]) or '0') "
    "if c < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end "
    "return 1";

}  // namespace

std::string OrderNumbers::Next(int64_t now_unix) {
  const std::string ymd = FormatYmd(now_unix);
  if (auto seq = redis_.Incr("order:seq:" + ymd, kSeqTtlSeconds)) return Format(ymd, *seq);
  LogWarn("order sequence from MySQL (redis unavailable)", {{"day", ymd}});
  int64_t seq = db_.Run([&](soci::session& s) { return repo::NextFallbackSeq(s, ymd); });
  return Format(ymd, seq);
}

void OrderNumbers::Resync(const std::string& order_no) {
  if (order_no.size() < 11) return;
  const std::string ymd = order_no.substr(3, 8);
  int64_t max =
      db_.Run([&](soci::session& s) { return repo::MaxSeqOfDay(s, ymd, kFallbackStart); });
  RedisReply r = redis_.Command({"EVAL", kRaiseScript, "1", "order:seq:" + ymd, std::to_string(max),
                                 std::to_string(kSeqTtlSeconds)});
  LogWarn("order sequence resynced after a duplicate number",
          {{"day", ymd}, {"max", std::to_string(max)}, {"redis", r.ok ? "ok" : "failed"}});
}

}  // namespace rz::orders
