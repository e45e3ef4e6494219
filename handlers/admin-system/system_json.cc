// admin-system JSON writers; see system_json.h.
#include "handlers/admin-system/system_json.h"

namespace rz::admin_system {
namespace {

void AdminFields(JsonOut& j, const AdminRow& a) {
  j.Key("id").Int(a.id).Key("username").String(a.username);
  j.Key("display_name").String(a.display_name).Key("email").StringOrNull(a.email);
  j.Key("role").StartObject().Key("id").Int(a.role_id).Key("code").String(a.role_code);
  j.Key("name").String(a.role_name).EndObject();
  j.Key("status").Int(a.status).Key("locked").Bool(a.locked);
  j.Key("locked_until").StringOrNull(a.locked ? a.locked_until : "");
  j.Key("failed_logins").Int(a.failed_logins);
  j.Key("last_login_at").StringOrNull(a.last_login_at);
  j.Key("last_login_ip").StringOrNull(a.last_login_ip);
  j.Key("created_at").String(a.created_at);
}

void WriteNode(JsonOut& j, const PermissionRow& p, const std::vector<PermissionRow>& rows) {
  j.StartObject().Key("id").Int(p.id).Key("code").String(p.code).Key("name").String(p.name);
  j.Key("module").String(p.module).Key("children").StartArray();
  for (const PermissionRow& c : rows) {
    if (c.parent_id == p.id) WriteNode(j, c, rows);
  }
  j.EndArray().EndObject();
}

}  // namespace

void WriteAdmin(JsonOut& j, const AdminRow& a) {
  j.StartObject();
  AdminFields(j, a);
  j.EndObject();
}

void WriteProfile(JsonOut& j, const AdminProfile& p) {
  j.StartObject();
  AdminFields(j, p.admin);
  j.Key("permissions").StartArray();
  for (const std::string& c : p.permissions) j.String(c);
  j.EndArray().EndObject();
}

void WriteTokenFields(JsonOut& j, const auth::TokenPair& t) {
  j.Key("access_token").String(t.access_token).Key("refresh_token").String(t.refresh_token);
  j.Key("token_type").String("Bearer").Key("expires_in").Int(auth::kAdminAccessTtlSeconds);
  j.Key("refresh_expires_in").Int(auth::kAdminRefreshTtlSeconds);
}

void WriteRole(JsonOut& j, const RoleRow& r) {
  j.StartObject().Key("id").Int(r.id).Key("code").String(r.code).Key("name").String(r.name);
  j.Key("description").String(r.description).Key("is_builtin").Bool(r.builtin);
  j.Key("admin_count").Int(r.admin_count).Key("permissions").StartArray();
  for (const std::string& p : r.permissions) j.String(p);
  j.EndArray().Key("created_at").String(r.created_at).EndObject();
}

void WritePermissionTree(JsonOut& j, const std::vector<PermissionRow>& rows) {
  j.StartArray();
  for (const PermissionRow& p : rows) {
    if (p.parent_id == 0) WriteNode(j, p, rows);
  }
  j.EndArray();
}

void WriteLog(JsonOut& j, const LogRow& l) {
  j.StartObject().Key("id").Int(l.id);
  if (l.admin_id) {
    j.Key("admin_id").Int(l.admin_id);
  } else {
    j.Key("admin_id").Null();
  }
  j.Key("admin_username").StringOrNull(l.admin_username).Key("module").String(l.module);
  j.Key("action").String(l.action).Key("target_type").String(l.target_type);
  j.Key("target_id").String(l.target_id).Key("summary").String(l.summary);
  // Stored by us as JSON (operation_log.h), so it is embedded as is.
  j.Key("detail").Raw(l.detail_json.empty() ? "null" : l.detail_json);
  j.Key("ip").String(l.ip).Key("result").String(l.result);
  j.Key("created_at").String(l.created_at).EndObject();
}

void WriteExpress(JsonOut& j, const ExpressRow& e) {
  j.StartObject().Key("code").String(e.code).Key("name").String(e.name);
  j.Key("tracking_code").String(e.tracking_code).Key("is_active").Bool(e.active);
  j.Key("sort").Int(e.sort).EndObject();
}

void WriteSettings(JsonOut& j, const SettingsView& v) {
  j.StartObject().Key("settings").StartArray();
  for (const SettingRow& s : v.settings) {
    j.StartObject().Key("key").String(s.key).Key("value").Raw(s.value_json);
    j.Key("description").String(s.description).Key("is_secret").Bool(s.secret);
    j.Key("updated_at").String(s.updated_at).EndObject();
  }
  j.EndArray().Key("express_companies").StartArray();
  for (const ExpressRow& e : v.express) WriteExpress(j, e);
  j.EndArray().EndObject();
}

}  // namespace rz::admin_system
