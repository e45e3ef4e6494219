// Token issuing and refresh-family state; the Redis side runs as Lua scripts so
// each step (create, rotate, revoke-all) is one atomic round trip.
#include "auth/token_service.h"

#include <algorithm>
#include <utility>

#include "auth/token_auth.h"
#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"
#include "crypto/crypto.h"

namespace rz::auth {
namespace {

const char kCreateFamily[] = R"lua(
redis.call('HSET', KEYS[1], 'jti', ARGV[1], 'uid', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1
)lua";

// 1 rotated; 0 family unknown (expired, logged out, or already killed);
// -1 replay of a superseded token: the family is deleted.
const char kRotate[] = R"lua(
local cur = redis.call('HGET', KEYS[1], 'jti')
if not cur then return 0 end
if cur ~= ARGV[1] or redis.call('HGET', KEYS[1], 'uid') ~= ARGV[3] then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[5])
  return -1
end
redis.call('HSET', KEYS[1], 'jti', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
)lua";

const char kRevokeAll[] = R"lua(
local fams = redis.call('SMEMBERS', KEYS[1])
for _, f in ipairs(fams) do redis.call('DEL', ARGV[1] .. f) end
redis.call('DEL', KEYS[1])
return #fams
)lua";

ApiError StoreDown() { return Unavailable("session store unavailable"); }

}  // namespace

TokenService::TokenService(std::string secret, Redis& redis, TokenRealm realm)
    : secret_(std::move(secret)), redis_(redis), realm_(std::move(realm)) {}

std::string TokenService::SignAccess(int64_t user_id, int64_t now) const {
  crypto::JwtClaims c;
  c.sub = user_id;
  c.aud = realm_.aud;
  c.typ = "access";
  c.iat = now;
  c.exp = now + realm_.access_ttl;
  c.jti = crypto::RandomToken(16);
  return crypto::JwtSign(c, secret_);
}

std::string TokenService::SignRefresh(int64_t user_id, const std::string& fam,
                                      const std::string& jti, int64_t now) const {
  crypto::JwtClaims c;
  c.sub = user_id;
  c.aud = realm_.aud;
  c.typ = "refresh";
  c.iat = now;
  c.exp = now + realm_.refresh_ttl;
  c.jti = jti;
  c.fam = fam;
  return crypto::JwtSign(c, secret_);
}

TokenPair TokenService::IssueNewFamily(int64_t user_id) {
  const int64_t now = NowUnix();
  const std::string fam = crypto::RandomToken(16);
  const std::string jti = crypto::RandomToken(16);
  RedisReply r =
      redis_.Command({"EVAL", kCreateFamily, "2", FamilyKey(fam), SubjectFamiliesKey(user_id), jti,
                      std::to_string(user_id), std::to_string(realm_.refresh_ttl), fam});
  if (!r.ok) throw StoreDown();
  return {SignAccess(user_id, now), SignRefresh(user_id, fam, jti, now)};
}

crypto::JwtClaims TokenService::VerifyRefresh(const std::string& token) const {
  auto res = crypto::JwtVerify(token, secret_, realm_.aud, "refresh", NowUnix());
  if (!res.claims || res.claims->fam.empty()) {
    throw Unauthorized(res.error == crypto::JwtError::kExpired ? "refresh token expired"
                                                               : "invalid refresh token");
  }
  return *res.claims;
}

TokenPair TokenService::Rotate(const crypto::JwtClaims& refresh) {
  const int64_t now = NowUnix();
  const std::string jti = crypto::RandomToken(16);
  RedisReply r = redis_.Command(
      {"EVAL", kRotate, "2", FamilyKey(refresh.fam), SubjectFamiliesKey(refresh.sub), refresh.jti,
       jti, std::to_string(refresh.sub), std::to_string(realm_.refresh_ttl), refresh.fam});
  if (!r.ok || r.type != REDIS_REPLY_INTEGER) throw StoreDown();
  if (r.integer == -1) {
    LogWarn("refresh token reuse; family revoked", {{"user", std::to_string(refresh.sub)}});
    throw Unauthorized("refresh token reuse detected");
  }
  if (r.integer != 1) throw Unauthorized("refresh token revoked");
  return {SignAccess(refresh.sub, now), SignRefresh(refresh.sub, refresh.fam, jti, now)};
}

void TokenService::RevokeAccess(const std::string& jti, int64_t exp) {
  // Kept exactly as long as the token could still verify; at least a second so
  // a token on its last second is revoked too.
  const int64_t ttl = std::max<int64_t>(1, exp - NowUnix() + 1);
  RedisReply r =
      redis_.Command({"SET", TokenAuthenticator::RevokedKey(jti), "1", "EX", std::to_string(ttl)});
  if (!r.ok) throw StoreDown();
}

void TokenService::RevokeFamilies(int64_t user_id) {
  RedisReply r =
      redis_.Command({"EVAL", kRevokeAll, "1", SubjectFamiliesKey(user_id), realm_.key_prefix});
  if (!r.ok) throw StoreDown();
}

}  // namespace rz::auth
