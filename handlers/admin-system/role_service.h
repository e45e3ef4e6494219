// Roles and the permission tree (admin.md module 8, role:manage): list roles
// with their grants and admin counts, create, edit (name, description, the
// permission set), delete; read the tree. super_admin cannot be edited;
// built-in roles and roles still assigned cannot be deleted. A non-super
// manager grants only permissions they hold and edits only roles within their
// own grants, so role:manage is no path to more power. Workers see a change
// within AdminAccess::kCacheSeconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"
#include "handlers/admin-system/actor.h"
#include "handlers/admin-system/system_repo.h"

namespace rz::admin_system {

struct RoleInput {
  std::optional<std::string> code, name, description;
  std::optional<std::vector<std::string>> permissions;  // leaf codes
};

class RoleService {
 public:
  explicit RoleService(Db& db) : db_(db) {}

  std::vector<RoleRow> List();
  std::vector<PermissionRow> Permissions();
  // 4004 permissions (unknown codes, named); 4005 duplicate code.
  RoleRow Create(const Actor& who, const RoleInput& in);
  // 4003; 4005 builtin_role for super_admin.
  RoleRow Update(const Actor& who, int64_t id, const RoleInput& in);
  // 4003; 4005 builtin_role / role_in_use.
  void Delete(const Actor& who, int64_t id);

 private:
  std::vector<int64_t> ResolveGrants(soci::session& s, const Actor& who,
                                     const std::vector<std::string>& codes);
  void CheckWithinOwnGrants(soci::session& s, const Actor& who, const RoleRow& role);
  RoleRow Load(int64_t id);

  Db& db_;
};

}  // namespace rz::admin_system
