// Integration tests of the admin-system worker through nginx: sign-in (one
// generic error, lockout, every attempt logged), tokens (realms, rotation,
// logout, password change), staff accounts and their guards, roles and the
// permission tree, operation logs with CSV export, settings.
#define BOOST_TEST_MODULE admin_system
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/support/admin.h"

using namespace rz::test;

namespace {

std::string Id(int64_t id) { return std::to_string(id); }

// A unique name of lower-case letters and '_' (role codes allow nothing else).
std::string Letters(const std::string& prefix) {
  std::string out = prefix;
  for (char c : UniqueCode()) {
    out += (c >= '0' && c <= '9') ? static_cast<char>('a' + (c - '0')) : '_';
  }
  return out.substr(0, 32);
}

std::string RoleId(const std::string& code) {
  return SqlScalar("SELECT id FROM roles WHERE code = '" + code + "'");
}

std::string ErrorDetail(const ApiResponse& r) {
  return r.json.IsObject() && r.json.HasMember("error") ? Str(r.json["error"], "detail") : "";
}

// operation_logs rows matching the SQL condition.
int64_t Logs(const std::string& where) {
  return std::stoll(SqlScalar("SELECT COUNT(*) FROM operation_logs WHERE " + where));
}

ApiResponse Refresh(const std::string& token) {
  return Post(std::string(kAdminBase) + "/auth/refresh", "{\"refresh_token\":\"" + token + "\"}");
}

// A role created through the API by `super`; returns its id.
int64_t CreateRole(const AdminSession& super, const std::string& code, const std::string& perms) {
  ApiResponse r =
      AdminPost(super, "/roles",
                R"({"code":")" + code + R"(","name":"测试角色","permissions":)" + perms + "}");
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  return Int(r.data(), "id");
}

bool HasString(const rapidjson::Value& arr, const std::string& s) {
  for (const auto& v : arr.GetArray()) {
    if (v.IsString() && s == v.GetString()) return true;
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------- sign-in

BOOST_AUTO_TEST_CASE(login_returns_tokens_and_the_permissions_of_the_role) {
  AdminSession a = MakeAdmin("order_admin");
  ApiResponse r = AdminLoginRaw(a.username, kAdminTestPassword);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  const auto& d = r.data();
  BOOST_TEST(Str(d, "token_type") == "Bearer");
  BOOST_TEST(Int(d, "expires_in") == 7200);
  BOOST_TEST(Int(d, "refresh_expires_in") > 7200);
  BOOST_TEST(!Str(d, "refresh_token").empty());
  BOOST_TEST(Int(d["admin"], "id") == a.admin_id);
  BOOST_TEST(Str(d["admin"]["role"], "code") == "order_admin");
  BOOST_TEST(HasString(d["admin"]["permissions"], "order:ship"));
  BOOST_TEST(HasString(d["admin"]["permissions"], "refund:approve"));
  BOOST_TEST(!HasString(d["admin"]["permissions"], "admin:manage"));
  BOOST_TEST(r.body.find("password") == std::string::npos);
  BOOST_TEST(!SqlScalar("SELECT last_login_at FROM admins WHERE id = " + Id(a.admin_id)).empty());
}

BOOST_AUTO_TEST_CASE(wrong_password_unknown_user_and_disabled_account_look_the_same) {
  AdminSession a = MakeAdmin("finance");
  AdminSession off = MakeAdmin("finance");
  Sql("UPDATE admins SET status = 0 WHERE id = " + Id(off.admin_id));
  ApiResponse wrong = AdminLoginRaw(a.username, "Wrong-passw0rd");
  ApiResponse unknown = AdminLoginRaw("nobody_" + a.username.substr(2), kAdminTestPassword);
  ApiResponse disabled = AdminLoginRaw(off.username, kAdminTestPassword);
  for (const ApiResponse* r : {&wrong, &unknown, &disabled}) {
    BOOST_TEST(r->status == 401);
    BOOST_TEST(r->code() == 4001);
    BOOST_TEST(Str(r->json, "message") == Str(wrong.json, "message"));
    BOOST_TEST(r->error_type() == "invalid_credentials");
    BOOST_TEST(ErrorDetail(*r) == ErrorDetail(wrong));
  }
}

BOOST_AUTO_TEST_CASE(five_failures_lock_the_account_even_against_the_right_password) {
  AdminSession a = MakeAdmin("finance");
  for (int i = 0; i < 5; ++i)
    BOOST_TEST(AdminLoginRaw(a.username, "Wrong-passw0rd").code() == 4001);
  const std::string id = Id(a.admin_id);
  BOOST_TEST(SqlScalar("SELECT failed_logins FROM admins WHERE id = " + id) == "5");
  BOOST_TEST(SqlScalar("SELECT locked_until > UTC_TIMESTAMP() + INTERVAL 14 MINUTE FROM admins "
                       "WHERE id = " +
                       id) == "1");
  ApiResponse locked = AdminLoginRaw(a.username, kAdminTestPassword);
  BOOST_TEST(locked.code() == 4001);
  BOOST_TEST(locked.error_type() == "invalid_credentials");
  BOOST_TEST(Logs("target_id = '" + id + "' AND action = 'login' AND summary LIKE '%locked%'") >=
             2);

  // The lock is data: once it lies in the past the right password works and resets the count.
  Sql("UPDATE admins SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = " + id);
  BOOST_TEST(AdminLoginRaw(a.username, kAdminTestPassword).status == 200);
  BOOST_TEST(SqlScalar("SELECT failed_logins FROM admins WHERE id = " + id) == "0");
  BOOST_TEST(SqlScalar("SELECT locked_until IS NULL FROM admins WHERE id = " + id) == "1");
}

BOOST_AUTO_TEST_CASE(concurrent_wrong_passwords_cannot_skip_the_lock) {
  AdminSession a = MakeAdmin("finance");
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&] { AdminLoginRaw(a.username, "Wrong-passw0rd"); });
  }
  for (auto& t : threads) t.join();
  const std::string id = Id(a.admin_id);
  BOOST_TEST(SqlScalar("SELECT failed_logins FROM admins WHERE id = " + id) == "5");
  BOOST_TEST(SqlScalar("SELECT locked_until > UTC_TIMESTAMP() FROM admins WHERE id = " + id) ==
             "1");
  BOOST_TEST(AdminLoginRaw(a.username, kAdminTestPassword).code() == 4001);
}

BOOST_AUTO_TEST_CASE(every_login_attempt_is_logged_with_its_ip) {
  AdminSession a = MakeAdmin("finance");
  const std::string ghost = "ghost_" + a.username.substr(2);
  AdminLoginRaw(ghost, "whatever-1");
  AdminLoginRaw(a.username, "Wrong-passw0rd");
  BOOST_REQUIRE(AdminLoginRaw(a.username, kAdminTestPassword).status == 200);
  const std::string id = Id(a.admin_id);
  const std::string login = "module = 'auth' AND action = 'login' AND ip <> '' AND ";
  BOOST_TEST(Logs(login + "admin_id IS NULL AND result = 'failure' AND summary LIKE '%" + ghost +
                  "%'") == 1);
  BOOST_TEST(Logs(login + "admin_id = " + id + " AND result = 'failure'") == 1);
  BOOST_TEST(Logs(login + "admin_id = " + id + " AND result = 'success'") == 1);
  BOOST_TEST(!SqlScalar("SELECT last_login_ip FROM admins WHERE id = " + id).empty());
}

// ---------------------------------------------------------------- tokens

BOOST_AUTO_TEST_CASE(tokens_of_one_realm_are_refused_by_the_other) {
  AdminSession a = AdminLogin("finance");
  Session user = Login(UniqueCode("sys"));
  BOOST_TEST(Get(std::string(kAdminBase) + "/auth/me", user.access_token).code() == 4001);
  BOOST_TEST(Get("/api/v1/users/me", a.access_token).code() == 4001);
  BOOST_TEST(AdminGet(a, "/auth/me").status == 200);
}

BOOST_AUTO_TEST_CASE(refresh_rotates_and_a_reused_token_kills_the_family) {
  AdminSession a = AdminLogin("finance");
  ApiResponse r1 = Refresh(a.refresh_token);
  BOOST_REQUIRE_MESSAGE(r1.status == 200, r1.body);
  const std::string second = Str(r1.data(), "refresh_token");
  BOOST_TEST(second != a.refresh_token);
  BOOST_TEST(Get(std::string(kAdminBase) + "/auth/me", Str(r1.data(), "access_token")).status ==
             200);
  BOOST_TEST(Refresh(a.refresh_token).code() == 4001);  // replay of the rotated token
  BOOST_TEST(Refresh(second).code() == 4001);           // ... revoked the whole family

  AdminSession b = AdminLogin("finance");
  Sql("UPDATE admins SET status = 0 WHERE id = " + Id(b.admin_id));
  BOOST_TEST(Refresh(b.refresh_token).code() == 4002);
}

BOOST_AUTO_TEST_CASE(logout_revokes_the_access_token_and_the_refresh_family) {
  AdminSession a = AdminLogin("finance");
  BOOST_REQUIRE(AdminPost(a, "/auth/logout", "").status == 200);
  BOOST_TEST(AdminGet(a, "/auth/me").code() == 4001);
  BOOST_TEST(Refresh(a.refresh_token).code() == 4001);
  BOOST_TEST(Logs("admin_id = " + Id(a.admin_id) + " AND action = 'logout'") == 1);
}

BOOST_AUTO_TEST_CASE(password_change_ends_old_sessions_and_checks_strength) {
  AdminSession a = AdminLogin("finance");
  AdminSession other = a;  // a second session of the same admin
  ApiResponse second = AdminLoginRaw(a.username, kAdminTestPassword);
  other.access_token = Str(second.data(), "access_token");
  other.refresh_token = Str(second.data(), "refresh_token");

  ApiResponse weak = AdminPut(a, "/auth/password",
                              R"({"old_password":"Test-Passw0rd-42","new_password":"short1"})");
  BOOST_TEST(weak.code() == 4004);
  BOOST_TEST(weak.has_field_error("new_password"));
  ApiResponse wrong = AdminPut(
      a, "/auth/password", R"({"old_password":"Nope-passw0rd","new_password":"Brand-new-pass-9"})");
  BOOST_TEST(wrong.has_field_error("old_password"));

  ApiResponse ok =
      AdminPut(a, "/auth/password",
               R"({"old_password":"Test-Passw0rd-42","new_password":"Brand-new-pass-9"})");
  BOOST_REQUIRE_MESSAGE(ok.status == 200, ok.body);
  BOOST_TEST(Refresh(a.refresh_token).code() == 4001);
  BOOST_TEST(Refresh(other.refresh_token).code() == 4001);
  BOOST_TEST(AdminGet(a, "/auth/me").code() == 4001);  // the calling token was replaced
  BOOST_TEST(Get(std::string(kAdminBase) + "/auth/me", Str(ok.data(), "access_token")).status ==
             200);
  BOOST_TEST(AdminLoginRaw(a.username, "Brand-new-pass-9").status == 200);
  BOOST_TEST(AdminLoginRaw(a.username, kAdminTestPassword).code() == 4001);
  BOOST_TEST(Logs("admin_id = " + Id(a.admin_id) +
                  " AND action = 'password' AND result = "
                  "'success'") == 1);
}

BOOST_AUTO_TEST_CASE(mass_assignment_through_the_own_password_is_refused) {
  AdminSession a = AdminLogin("finance");
  ApiResponse r =
      AdminPut(a, "/auth/password",
               R"({"old_password":"Test-Passw0rd-42","new_password":"Brand-new-pass-9",)"
               R"("role_id":1,"status":1})");
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("role_id"));
  BOOST_TEST(r.has_field_error("status"));
  BOOST_TEST(SqlScalar("SELECT role_id FROM admins WHERE id = " + Id(a.admin_id)) ==
             RoleId("finance"));
  BOOST_TEST(AdminLoginRaw(a.username, kAdminTestPassword).status == 200);  // password unchanged
}

// ---------------------------------------------------------------- admins

BOOST_AUTO_TEST_CASE(a_product_admin_cannot_manage_admins) {
  AdminSession p = AdminLogin("product_admin");
  BOOST_TEST(AdminGet(p, "/admins").code() == 4002);
  BOOST_TEST(AdminPost(p, "/admins", R"({"username":"x"})").code() == 4002);
}

BOOST_AUTO_TEST_CASE(admins_are_created_with_a_password_shown_once_edited_and_deleted) {
  AdminSession s = AdminLogin("super_admin");
  const std::string name = Letters("n_");
  const std::string create = R"({"username":")" + name + R"(","display_name":"小王","email":")" +
                             name + R"(@example.com","role_id":)" + RoleId("order_admin") + "}";
  ApiResponse c = AdminPost(s, "/admins", create);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  const int64_t id = Int(c.data()["admin"], "id");
  const std::string password = Str(c.data(), "generated_password");
  BOOST_TEST(password.size() >= 12);
  BOOST_TEST(AdminLoginRaw(name, password).status == 200);
  BOOST_TEST(AdminPost(s, "/admins", create).code() == 4005);  // duplicate username
  ApiResponse dup_email =
      AdminPost(s, "/admins",
                R"({"username":")" + name + R"(x","display_name":"x","email":")" + name +
                    R"(@example.com","role_id":)" + RoleId("order_admin") + "}");
  BOOST_TEST(dup_email.code() == 4005);
  BOOST_TEST(AdminPost(s, "/admins", R"({"username":"Bad Name","display_name":"x","role_id":3})")
                 .has_field_error("username"));

  ApiResponse list = AdminGet(s, "/admins?username=" + name);
  BOOST_REQUIRE(list.status == 200);
  BOOST_TEST(Int(list.data(), "total") == 1);
  BOOST_TEST(list.body.find("password") == std::string::npos);
  ApiResponse got = AdminGet(s, "/admins/" + Id(id));
  BOOST_TEST(Str(got.data(), "display_name") == "小王");

  ApiResponse upd = AdminPut(s, "/admins/" + Id(id),
                             R"({"display_name":"小李","role_id":)" + RoleId("finance") + "}");
  BOOST_TEST(Str(upd.data(), "display_name") == "小李");
  BOOST_TEST(Str(upd.data()["role"], "code") == "finance");
  BOOST_TEST(AdminPut(s, "/admins/" + Id(id), R"({"status":0})").has_field_error("status"));

  BOOST_TEST(AdminPut(s, "/admins/" + Id(id) + "/status", R"({"status":0})").status == 200);
  BOOST_TEST(AdminLoginRaw(name, password).code() == 4001);
  BOOST_TEST(AdminPut(s, "/admins/" + Id(id) + "/status", R"({"status":1})").status == 200);

  ApiResponse reset = AdminPost(s, "/admins/" + Id(id) + "/reset-password", "");
  const std::string fresh = Str(reset.data(), "generated_password");
  BOOST_TEST(fresh != password);
  BOOST_TEST(AdminLoginRaw(name, password).code() == 4001);
  BOOST_TEST(AdminLoginRaw(name, fresh).status == 200);

  BOOST_TEST(AdminDelete(s, "/admins/" + Id(id)).has_field_error("confirm"));
  BOOST_TEST(AdminDelete(s, "/admins/" + Id(id), R"({"confirm":true})").status == 200);
  BOOST_TEST(AdminGet(s, "/admins/" + Id(id)).code() == 4003);
  const std::string mine = "admin_id = " + Id(s.admin_id) +
                           " AND module = 'admin' AND target_id = '" + Id(id) + "' AND action = ";
  for (const char* action : {"create", "update", "disable", "enable", "reset_password", "delete"}) {
    BOOST_TEST(Logs(mine + "'" + action + "'") == 1, action);
  }
  BOOST_TEST(Logs(mine + "'update' AND JSON_UNQUOTE(JSON_EXTRACT(detail, '$.before.role')) = "
                         "'order_admin'") == 1);
}

BOOST_AUTO_TEST_CASE(admins_cannot_disable_or_delete_themselves) {
  AdminSession s = AdminLogin("super_admin");
  ApiResponse off = AdminPut(s, "/admins/" + Id(s.admin_id) + "/status", R"({"status":0})");
  BOOST_TEST(off.code() == 4005);
  BOOST_TEST(AdminDelete(s, "/admins/" + Id(s.admin_id), R"({"confirm":true})").code() == 4005);
  BOOST_TEST(SqlScalar("SELECT status FROM admins WHERE id = " + Id(s.admin_id)) == "1");
}

// Other active super admins are disabled for the moment of the check (the guard is global)
// and restored even when an assertion fails.
BOOST_AUTO_TEST_CASE(the_last_active_super_admin_cannot_be_demoted) {
  AdminSession s = AdminLogin("super_admin");
  const std::string super_role = RoleId("super_admin");
  ApiResponse second = AdminPost(s, "/admins",
                                 R"({"username":")" + Letters("s_") +
                                     R"(","display_name":"s2","role_id":)" + super_role + "}");
  BOOST_REQUIRE(second.status == 201);
  const std::string id2 = Id(Int(second.data()["admin"], "id"));
  // With another super admin left, demoting one is fine.
  BOOST_TEST(AdminPut(s, "/admins/" + id2, R"({"role_id":)" + RoleId("finance") + "}").status ==
             200);

  struct Restore {
    std::string ids;
    ~Restore() {
      if (!ids.empty()) Sql("UPDATE admins SET status = 1 WHERE id IN (" + ids + ")");
    }
  } restore;
  const std::string others =
      "role_id = " + super_role + " AND status = 1 AND id <> " + Id(s.admin_id);
  restore.ids = SqlScalar("SELECT GROUP_CONCAT(id) FROM admins WHERE " + others);
  if (!restore.ids.empty()) Sql("UPDATE admins SET status = 0 WHERE " + others);
  ApiResponse demote =
      AdminPut(s, "/admins/" + Id(s.admin_id), R"({"role_id":)" + RoleId("finance") + "}");
  BOOST_TEST(demote.code() == 4005);
  BOOST_TEST(demote.error_type() == "last_super_admin");
  BOOST_TEST(SqlScalar("SELECT role_id FROM admins WHERE id = " + Id(s.admin_id)) == super_role);
}

BOOST_AUTO_TEST_CASE(a_non_super_manager_cannot_escalate) {
  AdminSession s = AdminLogin("super_admin");
  const std::string code = Letters("mgr_");
  CreateRole(s, code, R"(["admin:manage","order:read"])");
  AdminSession m = AdminLogin(code);
  const std::string me = "/admins/" + Id(m.admin_id);
  BOOST_TEST(AdminPut(m, me, R"({"role_id":)" + RoleId("super_admin") + "}").code() == 4002);
  BOOST_TEST(AdminPut(m, me, R"({"status":1})").code() == 4004);
  BOOST_TEST(SqlScalar("SELECT role_id FROM admins WHERE id = " + Id(m.admin_id)) == RoleId(code));
  for (const char* role : {"super_admin", "order_admin"}) {
    ApiResponse r = AdminPost(m, "/admins",
                              R"({"username":")" + Letters("e_") +
                                  R"(","display_name":"x","role_id":)" + RoleId(role) + "}");
    BOOST_TEST(r.code() == 4002, role);
  }
  BOOST_TEST(AdminPut(m, "/admins/" + Id(s.admin_id), R"({"display_name":"x"})").code() == 4002);
  BOOST_TEST(AdminPost(m, "/admins/" + Id(s.admin_id) + "/reset-password", "").code() == 4002);
  // Within its own grants it manages fine.
  ApiResponse peer = AdminPost(m, "/admins",
                               R"({"username":")" + Letters("p_") +
                                   R"(","display_name":"x","role_id":)" + RoleId(code) + "}");
  BOOST_TEST(peer.status == 201);
}

// ---------------------------------------------------------------- roles and permissions

BOOST_AUTO_TEST_CASE(roles_are_created_edited_and_deleted_by_the_rules) {
  AdminSession s = AdminLogin("super_admin");
  const std::string code = Letters("r_");
  ApiResponse unknown =
      AdminPost(s, "/roles",
                R"({"code":")" + code + R"(","name":"x","permissions":["order:read","no:such"]})");
  BOOST_TEST(unknown.code() == 4004);
  BOOST_TEST(unknown.has_field_error("permissions"));
  BOOST_TEST(ErrorDetail(unknown).find("no:such") != std::string::npos);
  BOOST_TEST(AdminPost(s, "/roles", R"({"code":"Bad-Code","name":"x","permissions":[]})")
                 .has_field_error("code"));

  const int64_t id = CreateRole(s, code, R"(["order:read","log:read"])");
  BOOST_TEST(
      AdminPost(s, "/roles", R"({"code":")" + code + R"(","name":"x","permissions":[]})").code() ==
      4005);
  ApiResponse list = AdminGet(s, "/roles");
  bool found = false;
  for (const auto& r : list.data().GetArray()) {
    if (Int(r, "id") != id) continue;
    found = true;
    BOOST_TEST(Int(r, "admin_count") == 0);
    BOOST_TEST(HasString(r["permissions"], "log:read"));
  }
  BOOST_TEST(found);

  ApiResponse edit =
      AdminPut(s, "/roles/" + Id(id), R"({"name":"改名","permissions":["order:read"]})");
  BOOST_TEST(Str(edit.data(), "name") == "改名");
  BOOST_TEST(!HasString(edit.data()["permissions"], "log:read"));
  BOOST_TEST(AdminPut(s, "/roles/" + RoleId("super_admin"), R"({"name":"x"})").code() == 4005);
  BOOST_TEST(AdminDelete(s, "/roles/" + RoleId("order_admin"), R"({"confirm":true})").code() ==
             4005);

  AdminSession holder = MakeAdmin(code);
  ApiResponse in_use = AdminDelete(s, "/roles/" + Id(id), R"({"confirm":true})");
  BOOST_TEST(in_use.error_type() == "role_in_use");
  Sql("DELETE FROM admins WHERE id = " + Id(holder.admin_id));
  BOOST_TEST(AdminDelete(s, "/roles/" + Id(id)).has_field_error("confirm"));
  BOOST_TEST(AdminDelete(s, "/roles/" + Id(id), R"({"confirm":true})").status == 200);
  BOOST_TEST(RoleId(code).empty());
  const std::string mine = "admin_id = " + Id(s.admin_id) +
                           " AND module = 'role' AND target_id = '" + Id(id) + "' AND action = ";
  for (const char* action : {"create", "update", "delete"})
    BOOST_TEST(Logs(mine + "'" + action + "'") == 1);
}

// Every worker process caches a role's grants for 3 s: after a change the first call
// flips within that, and by 3.5 s every process answers the new way.
BOOST_AUTO_TEST_CASE(a_grant_change_takes_effect_within_seconds) {
  AdminSession s = AdminLogin("super_admin");
  const std::string code = Letters("g_");
  const int64_t role = CreateRole(s, code, R"(["order:read"])");
  AdminSession a = AdminLogin(code);
  auto call = [&] { return AdminGet(a, "/logs?per_page=1").code(); };
  // Warm every worker's cache with the old grants (nginx spreads calls over the pool).
  for (int i = 0; i < 6; ++i) BOOST_REQUIRE(call() == 4002);
  auto change_and_watch = [&](const std::string& perms, int want) {
    BOOST_REQUIRE(AdminPut(s, "/roles/" + Id(role), R"({"permissions":)" + perms + "}").status ==
                  200);
    const auto start = std::chrono::steady_clock::now();
    while (call() != want && std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(4)), perms);
    std::this_thread::sleep_until(start + std::chrono::milliseconds(3500));
    for (int i = 0; i < 6; ++i) BOOST_TEST(call() == want, perms);
  };
  change_and_watch(R"(["order:read","log:read"])", 0);
  change_and_watch(R"(["order:read"])", 4002);
}

BOOST_AUTO_TEST_CASE(the_permission_tree_has_modules_with_their_leaves) {
  AdminSession s = AdminLogin("super_admin");
  ApiResponse r = AdminGet(s, "/permissions");
  BOOST_REQUIRE(r.status == 200);
  const auto& tree = r.data();
  BOOST_REQUIRE(tree.IsArray());
  BOOST_TEST(tree.Size() == 9u);
  bool system = false;
  for (const auto& m : tree.GetArray()) {
    BOOST_TEST(Str(m, "code") == Str(m, "module"));
    BOOST_TEST(m["children"].Size() > 0u);
    for (const auto& leaf : m["children"].GetArray()) {
      BOOST_TEST(Str(leaf, "module") == Str(m, "module"));
      BOOST_TEST(leaf["children"].Size() == 0u);
      BOOST_TEST(Int(leaf, "id") > 0);
      if (Str(leaf, "code") == "admin:manage") system = Str(m, "code") == "system";
    }
  }
  BOOST_TEST(system);
  BOOST_TEST(AdminGet(AdminLogin("order_admin"), "/permissions").code() == 4002);
}

// ---------------------------------------------------------------- logs

BOOST_AUTO_TEST_CASE(logs_filter_and_export_as_csv_with_chinese_text) {
  AdminSession s = AdminLogin("super_admin");
  const std::string who = "访客_" + Letters("");
  AdminLoginRaw(who, "whatever-1");  // an unknown name: admin_id NULL, name in the summary
  const std::string today = SqlScalar("SELECT CAST(UTC_DATE() AS CHAR)");
  const std::string q = "?module=auth&action=login&result=failure&from=" + today + "&to=" + today;
  ApiResponse page = AdminGet(s, "/logs" + q + "&per_page=100");
  BOOST_REQUIRE_MESSAGE(page.status == 200, page.body);
  BOOST_TEST(page.body.find(who) != std::string::npos);
  for (const auto& row : page.data()["items"].GetArray()) {
    BOOST_TEST(Str(row, "module") == "auth");
    BOOST_TEST(Str(row, "result") == "failure");
  }
  ApiResponse mine = AdminGet(s, "/logs?admin_id=" + Id(s.admin_id));
  BOOST_TEST(Int(mine.data(), "total") >= 1);  // its own login
  for (const auto& row : mine.data()["items"].GetArray())
    BOOST_TEST(Int(row, "admin_id") == s.admin_id);
  BOOST_TEST(AdminGet(s, "/logs?from=yesterday").has_field_error("from"));
  BOOST_TEST(AdminGet(s, "/logs?result=maybe").has_field_error("result"));
  BOOST_TEST(AdminGet(s, "/logs?from=2030-01-02&to=2030-01-01").code() == 4004);

  ApiResponse csv = AdminGet(s, "/logs/export" + q);
  BOOST_REQUIRE(csv.status == 200);
  BOOST_TEST(csv.header("content-type").find("text/csv") != std::string::npos);
  BOOST_TEST(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  BOOST_TEST(csv.body.find("编号,时间(UTC)") == 3u);
  BOOST_TEST(csv.body.find(who) != std::string::npos);
  BOOST_TEST(csv.body.find(",system,") == std::string::npos);  // the filter applies
  BOOST_TEST(Logs("admin_id = " + Id(s.admin_id) + " AND module = 'log' AND action = 'export'") ==
             1);
}

// ---------------------------------------------------------------- settings

BOOST_AUTO_TEST_CASE(settings_mask_secrets_and_only_the_super_admin_writes) {
  AdminSession s = AdminLogin("super_admin");
  const std::string secret = Letters("t_secret_"), plain = Letters("t_plain_");
  Sql("INSERT INTO settings (`key`, value, description, is_secret) VALUES ('" + secret +
      "', '\"s3cr3t-value\"', 'test secret', 1), ('" + plain + "', '{\"a\": 1}', 'test', 0)");
  ApiResponse got = AdminGet(s, "/settings");
  BOOST_REQUIRE(got.status == 200);
  BOOST_TEST(got.body.find("s3cr3t-value") == std::string::npos);
  bool masked = false;
  for (const auto& row : got.data()["settings"].GetArray()) {
    if (Str(row, "key") == secret)
      masked = Str(row, "value") == "******" && row["is_secret"].GetBool();
  }
  BOOST_TEST(masked);
  BOOST_TEST(got.data()["express_companies"].Size() > 0u);

  const std::string code = Letters("ro_");
  CreateRole(s, code, R"(["settings:read"])");
  AdminSession reader = AdminLogin(code);
  BOOST_TEST(AdminGet(reader, "/settings").status == 200);
  BOOST_TEST(AdminPut(reader, "/settings", R"({"settings":{")" + plain + R"(":{"a":9}}})").code() ==
             4002);
  BOOST_TEST(AdminPut(AdminLogin("finance"), "/settings", R"({"settings":{}})").code() == 4002);
  Sql("DELETE FROM settings WHERE `key` IN ('" + secret + "', '" + plain + "')");
}

BOOST_AUTO_TEST_CASE(settings_writes_are_validated_upserted_and_logged) {
  AdminSession s = AdminLogin("super_admin");
  const std::string secret = Letters("t_secret_"), plain = Letters("t_plain_");
  Sql("INSERT INTO settings (`key`, value, is_secret) VALUES ('" + secret +
      "', '\"s3cr3t-value\"', 1), ('" + plain + "', '{\"a\": 1}', 0)");
  struct Case {
    const char* body;
    const char* field;
  };
  const std::vector<Case> bad = {
      {R"({"settings":{"payment_timeout_minutes":3}})", "settings.payment_timeout_minutes"},
      {R"({"settings":{"payment_timeout_minutes":"30"}})", "settings.payment_timeout_minutes"},
      {R"({"settings":{"shipping_fee":{"flat_fee":1000}}})", "settings.shipping_fee"},
      {R"({"settings":{"shipping_fee":{"flat_fee":-1,"free_threshold":0}}})",
       "settings.shipping_fee"},
      {R"({"settings":{"auto_complete_days":61}})", "settings.auto_complete_days"},
      {R"({"settings":{"features":{"ordering":true,"payment":true,"shipping":"on"}}})",
       "settings.features"},
      {R"({"settings":{"no_such_setting":1}})", "settings.no_such_setting"},
      {R"({"express_companies":[{"code":"ZZ!"}]})", "express_companies[0].code"},
      {R"({"settings":{},"color":"red"})", "color"},
  };
  for (const Case& c : bad) {
    ApiResponse r = AdminPut(s, "/settings", c.body);
    BOOST_TEST(r.code() == 4004, c.body);
    BOOST_TEST(r.has_field_error(c.field), c.body << " -> " << r.body);
  }
  BOOST_TEST(AdminPut(s, "/settings", R"({"settings":{")" + plain + R"(":"text"}})")
                 .has_field_error("settings." + plain));

  // Rewrites the live values with themselves: other tests keep reading the same numbers.
  const std::string timeout =
      SqlScalar("SELECT value FROM settings WHERE `key` = 'payment_timeout_minutes'");
  const std::string company =
      "T" + std::to_string(getpid()) + std::to_string(time(nullptr) % 100000);
  ApiResponse ok =
      AdminPut(s, "/settings",
               R"({"settings":{")" + secret + R"(":"******",")" + plain + R"(":{"a":2},)" +
                   R"("payment_timeout_minutes":)" + (timeout.empty() ? "30" : timeout) + R"(},)" +
                   R"("express_companies":[{"code":")" + company +
                   R"(","name":"测试快递","tracking_code":"ceshi","sort":900}]})");
  BOOST_REQUIRE_MESSAGE(ok.status == 200, ok.body);
  BOOST_TEST(ok.body.find("s3cr3t-value") == std::string::npos);
  const std::string value_of = "SELECT value FROM settings WHERE `key` = '";
  BOOST_TEST(SqlScalar(value_of + secret + "'") == "\"s3cr3t-value\"");  // "******" kept it
  BOOST_TEST(SqlScalar("SELECT JSON_EXTRACT(value, '$.a') FROM settings WHERE `key` = '" + plain +
                       "'") == "2");
  BOOST_TEST(
      SqlScalar("SELECT CONCAT(name, is_active, sort) FROM express_companies WHERE code = '" +
                company + "'") == "测试快递1900");

  ApiResponse again =
      AdminPut(s, "/settings",
               R"({"settings":{")" + secret + R"(":"n3w-secret"},)" +
                   R"("express_companies":[{"code":")" + company + R"(","is_active":false}]})");
  BOOST_REQUIRE_MESSAGE(again.status == 200, again.body);
  BOOST_TEST(SqlScalar(value_of + secret + "'") == "\"n3w-secret\"");
  BOOST_TEST(
      SqlScalar("SELECT CONCAT(name, is_active, sort) FROM express_companies WHERE code = '" +
                company + "'") == "测试快递0900");
  const std::string logged =
      "admin_id = " + Id(s.admin_id) + " AND module = 'settings' AND action = 'update'";
  BOOST_TEST(Logs(logged) == 2);
  BOOST_TEST(Logs(logged + " AND (detail LIKE '%s3cr3t%' OR detail LIKE '%n3w-secret%')") == 0);
  BOOST_TEST(Logs(logged + " AND detail LIKE '%" + company + "%'") == 2);
  BOOST_TEST(Logs(logged + " AND detail LIKE '%" + secret + "\":\"******%'") == 1);
  Sql("DELETE FROM settings WHERE `key` IN ('" + secret + "', '" + plain + "')");
}
