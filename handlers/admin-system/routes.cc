// The admin-system route table: every route with its realm and permission
// code (admin.md module 8). Login and refresh are public; the caller's own
// account routes need only a signed-in admin (AdminAccess::kAnyAdmin).
#include "handlers/admin-system/routes.h"

#include <memory>

#include "auth/admin_access.h"
#include "handlers/admin-system/handlers.h"

namespace rz::admin_system {

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the services hold no per-request state.
  auto auth = std::make_shared<AuthService>(*ctx.db, *ctx.redis, ctx.config);
  auto admins = std::make_shared<AdminService>(*ctx.db, *ctx.redis, ctx.config);
  auto roles = std::make_shared<RoleService>(*ctx.db);
  auto logs = std::make_shared<LogService>(*ctx.db);
  auto settings = std::make_shared<SettingsService>(*ctx.db);
  const std::string base = "/api/admin/v1";
  const std::string self = AdminAccess::kAnyAdmin;
  const Realm admin = Realm::kAdmin;
  Router r;
  r.Add("POST", base + "/auth/login", BindService(auth, HandleLogin), Realm::kPublic);
  r.Add("POST", base + "/auth/refresh", BindService(auth, HandleRefresh), Realm::kPublic);
  r.Add("POST", base + "/auth/logout", BindService(auth, HandleLogout), admin, self);
  r.Add("GET", base + "/auth/me", BindService(auth, HandleMe), admin, self);
  r.Add("PUT", base + "/auth/password", BindService(auth, HandlePasswordChange), admin, self);

  r.Add("GET", base + "/admins", BindService(admins, HandleAdminList), admin, "admin:manage");
  r.Add("POST", base + "/admins", BindService(admins, HandleAdminCreate), admin, "admin:manage");
  r.Add("GET", base + "/admins/{id}", BindService(admins, HandleAdminGet), admin, "admin:manage");
  r.Add("PUT", base + "/admins/{id}", BindService(admins, HandleAdminUpdate), admin,
        "admin:manage");
  r.Add("DELETE", base + "/admins/{id}", BindService(admins, HandleAdminDelete), admin,
        "admin:manage");
  r.Add("PUT", base + "/admins/{id}/status", BindService(admins, HandleAdminStatus), admin,
        "admin:manage");
  r.Add("POST", base + "/admins/{id}/reset-password", BindService(admins, HandleAdminResetPassword),
        admin, "admin:manage");

  r.Add("GET", base + "/roles", BindService(roles, HandleRoleList), admin, "role:manage");
  r.Add("POST", base + "/roles", BindService(roles, HandleRoleCreate), admin, "role:manage");
  r.Add("PUT", base + "/roles/{id}", BindService(roles, HandleRoleUpdate), admin, "role:manage");
  r.Add("DELETE", base + "/roles/{id}", BindService(roles, HandleRoleDelete), admin, "role:manage");
  r.Add("GET", base + "/permissions", BindService(roles, HandlePermissionTree), admin,
        "role:manage");

  r.Add("GET", base + "/logs", BindService(logs, HandleLogList), admin, "log:read");
  r.Add("GET", base + "/logs/export", BindService(logs, HandleLogExport), admin, "log:read");

  r.Add("GET", base + "/settings", BindService(settings, HandleSettingsGet), admin,
        "settings:read");
  r.Add("PUT", base + "/settings", BindService(settings, HandleSettingsUpdate), admin,
        "settings:write");
  return r;
}

}  // namespace rz::admin_system
