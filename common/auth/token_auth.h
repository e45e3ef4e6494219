// Bearer-token authentication of both realms. Mini-program: a valid HS256
// access token (aud "mini", typ "access"), not revoked (token:revoked:{jti}), of
// a user that exists and is enabled (status cached in user:{id}, 2 h). Admin:
// see auth/admin_access.h (its own secret and aud, so neither realm's token is
// accepted by the other).
#pragma once

#include <memory>
#include <string>

#include "auth/admin_access.h"
#include "cache/redis.h"
#include "db/db.h"
#include "http/dispatcher.h"

namespace rz {

class TokenAuthenticator : public Authenticator {
 public:
  // admin_secret "" refuses the admin realm (4001).
  TokenAuthenticator(std::string mini_secret, Db& db, Redis& redis, std::string admin_secret = "");
  // kUser: 4001 for a bad/expired/revoked token or unknown user, 4002 for a
  // disabled user, 5002 when revocation cannot be checked (Redis down).
  // kOptionalUser: as kUser, except that an unverifiable-right-now token
  // (Redis down) is treated as anonymous rather than failing a public read.
  // kAdmin: AdminAccess::Authenticate.
  Principal Authenticate(const std::string& token, Realm realm) override;
  bool HasPermission(const Principal& p, const std::string& permission) override;
  AdminAccess& admin() { return admin_; }

  static std::string RevokedKey(const std::string& jti) { return "token:revoked:" + jti; }
  static std::string UserKey(int64_t id) { return "user:" + std::to_string(id); }

 private:
  std::string secret_;
  Db& db_;
  Redis& redis_;
  AdminAccess admin_;
};

}  // namespace rz
