// Admin token verification and permission checks; see admin_access.h.
#include "auth/admin_access.h"

#include "auth/token_auth.h"
#include "core/error.h"
#include "core/time_util.h"
#include "crypto/jwt.h"
#include "db/sql.h"

namespace rz {

AdminAccess::AdminAccess(std::string admin_secret, Db& db, Redis& redis)
    : secret_(std::move(admin_secret)), db_(db), redis_(redis) {}

AdminAccess::AdminState AdminAccess::LoadAdmin(int64_t id) {
  return admins_.Get(id, [this](int64_t admin_id) {
    AdminState st;
    db_.Run([&](soci::session& s) {
      SqlQuery q("SELECT status, role_id FROM admins");
      q.Append(" WHERE id = ?", static_cast<long long>(admin_id));
      q.ForEach(s, [&](const soci::row& r) {
        st.status = RowInt(r, 0);
        st.role_id = RowInt(r, 1);
      });
      return 0;
    });
    return st;
  });
}

AdminAccess::RoleGrants AdminAccess::LoadRole(int64_t role_id) {
  return roles_.Get(role_id, [this](int64_t id) {
    RoleGrants g;
    db_.Run([&](soci::session& s) {
      SqlQuery q("SELECT code FROM roles");
      q.Append(" WHERE id = ?", static_cast<long long>(id));
      q.ForEach(s, [&](const soci::row& r) { g.code = RowStr(r, 0); });
      SqlQuery p(
          "SELECT p.code FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id");
      p.Append(" WHERE rp.role_id = ?", static_cast<long long>(id));
      p.ForEach(s, [&](const soci::row& r) { g.permissions.insert(RowStr(r, 0)); });
      return 0;
    });
    return g;
  });
}

Principal AdminAccess::Authenticate(const std::string& token) {
  if (secret_.empty()) throw Unauthorized("admin realm not configured");
  auto res = crypto::JwtVerify(token, secret_, "admin", "access", NowUnix());
  if (!res.claims)
    throw Unauthorized(res.error == crypto::JwtError::kExpired ? "token expired" : "invalid token");
  const auto& c = *res.claims;
  RedisReply r = redis_.Command({"EXISTS", TokenAuthenticator::RevokedKey(c.jti)});
  if (!r.ok) throw Unavailable("session store unavailable");
  if (r.integer != 0) throw Unauthorized("token revoked");
  AdminState st = LoadAdmin(c.sub);
  if (st.status < 0) throw Unauthorized("unknown admin");
  if (st.status != 1) throw Forbidden("account disabled");
  Principal p;
  p.id = c.sub;
  p.jti = c.jti;
  p.token_exp = c.exp;
  p.role_id = st.role_id;
  return p;
}

bool AdminAccess::HasPermission(int64_t role_id, const std::string& code) {
  if (code == kAnyAdmin) return true;
  RoleGrants g = LoadRole(role_id);
  return g.code == kSuperAdminRole || g.permissions.count(code) > 0;
}

std::set<std::string> AdminAccess::PermissionsOf(int64_t role_id, std::string* role_code) {
  RoleGrants g = LoadRole(role_id);
  if (role_code) *role_code = g.code;
  return g.permissions;
}

}  // namespace rz
