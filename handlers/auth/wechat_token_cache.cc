// Fleet-wide WeChat access token cache with a Redis lock around refreshes.
#include "handlers/auth/wechat_token_cache.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"
#include "crypto/crypto.h"

namespace rz::auth {
namespace {

const char kTokenKey[] = "wx:access_token";
const char kLockKey[] = "wx:access_token:lock";
// Longer than a WeChat call can take (connect 3 s + read 5 s, one retry), so the
// lock does not lapse while its holder is still fetching.
constexpr int kLockTtlSeconds = 20;
// How long a worker waits for another one's refresh before giving up (5002).
constexpr int64_t kWaitMs = 3000;
constexpr int kPollMs = 50;
// Refresh 5 minutes before WeChat expires the token.
constexpr int64_t kExpiryMarginSeconds = 300;

// Deletes the lock only if it is still ours (it may have lapsed and been taken).
const char kUnlock[] = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

class LockGuard {
 public:
  LockGuard(Redis& redis, std::string value) : redis_(redis), value_(std::move(value)) {}
  ~LockGuard() { redis_.Command({"EVAL", kUnlock, "1", kLockKey, value_}); }
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;

 private:
  Redis& redis_;
  std::string value_;
};

// The cached token: nullopt on a miss, 5002 when Redis does not answer.
std::optional<std::string> ReadCached(Redis& redis) {
  RedisReply r = redis.Command({"GET", kTokenKey});
  if (!r.ok) throw Unavailable("session store unavailable");
  if (r.type != REDIS_REPLY_STRING || r.str.empty()) return std::nullopt;
  return r.str;
}

}  // namespace

WechatTokenCache::WechatTokenCache(const WechatClient& client, Redis& redis)
    : client_(client), redis_(redis) {}

std::string WechatTokenCache::Get() { return Obtain(""); }

std::string WechatTokenCache::Replace(const std::string& rejected) { return Obtain(rejected); }

std::string WechatTokenCache::Obtain(const std::string& unwanted) {
  const int64_t deadline = NowMillis() + kWaitMs;
  while (true) {
    auto cached = ReadCached(redis_);
    if (cached && *cached != unwanted) return *cached;

    const std::string lock_value = crypto::RandomToken(12);
    if (redis_.SetNx(kLockKey, lock_value, kLockTtlSeconds)) {
      LockGuard guard(redis_, lock_value);
      // Another worker may have stored a fresh token between our read and the lock.
      cached = ReadCached(redis_);
      if (cached && *cached != unwanted) return *cached;
      return FetchAndStore();
    }
    if (NowMillis() >= deadline) throw Unavailable("wechat access token refresh in progress");
    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
  }
}

std::string WechatTokenCache::FetchAndStore() {
  WechatClient::AccessToken t = client_.FetchAccessToken();
  const int64_t ttl = std::max<int64_t>(60, t.expires_in - kExpiryMarginSeconds);
  // Not storing it only costs the next caller a fetch; the token is still good now.
  if (!redis_.Set(kTokenKey, t.token, static_cast<int>(ttl))) {
    LogWarn("could not cache the wechat access token");
  }
  return t.token;
}

}  // namespace rz::auth
