// JobLock: SET NX PX with a random token; released by a compare-and-delete Lua script.
#include "handlers/jobs/job_lock.h"

#include "crypto/crypto.h"

namespace rz::jobs {
namespace {

const char* const kReleaseScript =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) "
    "else return 0 end";

}  // namespace

JobLock::JobLock(Redis& redis, const std::string& job, int64_t ttl_ms)
    : redis_(redis), key_("jobs:lock:" + job), token_(crypto::RandomToken(16)) {
  RedisReply r = redis_.Command({"SET", key_, token_, "NX", "PX", std::to_string(ttl_ms)});
  if (!r.ok)
    state_ = State::kRedisDown;
  else if (r.type == REDIS_REPLY_STATUS)
    state_ = State::kHeld;
  else
    state_ = State::kBusy;  // nil: somebody else holds it
}

JobLock::~JobLock() {
  if (state_ == State::kHeld) redis_.Command({"EVAL", kReleaseScript, "1", key_, token_});
}

}  // namespace rz::jobs
