// Redis through hiredis: a small pool of connections with connect and command
// timeouts. Redis is a cache and a queue, never the only copy of anything, so
// every call reports failure instead of throwing and callers fall back to
// MySQL (reads) or answer 5002 (writes that need Redis). After a failed
// connect the pool refuses fast for a short back-off instead of hanging
// every request on a dead server.
#pragma once

#include <hiredis/hiredis.h>

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"

namespace rz {

struct RedisReply {
  bool ok = false;  // transport succeeded and reply is not an error
  int type = 0;     // REDIS_REPLY_*
  std::string str;  // string / status / error text
  int64_t integer = 0;
  std::vector<RedisReply> elements;
  bool is_nil() const { return ok && type == REDIS_REPLY_NIL; }
};

class Redis {
 public:
  // Reads redis.socket or redis.host/port, redis.pool_size, redis.timeout_ms, redis.prefix.
  explicit Redis(const Config& cfg);
  ~Redis();
  Redis(const Redis&) = delete;
  Redis& operator=(const Redis&) = delete;

  // Generic command; arguments are passed binary-safe (never formatted).
  RedisReply Command(const std::vector<std::string>& args);

  std::optional<std::string> Get(const std::string& key);  // nullopt: miss or failure
  bool Set(const std::string& key, const std::string& value, int ttl_seconds = 0);
  bool SetNx(const std::string& key, const std::string& value, int ttl_seconds);  // true if set
  bool Del(const std::string& key);
  std::optional<int64_t> Incr(const std::string& key, int ttl_seconds_if_new = 0);
  bool Ping();
  uint64_t errors() const { return errors_.load(); }

 private:
  using Ctx = std::unique_ptr<redisContext, void (*)(redisContext*)>;
  Ctx Take();
  void Give(Ctx c);
  Ctx Connect();

  std::string host_, socket_;
  int port_;
  int timeout_ms_;
  size_t max_idle_;
  std::mutex mu_;
  std::vector<Ctx> idle_;
  std::atomic<int64_t> down_until_ms_{0};
  std::atomic<uint64_t> errors_{0};
};

}  // namespace rz
