// Staff accounts (admin.md module 8, admin:manage): list, read, create (with a
// generated password shown once), edit, enable/disable, reset password and
// delete. Guards: nobody disables or deletes themselves; the last active super
// admin can be neither disabled, demoted nor deleted; only a super admin changes
// roles or touches super-admin accounts, and a non-super manager only manages
// accounts whose role holds no permission the manager lacks (no escalation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/token_service.h"
#include "cache/redis.h"
#include "core/config.h"
#include "db/db.h"
#include "handlers/admin-system/actor.h"
#include "handlers/admin-system/system_repo.h"

namespace rz::admin_system {

// A validated POST/PUT /admins body; absent fields are nullopt.
struct AdminInput {
  std::optional<std::string> username, display_name, email, password;
  std::optional<int64_t> role_id;
};

struct CreatedAdmin {
  AdminRow admin;
  std::string generated_password;  // "" when the caller chose one
};

class AdminService {
 public:
  AdminService(Db& db, Redis& redis, const Config& cfg);

  std::vector<AdminRow> List(const AdminFilter& f, int64_t limit, int64_t offset, int64_t* total);
  AdminRow Get(int64_t id);  // 4003
  // 4004 role_id (no such role) / password (weak); 4005 duplicate username or email.
  CreatedAdmin Create(const Actor& who, const AdminInput& in);
  AdminRow Update(const Actor& who, int64_t id, const AdminInput& in);
  // Disabling ends the admin's refresh families (access tokens stop within seconds).
  AdminRow SetStatus(const Actor& who, int64_t id, int64_t status);
  // A new generated password (answered once); clears the lock, ends sessions.
  std::string ResetPassword(const Actor& who, int64_t id);
  void Delete(const Actor& who, int64_t id);

 private:
  void CheckMayManage(soci::session& s, const Actor& who, int64_t role_id);
  AdminRow LockTarget(soci::session& s, const Actor& who, int64_t id);

  Db& db_;
  auth::TokenService tokens_;
};

}  // namespace rz::admin_system
