// Issues, rotates and revokes access + refresh tokens of one realm (the
// mini-program's, or the admin console's), keeping their server-side state in
// Redis (<p> = the realm's key prefix: "refresh:" mini, "admin:refresh:" admin):
//   <p>{fam}            hash {jti, uid}: the family's only live refresh token
//   <p>user:{uid}       set of the subject's family ids, so logout can end them all
//   token:revoked:{jti} a logged-out access token, until its own expiry
// Every call needs Redis and answers 5002 when it is down.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "cache/redis.h"
#include "crypto/jwt.h"

namespace rz::auth {

// Mini-program realm lifetimes.
constexpr int64_t kAccessTtlSeconds = 7 * 24 * 3600;
constexpr int64_t kRefreshTtlSeconds = 30 * 24 * 3600;
// Admin realm lifetimes (admin.md: 2 h access).
constexpr int64_t kAdminAccessTtlSeconds = 2 * 3600;
constexpr int64_t kAdminRefreshTtlSeconds = 7 * 24 * 3600;

struct TokenRealm {
  std::string aud;         // JWT aud: "mini" / "admin"
  int64_t access_ttl = 0;  // seconds
  int64_t refresh_ttl = 0;
  std::string key_prefix;  // Redis prefix of refresh families
  static TokenRealm Mini() { return {"mini", kAccessTtlSeconds, kRefreshTtlSeconds, "refresh:"}; }
  static TokenRealm Admin() {
    return {"admin", kAdminAccessTtlSeconds, kAdminRefreshTtlSeconds, "admin:refresh:"};
  }
};

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
};

class TokenService {
 public:
  // `secret`: jwt.secret (mini) or jwt.admin_secret (admin), the key
  // TokenAuthenticator verifies that realm's access tokens with.
  TokenService(std::string secret, Redis& redis, TokenRealm realm = TokenRealm::Mini());

  // A new access token and a refresh token starting a new family.
  TokenPair IssueNewFamily(int64_t user_id);

  // Signature, expiry, the realm's aud and typ "refresh" of a refresh token; 4001 otherwise.
  crypto::JwtClaims VerifyRefresh(const std::string& refresh_token) const;

  // Exchanges a verified refresh token for a new pair in the same family. Atomic in
  // Redis, so of two concurrent uses of one token only one wins. A token that is
  // not the family's current one is a replay (possibly stolen): the family is
  // deleted, which kills its newest token too, and the caller gets 4001.
  TokenPair Rotate(const crypto::JwtClaims& refresh);

  // Marks an access token revoked until `exp` (unix seconds).
  void RevokeAccess(const std::string& jti, int64_t exp);
  // Deletes every refresh family of the user.
  void RevokeFamilies(int64_t user_id);

 private:
  std::string SignAccess(int64_t user_id, int64_t now) const;
  std::string SignRefresh(int64_t user_id, const std::string& fam, const std::string& jti,
                          int64_t now) const;

  std::string FamilyKey(const std::string& fam) const { return realm_.key_prefix + fam; }
  std::string SubjectFamiliesKey(int64_t id) const {
    return realm_.key_prefix + "user:" + std::to_string(id);
  }

  std::string secret_;
  Redis& redis_;
  TokenRealm realm_;
};

}  // namespace rz::auth
