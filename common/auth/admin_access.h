// The admin realm: verifying admin access tokens (HS256 with jwt.admin_secret,
// aud "admin", typ "access", not revoked) of an active, unlocked-or-not admin,
// and answering "does this admin's role hold permission X" from the
// role_permissions table. Both the admin row (status, role) and a role's grants
// are cached per process for at most kCacheSeconds, so a disabled admin or a
// changed role takes effect within seconds on every worker without any
// invalidation message.
#pragma once

#include <chrono>
#include <cstdint>
#include <set>
#include <string>

#include "cache/redis.h"
#include "cache/ttl_cache.h"
#include "db/db.h"
#include "http/request.h"

namespace rz {

class AdminAccess {
 public:
  static constexpr int kCacheSeconds = 3;
  static constexpr char kSuperAdminRole[] = "super_admin";
  // The permission of routes any signed-in admin may call (auth/me, logout, own
  // password): every role holds it implicitly.
  static constexpr char kAnyAdmin[] = "admin:self";

  AdminAccess(std::string admin_secret, Db& db, Redis& redis);

  // 4001 for a bad/expired/revoked token or unknown admin, 4002 for a disabled
  // admin, 5002 when revocation cannot be checked.
  Principal Authenticate(const std::string& token);
  // super_admin holds every permission; other roles what role_permissions grants
  // (and kAnyAdmin).
  bool HasPermission(int64_t role_id, const std::string& code);
  // The role's permission codes and code ("" for an unknown role).
  std::set<std::string> PermissionsOf(int64_t role_id, std::string* role_code = nullptr);

 private:
  struct AdminState {
    int64_t status = -1, role_id = 0;  // status -1: no such admin
  };
  struct RoleGrants {
    std::string code;
    std::set<std::string> permissions;
  };
  AdminState LoadAdmin(int64_t id);
  RoleGrants LoadRole(int64_t role_id);

  std::string secret_;
  Db& db_;
  Redis& redis_;
  TtlCache<int64_t, AdminState> admins_{std::chrono::seconds(kCacheSeconds)};
  TtlCache<int64_t, RoleGrants> roles_{std::chrono::seconds(kCacheSeconds)};
};

}  // namespace rz
