// Order numbers ORD<yyyymmdd><sequence>, unique across every worker process:
// the sequence is Redis INCR order:seq:<yyyymmdd> (kept 2 days). While Redis is
// unreachable a MySQL row per day hands out numbers from 90 000 000 up, a range
// the Redis counter never reaches, so the two sources cannot collide. If Redis
// lost its counter (restart without persistence) a number may repeat: the
// UNIQUE order_no refuses it and Resync() lifts the counter above every number
// MySQL holds for that day before the caller retries.
#pragma once

#include <cstdint>
#include <string>

#include "cache/redis.h"
#include "db/db.h"

namespace rz::orders {

class OrderNumbers {
 public:
  OrderNumbers(Db& db, Redis& redis) : db_(db), redis_(redis) {}

  // A fresh number for the UTC day of `now_unix` (sequence at least 5 digits).
  std::string Next(int64_t now_unix);
  // After a duplicate order_no: make the day's Redis counter >= the highest
  // Redis-range sequence stored in MySQL for `order_no`'s day.
  void Resync(const std::string& order_no);

  static constexpr int64_t kFallbackStart = 90000000;

 private:
  Db& db_;
  Redis& redis_;
};

}  // namespace rz::orders
