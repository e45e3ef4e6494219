// Role and permission-tree services; see role_service.h.
#include "handlers/admin-system/role_service.h"

#include <set>

#include "admin/operation_log.h"
#include "auth/admin_access.h"
#include "core/error.h"
#include "core/json_out.h"

namespace rz::admin_system {
namespace {

std::string Snapshot(const RoleRow& r) {
  JsonOut j;
  j.StartObject().Key("code").String(r.code).Key("name").String(r.name);
  j.Key("description").String(r.description).Key("permissions").StartArray();
  for (const auto& p : r.permissions) j.String(p);
  j.EndArray().EndObject();
  return j.str();
}

admin::OpLog RoleLog(const Actor& who, const char* action, int64_t id, std::string summary) {
  admin::OpLog log = who.Log("role", action);
  log.target_type = "role";
  log.target_id = std::to_string(id);
  log.summary = std::move(summary);
  return log;
}

}  // namespace

std::vector<RoleRow> RoleService::List() {
  return db_.Run([](soci::session& s) { return repo::ListRoles(s); });
}

std::vector<PermissionRow> RoleService::Permissions() {
  return db_.Run([](soci::session& s) { return repo::Permissions(s); });
}

RoleRow RoleService::Load(int64_t id) {
  auto r = db_.Run([&](soci::session& s) { return repo::FindRole(s, id); });
  if (!r) throw NotFound("role not found");
  return *r;
}

std::vector<int64_t> RoleService::ResolveGrants(soci::session& s, const Actor& who,
                                                const std::vector<std::string>& codes) {
  const auto ids = repo::LeafPermissionIds(s);
  std::string unknown;
  std::set<int64_t> out;
  for (const std::string& c : codes) {
    auto it = ids.find(c);
    if (it == ids.end()) {
      unknown += (unknown.empty() ? "" : ", ") + c;
    } else {
      out.insert(it->second);
    }
  }
  if (!unknown.empty()) throw BadRequest("permissions", "unknown permission codes: " + unknown);
  const RoleGrants mine = repo::GrantsOf(s, who.role_id);
  if (!mine.super()) {
    for (const std::string& c : codes) {
      if (!mine.permissions.count(c)) throw Forbidden("you cannot grant " + c);
    }
  }
  return {out.begin(), out.end()};
}

void RoleService::CheckWithinOwnGrants(soci::session& s, const Actor& who, const RoleRow& role) {
  const RoleGrants mine = repo::GrantsOf(s, who.role_id);
  if (mine.super()) return;
  for (const std::string& p : role.permissions) {
    if (!mine.permissions.count(p)) throw Forbidden("role " + role.code + " holds " + p);
  }
}

RoleRow RoleService::Create(const Actor& who, const RoleInput& in) {
  int64_t id = 0;
  try {
    id = db_.Run([&](soci::session& s) {
      soci::transaction tx(s);
      const auto grants =
          ResolveGrants(s, who, in.permissions.value_or(std::vector<std::string>{}));
      const int64_t new_id = repo::InsertRole(s, *in.code, *in.name, in.description.value_or(""));
      repo::SetRolePermissions(s, new_id, grants);
      const RoleRow after = *repo::FindRole(s, new_id);
      admin::OpLog log = RoleLog(who, "create", new_id, "created role " + after.code);
      log.detail_json = "{\"after\":" + Snapshot(after) + "}";
      admin::AppendOpLogInTx(s, log);
      tx.commit();
      return new_id;
    });
  } catch (const soci::soci_error& e) {
    if (MysqlErrorNumber(e) != 1062) throw;
    throw Conflict("duplicate", "role code already exists");
  }
  return Load(id);
}

RoleRow RoleService::Update(const Actor& who, int64_t id, const RoleInput& in) {
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    const auto before = repo::FindRole(s, id, " FOR UPDATE");
    if (!before) throw NotFound("role not found");
    if (before->code == AdminAccess::kSuperAdminRole) {
      throw Conflict("builtin_role", "the super_admin role cannot be edited");
    }
    CheckWithinOwnGrants(s, who, *before);
    repo::UpdateRole(s, id, in.name.value_or(before->name),
                     in.description.value_or(before->description));
    if (in.permissions) repo::SetRolePermissions(s, id, ResolveGrants(s, who, *in.permissions));
    const RoleRow after = *repo::FindRole(s, id);
    admin::OpLog log = RoleLog(who, "update", id, "edited role " + after.code);
    log.detail_json = "{\"before\":" + Snapshot(*before) + ",\"after\":" + Snapshot(after) + "}";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return 0;
  });
  return Load(id);
}

void RoleService::Delete(const Actor& who, int64_t id) {
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    // Locked: an admin being given this role share-locks it, so the count
    // below cannot miss an assignment committing at the same time.
    const auto before = repo::FindRole(s, id, " FOR UPDATE");
    if (!before) throw NotFound("role not found");
    if (before->builtin) throw Conflict("builtin_role", "built-in roles cannot be deleted");
    CheckWithinOwnGrants(s, who, *before);
    if (const int64_t n = repo::CountAdminsOfRole(s, id); n > 0) {
      throw Conflict("role_in_use", std::to_string(n) + " admin(s) still have this role");
    }
    repo::DeleteRole(s, id);
    admin::OpLog log = RoleLog(who, "delete", id, "deleted role " + before->code);
    log.detail_json = "{\"before\":" + Snapshot(*before) + "}";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return 0;
  });
}

}  // namespace rz::admin_system
