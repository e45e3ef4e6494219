// hiredis connection pool with timeouts and fast failure while Redis is down.
#include "cache/redis.h"

#include "core/log.h"
#include "core/time_util.h"

namespace rz {
namespace {

constexpr int64_t kBackoffMs = 500;

void FreeCtx(redisContext* c) {
  if (c) redisFree(c);
}

RedisReply Convert(const redisReply* r) {
  RedisReply out;
  if (!r) return out;
  out.type = r->type;
  out.ok = r->type != REDIS_REPLY_ERROR;
  switch (r->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      for (size_t i = 0; i < r->elements; ++i) out.elements.push_back(Convert(r->element[i]));
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

Redis::Redis(const Config& cfg)
    : host_(cfg.Get("redis.host", "127.0.0.1")),
      socket_(cfg.Get("redis.socket")),
      port_(static_cast<int>(cfg.GetInt("redis.port", 6379))),
      timeout_ms_(static_cast<int>(cfg.GetInt("redis.timeout_ms", 200))),
      max_idle_(static_cast<size_t>(cfg.GetInt("redis.pool_size", 16))) {}

Redis::~Redis() = default;

Redis::Ctx Redis::Connect() {
  if (NowMillis() < down_until_ms_.load()) return Ctx(nullptr, FreeCtx);
  timeval tv{timeout_ms_ / 1000, (timeout_ms_ % 1000) * 1000};
  redisContext* raw = socket_.empty() ? redisConnectWithTimeout(host_.c_str(), port_, tv)
                                      : redisConnectUnixWithTimeout(socket_.c_str(), tv);
  Ctx c(raw, FreeCtx);
  if (!c || c->err) {
    down_until_ms_ = NowMillis() + kBackoffMs;
    errors_++;
    return Ctx(nullptr, FreeCtx);
  }
  redisSetTimeout(c.get(), tv);
  return c;
}

Redis::Ctx Redis::Take() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      Ctx c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return Connect();
}

void Redis::Give(Ctx c) {
  if (!c || c->err) return;  // a broken connection is dropped (RAII frees it)
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(c));
}

RedisReply Redis::Command(const std::vector<std::string>& args) {
  // A pooled connection may have been closed by a Redis restart: one retry on a fresh one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    Ctx c = Take();
    if (!c) return RedisReply{};
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    argv.reserve(args.size());
    lens.reserve(args.size());
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    auto* raw = static_cast<redisReply*>(
        redisCommandArgv(c.get(), static_cast<int>(argv.size()), argv.data(), lens.data()));
    std::unique_ptr<redisReply, void (*)(void*)> reply(raw, freeReplyObject);
    if (!reply) {
      // The server went away (or restarted): every idle connection is as dead
      // as this one, so drop them all and retry once on a fresh connection.
      errors_++;
      std::lock_guard<std::mutex> lock(mu_);
      idle_.clear();
      continue;
    }
    RedisReply out = Convert(reply.get());
    Give(std::move(c));
    return out;
  }
  down_until_ms_ = NowMillis() + kBackoffMs;
  return RedisReply{};
}

std::optional<std::string> Redis::Get(const std::string& key) {
  RedisReply r = Command({"GET", key});
  if (!r.ok || r.type != REDIS_REPLY_STRING) return std::nullopt;
  return std::move(r.str);
}

bool Redis::Set(const std::string& key, const std::string& value, int ttl) {
  RedisReply r = ttl > 0 ? Command({"SET", key, value, "EX", std::to_string(ttl)})
                         : Command({"SET", key, value});
  return r.ok;
}

bool Redis::SetNx(const std::string& key, const std::string& value, int ttl) {
  RedisReply r = Command({"SET", key, value, "NX", "EX", std::to_string(ttl)});
  return r.ok && r.type == REDIS_REPLY_STATUS;
}

bool Redis::Del(const std::string& key) { return Command({"DEL", key}).ok; }

std::optional<int64_t> Redis::Incr(const std::string& key, int ttl_if_new) {
  RedisReply r = Command({"INCR", key});
  if (!r.ok || r.type != REDIS_REPLY_INTEGER) return std::nullopt;
  if (r.integer == 1 && ttl_if_new > 0) Command({"EXPIRE", key, std::to_string(ttl_if_new)});
  return r.integer;
}

bool Redis::Ping() {
  RedisReply r = Command({"PING"});
  return r.ok && r.str == "PONG";
}

}  // namespace rz
