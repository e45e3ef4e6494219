// JSON writers of the admin-system answers. Never writes a password hash;
// secret settings arrive here already masked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "auth/token_service.h"
#include "core/json_out.h"
#include "handlers/admin-system/auth_service.h"
#include "handlers/admin-system/settings_service.h"
#include "handlers/admin-system/system_repo.h"
#include "http/request.h"

namespace rz::admin_system {

// {id, username, display_name, email, role:{id, code, name}, status, locked,
//  locked_until, failed_logins, last_login_at, last_login_ip, created_at}
void WriteAdmin(JsonOut& j, const AdminRow& a);
// WriteAdmin plus permissions:[codes] (login and /auth/me).
void WriteProfile(JsonOut& j, const AdminProfile& p);
// access_token, refresh_token, token_type, expires_in, refresh_expires_in (no braces).
void WriteTokenFields(JsonOut& j, const auth::TokenPair& t);
void WriteRole(JsonOut& j, const RoleRow& r);
// [{id, code, name, module, children:[...]}]: module nodes with their leaves.
void WritePermissionTree(JsonOut& j, const std::vector<PermissionRow>& rows);
void WriteLog(JsonOut& j, const LogRow& l);
// {code, name, tracking_code, is_active, sort}
void WriteExpress(JsonOut& j, const ExpressRow& e);
// {settings:[{key, value, description, is_secret, updated_at}], express_companies:[...]}
void WriteSettings(JsonOut& j, const SettingsView& v);

// The api.md page: {items, total, page, per_page, has_more}.
template <class Row, class Writer>
std::string PageJson(const std::vector<Row>& rows, int64_t total, const Paging& p, Writer write) {
  JsonOut j;
  j.StartObject().Key("items").StartArray();
  for (const Row& r : rows) write(j, r);
  j.EndArray().Key("total").Int(total).Key("page").Int(p.page).Key("per_page").Int(p.per_page);
  j.Key("has_more").Bool(p.offset() + static_cast<int64_t>(rows.size()) < total).EndObject();
  return j.str();
}

}  // namespace rz::admin_system
