// A Redis lock per job run, so two daemons never do the same scan at the same time:
// SET jobs:lock:<job> <random token> NX PX <ttl>, released by a compare-and-delete script
// (a run that outlived its TTL never deletes the next holder's lock).
#pragma once

#include <cstdint>
#include <string>

#include "cache/redis.h"

namespace rz::jobs {

class JobLock {
 public:
  enum class State { kHeld, kBusy, kRedisDown };

  // Tries once; never blocks beyond one Redis round trip.
  JobLock(Redis& redis, const std::string& job, int64_t ttl_ms);
  ~JobLock();  // releases when held
  JobLock(const JobLock&) = delete;
  JobLock& operator=(const JobLock&) = delete;

  State state() const { return state_; }

 private:
  Redis& redis_;
  std::string key_;
  std::string token_;
  State state_ = State::kRedisDown;
};

}  // namespace rz::jobs
