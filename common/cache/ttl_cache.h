// A small per-process memo with an age limit: a value loaded from MySQL is
// reused until it is `ttl` old, so a change made elsewhere shows within `ttl`
// on every process without any invalidation message. For little, slowly
// changing data read on hot paths (admin status and role grants, feature
// switches). Thread-safe; the loader runs outside the lock (two threads may
// load the same key at once, the later store wins); bounded: when full it is
// emptied rather than tracking recency.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <utility>

namespace rz {

template <class Key, class Value>
class TtlCache {
 public:
  explicit TtlCache(std::chrono::steady_clock::duration ttl, size_t max_entries = 10000)
      : ttl_(ttl), max_entries_(max_entries) {}

  // The cached value of `key` while younger than the TTL, else `load(key)`,
  // stored. An exception from `load` propagates and stores nothing.
  template <class Load>
  Value Get(const Key& key, Load&& load) {
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = entries_.find(key);
      if (it != entries_.end() && now - it->second.second < ttl_) return it->second.first;
    }
    Value v = load(key);
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_[key] = {v, now};
    return v;
  }

 private:
  std::chrono::steady_clock::duration ttl_;
  size_t max_entries_;
  std::mutex mu_;
  std::map<Key, std::pair<Value, std::chrono::steady_clock::time_point>> entries_;
};

}  // namespace rz
