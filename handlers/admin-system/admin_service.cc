// Staff account services; see admin_service.h.
#include "handlers/admin-system/admin_service.h"

#include <algorithm>

#include "admin/operation_log.h"
#include "admin/password.h"
#include "auth/admin_access.h"
#include "core/error.h"
#include "core/json_out.h"

namespace rz::admin_system {
namespace {

// Runs `f`; a duplicate key becomes 4005 naming the column it collided on.
template <class F>
auto MapDuplicate(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const soci::soci_error& e) {
    if (MysqlErrorNumber(e) != 1062) throw;
    const bool email = std::string(e.what()).find("email") != std::string::npos;
    throw Conflict("duplicate", email ? "email already in use" : "username already in use");
  }
}

// The before/after of an account in operation_logs.detail.
std::string Summary(const AdminRow& a) {
  JsonOut j;
  j.StartObject().Key("username").String(a.username).Key("display_name").String(a.display_name);
  j.Key("email").StringOrNull(a.email).Key("role").String(a.role_code);
  j.Key("status").Int(a.status).EndObject();
  return j.str();
}

bool ActiveSuper(const AdminRow& a) {
  return a.status == 1 && a.role_code == AdminAccess::kSuperAdminRole;
}

// The last active super admin must stay one (else nobody could manage settings, roles or admins).
void GuardLastSuper(const std::vector<int64_t>& supers, const AdminRow& target) {
  if (ActiveSuper(target) && supers.size() <= 1) {
    throw Conflict("last_super_admin", "the last active super admin must remain");
  }
}

}  // namespace

AdminService::AdminService(Db& db, Redis& redis, const Config& cfg)
    : db_(db), tokens_(cfg.Require("jwt.admin_secret"), redis, auth::TokenRealm::Admin()) {}

void AdminService::CheckMayManage(soci::session& s, const Actor& who, int64_t role_id) {
  const RoleGrants mine = repo::GrantsOf(s, who.role_id);
  if (mine.super()) return;
  const RoleGrants theirs = repo::GrantsOf(s, role_id);
  if (theirs.super()) throw Forbidden("only a super admin manages super admin accounts");
  for (const std::string& p : theirs.permissions) {
    if (!mine.permissions.count(p)) throw Forbidden("role " + theirs.code + " holds " + p);
  }
}

AdminRow AdminService::LockTarget(soci::session& s, const Actor& who, int64_t id) {
  if (!repo::LockAdmin(s, id)) throw NotFound("admin not found");
  AdminRow a = *repo::FindAdmin(s, id);
  CheckMayManage(s, who, a.role_id);
  return a;
}

std::vector<AdminRow> AdminService::List(const AdminFilter& f, int64_t limit, int64_t offset,
                                         int64_t* total) {
  return db_.Run([&](soci::session& s) { return repo::ListAdmins(s, f, limit, offset, total); });
}

AdminRow AdminService::Get(int64_t id) {
  auto a = db_.Run([&](soci::session& s) { return repo::FindAdmin(s, id); });
  if (!a) throw NotFound("admin not found");
  return *a;
}

CreatedAdmin AdminService::Create(const Actor& who, const AdminInput& in) {
  CreatedAdmin out;
  std::string password = in.password.value_or("");
  if (password.empty()) {
    password = out.generated_password = admin::GeneratePassword();
  } else if (std::string why = admin::PasswordProblem(password); !why.empty()) {
    throw BadRequest("password", why);
  }
  NewAdmin n{*in.username, *in.display_name, in.email.value_or(""), admin::HashPassword(password),
             *in.role_id};
  const int64_t id = MapDuplicate([&] {
    return db_.Run([&](soci::session& s) {
      soci::transaction tx(s);
      // Share-locked so the role cannot be deleted under the new account.
      if (!repo::FindRole(s, n.role_id, " LOCK IN SHARE MODE")) {
        throw BadRequest("role_id", "no such role");
      }
      CheckMayManage(s, who, n.role_id);
      const int64_t new_id = repo::InsertAdmin(s, n);
      const AdminRow created = *repo::FindAdmin(s, new_id);
      admin::OpLog log = who.Log("admin", "create");
      log.target_type = "admin";
      log.target_id = std::to_string(new_id);
      log.summary = "created admin " + created.username + " (" + created.role_code + ")";
      log.detail_json = "{\"after\":" + Summary(created) + "}";
      admin::AppendOpLogInTx(s, log);
      tx.commit();
      return new_id;
    });
  });
  out.admin = Get(id);
  return out;
}

AdminRow AdminService::Update(const Actor& who, int64_t id, const AdminInput& in) {
  MapDuplicate([&] {
    return db_.Run([&](soci::session& s) {
      soci::transaction tx(s);
      if (in.role_id && !repo::GrantsOf(s, who.role_id).super()) {
        throw Forbidden("only a super admin changes an admin's role");
      }
      const auto supers = repo::LockActiveSuperAdmins(s);
      const AdminRow before = LockTarget(s, who, id);
      const int64_t role_id = in.role_id.value_or(before.role_id);
      if (role_id != before.role_id) {
        if (!repo::FindRole(s, role_id, " LOCK IN SHARE MODE")) {
          throw BadRequest("role_id", "no such role");
        }
        if (!repo::GrantsOf(s, role_id).super()) GuardLastSuper(supers, before);
      }
      repo::UpdateAdmin(s, id, in.display_name.value_or(before.display_name),
                        in.email.value_or(before.email), role_id);
      const AdminRow after = *repo::FindAdmin(s, id);
      admin::OpLog log = who.Log("admin", "update");
      log.target_type = "admin";
      log.target_id = std::to_string(id);
      log.summary = "edited admin " + after.username;
      log.detail_json = "{\"before\":" + Summary(before) + ",\"after\":" + Summary(after) + "}";
      admin::AppendOpLogInTx(s, log);
      tx.commit();
      return 0;
    });
  });
  return Get(id);
}

AdminRow AdminService::SetStatus(const Actor& who, int64_t id, int64_t status) {
  if (id == who.id && status == 0) throw Conflict("invalid_state", "you cannot disable yourself");
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    const auto supers = repo::LockActiveSuperAdmins(s);
    const AdminRow before = LockTarget(s, who, id);
    if (status == 0) GuardLastSuper(supers, before);
    repo::SetAdminStatus(s, id, status);
    admin::OpLog log = who.Log("admin", status == 1 ? "enable" : "disable");
    log.target_type = "admin";
    log.target_id = std::to_string(id);
    log.summary = std::string(status == 1 ? "enabled" : "disabled") + " admin " + before.username;
    log.detail_json = "{\"before\":{\"status\":" + std::to_string(before.status) +
                      "},\"after\":{\"status\":" + std::to_string(status) + "}}";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return 0;
  });
  if (status == 0) tokens_.RevokeFamilies(id);
  return Get(id);
}

std::string AdminService::ResetPassword(const Actor& who, int64_t id) {
  const std::string password = admin::GeneratePassword();
  const std::string hash = admin::HashPassword(password);
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    const AdminRow target = LockTarget(s, who, id);
    repo::SetAdminPassword(s, id, hash);
    admin::OpLog log = who.Log("admin", "reset_password");
    log.target_type = "admin";
    log.target_id = std::to_string(id);
    log.summary = "reset the password of admin " + target.username + " (unlocked, sessions ended)";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return 0;
  });
  tokens_.RevokeFamilies(id);
  return password;
}

void AdminService::Delete(const Actor& who, int64_t id) {
  if (id == who.id) throw Conflict("invalid_state", "you cannot delete yourself");
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    const auto supers = repo::LockActiveSuperAdmins(s);
    const AdminRow before = LockTarget(s, who, id);
    GuardLastSuper(supers, before);
    repo::DeleteAdmin(s, id);
    admin::OpLog log = who.Log("admin", "delete");
    log.target_type = "admin";
    log.target_id = std::to_string(id);
    log.summary = "deleted admin " + before.username;
    log.detail_json = "{\"before\":" + Summary(before) + "}";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return 0;
  });
  tokens_.RevokeFamilies(id);
}

}  // namespace rz::admin_system
