// The admin-system handlers, one per route (routes.cc holds the table). Each
// validates its input (system_input.h), calls its service and writes the
// answer (system_json.h); permission checks happened in the dispatcher.
#pragma once

#include "handlers/admin-system/admin_service.h"
#include "handlers/admin-system/auth_service.h"
#include "handlers/admin-system/log_service.h"
#include "handlers/admin-system/role_service.h"
#include "handlers/admin-system/settings_service.h"
#include "http/request.h"
#include "http/response.h"

namespace rz::admin_system {

// /auth (auth_handlers.cc)
void HandleLogin(AuthService& svc, Request& req, Response& res);
void HandleRefresh(AuthService& svc, Request& req, Response& res);
void HandleLogout(AuthService& svc, Request& req, Response& res);
void HandleMe(AuthService& svc, Request& req, Response& res);
void HandlePasswordChange(AuthService& svc, Request& req, Response& res);

// /admins (admin_handlers.cc)
void HandleAdminList(AdminService& svc, Request& req, Response& res);
void HandleAdminGet(AdminService& svc, Request& req, Response& res);
void HandleAdminCreate(AdminService& svc, Request& req, Response& res);
void HandleAdminUpdate(AdminService& svc, Request& req, Response& res);
void HandleAdminStatus(AdminService& svc, Request& req, Response& res);
void HandleAdminResetPassword(AdminService& svc, Request& req, Response& res);
void HandleAdminDelete(AdminService& svc, Request& req, Response& res);

// /roles, /permissions (role_handlers.cc)
void HandleRoleList(RoleService& svc, Request& req, Response& res);
void HandleRoleCreate(RoleService& svc, Request& req, Response& res);
void HandleRoleUpdate(RoleService& svc, Request& req, Response& res);
void HandleRoleDelete(RoleService& svc, Request& req, Response& res);
void HandlePermissionTree(RoleService& svc, Request& req, Response& res);

// /logs, /settings (system_handlers.cc)
void HandleLogList(LogService& svc, Request& req, Response& res);
void HandleLogExport(LogService& svc, Request& req, Response& res);
void HandleSettingsGet(SettingsService& svc, Request& req, Response& res);
void HandleSettingsUpdate(SettingsService& svc, Request& req, Response& res);

}  // namespace rz::admin_system
