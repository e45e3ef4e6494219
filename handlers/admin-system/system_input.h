// Request validation of the admin-system endpoints: each parser accepts only
// the fields its endpoint names (anything else is a 4004 "unknown field" —
// the mass-assignment guard: role_id or status sent where they do not belong
// never reach a service) and checks shapes and ranges. Rules that need the
// database (existing roles, last super admin ...) live in the services.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>

#include "handlers/admin-system/admin_service.h"
#include "handlers/admin-system/role_service.h"
#include "handlers/admin-system/settings_service.h"
#include "handlers/admin-system/system_repo.h"
#include "http/request.h"

namespace rz::admin_system {

struct Credentials {
  std::string username, password;
};
struct PasswordChange {
  std::string old_password, new_password;
};

Credentials ParseLogin(const rapidjson::Value& body);
std::string ParseRefresh(const rapidjson::Value& body);
PasswordChange ParsePasswordChange(const rapidjson::Value& body);
// An empty object (or no body): endpoints that take no fields.
void ParseEmpty(const rapidjson::Value& body);
// {"confirm": true} and nothing else (deletes).
void ParseConfirm(const rapidjson::Value& body);

AdminFilter ParseAdminFilter(const Query& q);
AdminInput ParseAdminCreate(const rapidjson::Value& body);
AdminInput ParseAdminUpdate(const rapidjson::Value& body);
int64_t ParseAdminStatus(const rapidjson::Value& body);

RoleInput ParseRoleCreate(const rapidjson::Value& body);
RoleInput ParseRoleUpdate(const rapidjson::Value& body);

// admin_id, module, action, result (success|failure), from, to (YYYY-MM-DD, UTC, inclusive).
LogFilter ParseLogFilter(const Query& q);

SettingsUpdate ParseSettingsUpdate(const rapidjson::Value& body);

}  // namespace rz::admin_system
