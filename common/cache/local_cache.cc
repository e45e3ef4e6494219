// LocalCache: bounded in-process cache invalidated over Redis pub/sub.
#include "cache/local_cache.h"

#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
#include <thread>

#include "cache/redis.h"
#include "core/log.h"
#include "core/time_util.h"

namespace rz {

LocalCache::LocalCache(const Config& cfg)
    : redis_host_(cfg.Get("redis.host", "127.0.0.1")),
      redis_socket_(cfg.Get("redis.socket")),
      redis_port_(static_cast<int>(cfg.GetInt("redis.port", 6379))),
      max_bytes_(static_cast<size_t>(cfg.GetInt("cache.local_max_bytes", 12 << 20))),
      ttl_ms_(cfg.GetInt("cache.local_ttl_seconds", 300) * 1000) {}

LocalCache::~LocalCache() { stopping_ = true; }

void LocalCache::Start() {
  if (max_bytes_ == 0) return;  // disabled by config
  std::thread([this] { SubscriberLoop(); }).detach();
}

std::optional<std::string> LocalCache::Get(const std::string& key, uint64_t* ticket) {
  *ticket = generation_.load();
  if (!enabled_.load()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = map_.find(key);
  if (it == map_.end() || it->second.expires_ms < NowMillis()) return std::nullopt;
  return it->second.value;
}

void LocalCache::Put(const std::string& key, const std::string& value, uint64_t ticket) {
  if (!enabled_.load() || value.size() > max_bytes_ / 16) return;
  std::lock_guard<std::mutex> lock(mu_);
  // An invalidation arrived after the caller's Get(): its value may predate it.
  if (ticket != generation_.load()) return;
  auto [it, inserted] = map_.try_emplace(key);
  if (!inserted) bytes_ -= it->second.value.size() + key.size();
  it->second.value = value;
  it->second.expires_ms = NowMillis() + ttl_ms_;
  bytes_ += value.size() + key.size();
  if (inserted) order_.push_back(key);
  while (bytes_ > max_bytes_ && !order_.empty()) {
    auto old = map_.find(order_.front());
    if (old != map_.end()) {
      bytes_ -= old->second.value.size() + old->first.size();
      map_.erase(old);
    }
    order_.pop_front();
  }
}

void LocalCache::Invalidate(const std::string& k) {
  std::lock_guard<std::mutex> lock(mu_);
  generation_++;
  if (!k.empty() && k.back() == '*') {
    std::string prefix = k.substr(0, k.size() - 1);
    for (auto it = map_.begin(); it != map_.end();) {
      if (it->first.compare(0, prefix.size(), prefix) == 0) {
        bytes_ -= it->second.value.size() + it->first.size();
        it = map_.erase(it);
      } else {
        ++it;
      }
    }
  } else if (auto it = map_.find(k); it != map_.end()) {
    bytes_ -= it->second.value.size() + it->first.size();
    map_.erase(it);
  }
  // order_ may name erased keys; Put() skips them when evicting.
}

void LocalCache::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  generation_++;
  map_.clear();
  order_.clear();
  bytes_ = 0;
}

size_t LocalCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

void LocalCache::SubscriberLoop() {
  using Ctx = std::unique_ptr<redisContext, void (*)(redisContext*)>;
  while (!stopping_.load()) {
    timeval tv{1, 0};
    Ctx c(redis_socket_.empty() ? redisConnectWithTimeout(redis_host_.c_str(), redis_port_, tv)
                                : redisConnectUnixWithTimeout(redis_socket_.c_str(), tv),
          redisFree);
    if (c && !c->err) {
      std::unique_ptr<redisReply, void (*)(void*)> sub(
          static_cast<redisReply*>(redisCommand(c.get(), "SUBSCRIBE %s", kChannel)),
          freeReplyObject);
      if (sub) {
        // Reads block without timeout from here on; a dead server surfaces as an error.
        timeval forever{0, 0};
        redisSetTimeout(c.get(), forever);
        Clear();  // anything cached before may have missed messages
        enabled_ = true;
        for (;;) {
          void* raw = nullptr;
          if (redisGetReply(c.get(), &raw) != REDIS_OK || !raw) break;
          std::unique_ptr<redisReply, void (*)(void*)> msg(static_cast<redisReply*>(raw),
                                                           freeReplyObject);
          if (msg->type == REDIS_REPLY_ARRAY && msg->elements == 3 &&
              msg->element[2]->type == REDIS_REPLY_STRING) {
            Invalidate(std::string(msg->element[2]->str, msg->element[2]->len));
          }
        }
      }
    }
    if (enabled_.exchange(false)) LogWarn("local cache disabled: invalidation channel lost");
    Clear();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

bool InvalidateKeys(Redis& redis, const std::vector<std::string>& keys) {
  bool ok = true;
  for (const auto& k : keys) {
    if (k.empty() || k.back() != '*') ok = redis.Del(k) && ok;
    ok = redis.Command({"PUBLISH", LocalCache::kChannel, k}).ok && ok;
  }
  return ok;
}

}  // namespace rz
