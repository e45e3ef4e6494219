// Access-token verification with revocation and user-status checks.
#include "auth/token_auth.h"

#include "core/time_util.h"
#include "crypto/jwt.h"

namespace rz {

TokenAuthenticator::TokenAuthenticator(std::string secret, Db& db, Redis& redis,
                                       std::string admin_secret)
    : secret_(std::move(secret)),
      db_(db),
      redis_(redis),
      admin_(std::move(admin_secret), db, redis) {}

bool TokenAuthenticator::HasPermission(const Principal& p, const std::string& permission) {
  return p.role_id > 0 && admin_.HasPermission(p.role_id, permission);
}

Principal TokenAuthenticator::Authenticate(const std::string& token, Realm realm) {
  if (realm == Realm::kAdmin) return admin_.Authenticate(token);
  auto res = crypto::JwtVerify(token, secret_, "mini", "access", NowUnix());
  if (!res.claims)
    throw Unauthorized(res.error == crypto::JwtError::kExpired ? "token expired" : "invalid token");
  const auto& c = *res.claims;

  // One round trip: revocation marker and cached user status.
  RedisReply r = redis_.Command({"MGET", RevokedKey(c.jti), UserKey(c.sub)});
  if (!r.ok || r.elements.size() != 2) {
    if (realm == Realm::kOptionalUser) return Principal{};
    throw Unavailable("session store unavailable");
  }
  if (!r.elements[0].is_nil()) throw Unauthorized("token revoked");

  std::string status = r.elements[1].is_nil() ? "" : r.elements[1].str;
  if (status.empty()) {
    int st = -1;
    soci::indicator ind = soci::i_null;
    db_.Run([&](soci::session& s) {
      s << "SELECT status FROM users WHERE id = :id AND deleted_at IS NULL", soci::use(c.sub),
          soci::into(st, ind);
      return 0;
    });
    if (ind != soci::i_ok) throw Unauthorized("unknown user");
    status = std::to_string(st);
    redis_.Set(UserKey(c.sub), status, 7200);
  }
  if (status != "1") throw Forbidden("account disabled");

  Principal p;
  p.id = c.sub;
  p.jti = c.jti;
  p.token_exp = c.exp;
  return p;
}

}  // namespace rz
