// A per-process cache in front of Redis for hot, rarely-changing rendered
// JSON (product detail, list pages, categories). It removes the Redis round
// trip from the hottest reads while keeping "an admin change is visible on
// the next read": every write path publishes the keys it changed on the
// Redis channel cache:invalidate (see InvalidateKeys) and each process's
// subscriber thread evicts them at once.
//
// Safety rules, because a stale price is worse than a slow one:
//  - while the subscription is down the cache is disabled and emptied, and
//    it is emptied again on resubscribe (messages may have been missed);
//  - a value fetched before an invalidation arrived is not stored
//    (generation check: Get() hands out a ticket, Put() presents it);
//  - entries expire after ttl_seconds regardless; size is bounded.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/config.h"

namespace rz {

class Redis;

class LocalCache {
 public:
  // Reads redis.* for the subscriber connection and cache.local_max_bytes,
  // cache.local_ttl_seconds. Call Start() to begin subscribing.
  explicit LocalCache(const Config& cfg);
  ~LocalCache();
  LocalCache(const LocalCache&) = delete;
  LocalCache& operator=(const LocalCache&) = delete;

  void Start();

  // Miss (nullopt) when absent, expired or the cache is disabled. `ticket`
  // receives the generation to pass to Put() for the value fetched on a miss.
  std::optional<std::string> Get(const std::string& key, uint64_t* ticket);
  void Put(const std::string& key, const std::string& value, uint64_t ticket);

  // Applies one invalidation message: an exact key, or a prefix ending in '*'.
  void Invalidate(const std::string& key_or_prefix);
  void Clear();
  bool enabled() const { return enabled_.load(); }
  size_t bytes() const;

  static constexpr const char* kChannel = "cache:invalidate";

 private:
  void SubscriberLoop();
  struct Entry {
    std::string value;
    int64_t expires_ms;
  };
  std::string redis_host_, redis_socket_;
  int redis_port_;
  size_t max_bytes_;
  int64_t ttl_ms_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  std::deque<std::string> order_;  // insertion order, for eviction
  size_t bytes_ = 0;
  std::atomic<uint64_t> generation_{1};
  std::atomic<bool> enabled_{false};
  std::atomic<bool> stopping_{false};
};

// Deletes `keys` from Redis and publishes them for every process's LocalCache
// (a key ending in '*' evicts that prefix locally; Redis deletion of such a
// pattern is the caller's business). Returns false when Redis is unreachable.
bool InvalidateKeys(Redis& redis, const std::vector<std::string>& keys);

}  // namespace rz
