// Issues, rotates and revokes mini-program tokens, keeping their server-side state
// in Redis:
//   refresh:{fam}       hash {jti, uid}: the family's only live refresh token (30 d)
//   refresh:user:{uid}  set of the user's family ids, so logout can end them all
//   token:revoked:{jti} a logged-out access token, until its own expiry
// Every call needs Redis and answers 5002 when it is down.
#pragma once

#include <cstdint>
#include <string>

#include "cache/redis.h"
#include "crypto/jwt.h"

namespace rz::auth {

constexpr int64_t kAccessTtlSeconds = 7 * 24 * 3600;
constexpr int64_t kRefreshTtlSeconds = 30 * 24 * 3600;

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
};

class TokenService {
 public:
  // `secret` is jwt.secret, the key TokenAuthenticator verifies access tokens with.
  TokenService(std::string secret, Redis& redis);

  // A new access token and a refresh token starting a new family.
  TokenPair IssueNewFamily(int64_t user_id);

  // Signature, expiry, aud "mini" and typ "refresh" of a refresh token; 4001 otherwise.
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

  std::string secret_;
  Redis& redis_;
};

}  // namespace rz::auth
