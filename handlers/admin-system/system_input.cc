// Request validation of admin-system; see system_input.h.
#include "handlers/admin-system/system_input.h"

#include <set>

#include "core/error.h"
#include "core/json_in.h"
#include "core/time_util.h"
#include "handlers/admin-system/settings_rules.h"

namespace rz::admin_system {
namespace {

// Every character of `s` in `allowed` (plus a-z / A-Z / 0-9 as the flags say).
bool Only(const std::string& s, const char* allowed, bool lower, bool upper, bool digit) {
  for (char c : s) {
    const bool ok = (lower && c >= 'a' && c <= 'z') || (upper && c >= 'A' && c <= 'Z') ||
                    (digit && c >= '0' && c <= '9') ||
                    std::string(allowed).find(c) != std::string::npos;
    if (!ok) return false;
  }
  return true;
}

bool PlausibleEmail(const std::string& e) {
  const size_t at = e.find('@');
  if (at == 0 || at == std::string::npos || e.find('@', at + 1) != std::string::npos) return false;
  const size_t dot = e.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 == e.size()) return false;
  for (char c : e) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';') return false;
  }
  return true;
}

// display_name, email and role_id: shared by create and update.
void ParseProfileFields(JsonIn& in, AdminInput* a) {
  a->display_name = in.OptString("display_name", 1, 64);
  a->email = in.OptString("email", 0, 128);
  if (a->email && !a->email->empty() && !PlausibleEmail(*a->email)) {
    in.Fail("email", "not an email address");
  }
  a->role_id = in.OptInt("role_id", 1, INT64_MAX);
}

std::optional<std::string> RoleName(JsonIn& in) { return in.OptString("name", 1, 64); }

// "YYYY-MM-DD" -> "YYYY-MM-DD 00:00:00" of that day plus `days`; "" when absent.
std::string DayStart(const Query& q, const char* name, int days) {
  const std::string v = q.Str(name);
  if (v.empty()) return "";
  auto t = v.size() == 10 ? ParseIsoUtc(v) : std::nullopt;
  if (!t) throw BadRequest(name, "must be a date YYYY-MM-DD");
  return FormatSqlUtc(*t + days * 86400);
}

void ParseExpress(JsonIn& in, const rapidjson::Value* arr, SettingsUpdate* out) {
  if (!arr) return;
  if (arr->Size() > 50) in.Fail("express_companies", "at most 50 companies");
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < arr->Size() && i < 50; ++i) {
    const std::string at = "express_companies[" + std::to_string(i) + "]";
    JsonIn e((*arr)[i]);
    e.AllowOnly({"code", "name", "tracking_code", "is_active", "sort"});
    ExpressInput x;
    x.code = e.ReqString("code", 1, 16);
    if (!Only(x.code, "_", true, true, true)) e.Fail("code", "letters, digits and _ only");
    x.name = e.OptString("name", 1, 64);
    x.tracking_code = e.OptString("tracking_code", 1, 32);
    if (x.tracking_code && !Only(*x.tracking_code, "_-", true, true, true)) {
      e.Fail("tracking_code", "letters, digits, _ and - only");
    }
    x.active = e.OptBool("is_active");
    x.sort = e.OptInt("sort", 0, 1000000);
    try {
      e.Finish();
    } catch (const ApiError& err) {
      for (const auto& [k, why] : err.fields()) in.Fail(at + (k == "body" ? "" : "." + k), why);
      continue;
    }
    if (!seen.insert(x.code).second) in.Fail(at + ".code", "listed twice");
    out->express.push_back(std::move(x));
  }
}

}  // namespace

Credentials ParseLogin(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"username", "password"});
  Credentials c{in.ReqString("username", 1, 64), in.ReqString("password", 1, 128)};
  in.Finish();
  return c;
}

std::string ParseRefresh(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"refresh_token"});
  std::string t = in.ReqString("refresh_token", 1, 4096);
  in.Finish();
  return t;
}

PasswordChange ParsePasswordChange(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"old_password", "new_password"});
  PasswordChange p{in.ReqString("old_password", 1, 128), in.ReqString("new_password", 1, 128)};
  in.Finish();
  return p;
}

void ParseEmpty(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({});
  in.Finish();
}

void ParseConfirm(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"confirm"});
  const auto confirm = in.OptBool("confirm");
  if (in.ok() && confirm != true) in.Fail("confirm", "must be true");
  in.Finish();
}

AdminFilter ParseAdminFilter(const Query& q) {
  AdminFilter f;
  f.username = q.OptStr("username", 32).value_or("");
  f.role_id = q.OptInt("role_id", 1, INT64_MAX).value_or(0);
  f.status = q.OptInt("status", 0, 1).value_or(-1);
  return f;
}

AdminInput ParseAdminCreate(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"username", "display_name", "email", "role_id", "password"});
  AdminInput a;
  a.username = in.ReqString("username", 3, 32);
  if (a.username && !Only(*a.username, "_.-", true, false, true)) {
    in.Fail("username", "lower-case letters, digits, _ . - only");
  }
  ParseProfileFields(in, &a);
  if (!a.display_name) in.Fail("display_name", "required");
  if (!a.role_id) in.Fail("role_id", "required");
  a.password = in.OptString("password", 1, 64);
  in.Finish();
  return a;
}

AdminInput ParseAdminUpdate(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"display_name", "email", "role_id"});
  AdminInput a;
  ParseProfileFields(in, &a);
  in.Finish();
  return a;
}

int64_t ParseAdminStatus(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"status"});
  const int64_t status = in.ReqInt("status", 0, 1);
  in.Finish();
  return status;
}

RoleInput ParseRoleCreate(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"code", "name", "description", "permissions"});
  RoleInput r;
  r.code = in.ReqString("code", 3, 32);
  if (!Only(*r.code, "_", true, false, false)) in.Fail("code", "lower-case letters and _ only");
  r.name = RoleName(in);
  if (!r.name) in.Fail("name", "required");
  r.description = in.OptString("description", 0, 255);
  r.permissions = in.OptStringArray("permissions", 200, 64);
  if (!r.permissions) in.Fail("permissions", "required");
  in.Finish();
  return r;
}

RoleInput ParseRoleUpdate(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"name", "description", "permissions"});
  RoleInput r;
  r.name = RoleName(in);
  r.description = in.OptString("description", 0, 255);
  r.permissions = in.OptStringArray("permissions", 200, 64);
  in.Finish();
  return r;
}

LogFilter ParseLogFilter(const Query& q) {
  LogFilter f;
  f.admin_id = q.OptInt("admin_id", 1, INT64_MAX).value_or(0);
  f.module = q.OptStr("module", 32).value_or("");
  f.action = q.OptStr("action", 32).value_or("");
  f.result = q.OptStr("result", 16).value_or("");
  if (!f.result.empty() && f.result != "success" && f.result != "failure") {
    throw BadRequest("result", "must be success or failure");
  }
  f.from = DayStart(q, "from", 0);
  f.to = DayStart(q, "to", 1);  // inclusive day -> exclusive bound
  if (!f.from.empty() && !f.to.empty() && f.from >= f.to) {
    throw BadRequest("to", "must not be before from");
  }
  return f;
}

SettingsUpdate ParseSettingsUpdate(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"settings", "express_companies"});
  const rapidjson::Value* settings = in.OptObject("settings");
  const rapidjson::Value* express = in.OptArray("express_companies");
  SettingsUpdate out;
  const bool no_settings = !settings || settings->MemberCount() == 0;
  if (in.ok() && no_settings && (!express || express->Empty())) {
    in.Fail("settings", "nothing to update");
  }
  if (settings) {
    for (auto it = settings->MemberBegin(); it != settings->MemberEnd(); ++it) {
      const std::string key(it->name.GetString(), it->name.GetStringLength());
      const std::string field = "settings." + key;
      if (key.empty() || key.size() > 64) {
        in.Fail("settings", "keys are 1..64 characters");
      } else if (IsKnownSetting(key)) {
        if (std::string why = CheckKnownSetting(key, it->value); !why.empty()) in.Fail(field, why);
      }
      std::string json = ToJson(it->value);
      if (json.size() > 16384) in.Fail(field, "at most 16 KB");
      out.settings.emplace_back(key, std::move(json));
    }
  }
  ParseExpress(in, express, &out);
  in.Finish();
  return out;
}

}  // namespace rz::admin_system
