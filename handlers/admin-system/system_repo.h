// All SQL of the admin-system worker: admins (and their login bookkeeping),
// roles and their grants, the permission tree, operation_logs reads, settings
// and express_companies. Every function runs on the caller's session, so the
// services decide what shares a transaction; every value is bound.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rz::admin_system {

struct AdminRow {
  int64_t id = 0, role_id = 0, status = 0, failed_logins = 0;
  std::string username, email, display_name, password_hash, role_code, role_name;
  std::string locked_until, last_login_at, last_login_ip, created_at;  // ISO, "" = NULL
  bool locked = false;  // locked_until is in the future
};

struct AdminFilter {
  std::string username;  // substring
  int64_t role_id = 0;   // 0 = any
  int64_t status = -1;   // -1 = any
};

struct NewAdmin {
  std::string username, display_name, email, password_hash;  // email "" = NULL
  int64_t role_id = 0;
};

struct RoleRow {
  int64_t id = 0, admin_count = 0;
  bool builtin = false;
  std::string code, name, description, created_at;
  std::vector<std::string> permissions;  // codes
};

// What a role may do: super_admin holds every leaf permission.
struct RoleGrants {
  std::string code;  // "" = no such role
  std::set<std::string> permissions;
  bool super() const;
};

struct PermissionRow {
  int64_t id = 0, parent_id = 0, sort = 0;  // parent_id 0 = module node
  std::string code, module, name;
};

struct LogFilter {
  int64_t admin_id = 0;  // 0 = any
  std::string module, action, result;
  std::string from, to;  // "YYYY-MM-DD 00:00:00" UTC; `to` exclusive; "" = open
};

struct LogRow {
  int64_t id = 0, admin_id = 0;
  std::string admin_username, module, action, target_type, target_id, summary, detail_json, ip,
      result, created_at;
};

struct SettingRow {
  std::string key, value_json, description, updated_at;
  bool secret = false;
};

struct ExpressRow {
  std::string code, name, tracking_code;
  bool active = true;
  int64_t sort = 0;
};

namespace repo {

constexpr int kMaxLoginFailures = 5;
constexpr int kLockMinutes = 15;

// ---- admins
std::optional<AdminRow> FindAdmin(soci::session& s, int64_t id);
// Row-locks the admin (FOR UPDATE) for the rest of the transaction; false when
// there is no such admin. Read it with FindAdmin afterwards.
bool LockAdmin(soci::session& s, int64_t id);
std::optional<AdminRow> FindAdminByUsername(soci::session& s, const std::string& username);
std::vector<AdminRow> ListAdmins(soci::session& s, const AdminFilter& f, int64_t limit,
                                 int64_t offset, int64_t* total);
// One wrong password of an active, unlocked admin: a single conditional UPDATE
// (row-locked by InnoDB), so concurrent failures each count and the 5th locks
// the account for 15 minutes. The count restarts after an expired lock. false
// when nothing was counted (already locked or disabled meanwhile).
bool CountLoginFailure(soci::session& s, int64_t id);
void RecordLoginSuccess(soci::session& s, int64_t id, const std::string& ip);
int64_t InsertAdmin(soci::session& s, const NewAdmin& a);
void UpdateAdmin(soci::session& s, int64_t id, const std::string& display_name,
                 const std::string& email, int64_t role_id);
void SetAdminStatus(soci::session& s, int64_t id, int64_t status);
// New password hash; also clears the failure count and any lock.
void SetAdminPassword(soci::session& s, int64_t id, const std::string& hash);
void DeleteAdmin(soci::session& s, int64_t id);
// Ids of the active super admins, row-locked (FOR UPDATE) so two concurrent
// demotions cannot both see "another one is left". Taken before LockAdmin in
// every transaction that takes both, so they queue instead of deadlocking.
std::vector<int64_t> LockActiveSuperAdmins(soci::session& s);

// ---- roles and permissions
RoleGrants GrantsOf(soci::session& s, int64_t role_id);
std::vector<RoleRow> ListRoles(soci::session& s);
// `lock`: "" | " FOR UPDATE" | " LOCK IN SHARE MODE".
std::optional<RoleRow> FindRole(soci::session& s, int64_t id, const char* lock = "");
int64_t InsertRole(soci::session& s, const std::string& code, const std::string& name,
                   const std::string& description);
void UpdateRole(soci::session& s, int64_t id, const std::string& name,
                const std::string& description);
void SetRolePermissions(soci::session& s, int64_t role_id, const std::vector<int64_t>& ids);
void DeleteRole(soci::session& s, int64_t id);
// Admins holding the role, read with a locking read (the latest committed rows).
int64_t CountAdminsOfRole(soci::session& s, int64_t role_id);
// Leaf permission code -> id (module nodes cannot be granted).
std::map<std::string, int64_t> LeafPermissionIds(soci::session& s);
std::vector<PermissionRow> Permissions(soci::session& s);

// ---- operation logs, newest first
std::vector<LogRow> ListLogs(soci::session& s, const LogFilter& f, int64_t limit, int64_t offset,
                             int64_t* total);
// Keyset page for exports: rows with id < before_id (0 = from the newest).
std::vector<LogRow> LogsBefore(soci::session& s, const LogFilter& f, int64_t before_id,
                               int64_t limit);

// ---- settings and express companies
std::vector<SettingRow> Settings(soci::session& s, bool for_update = false);
void UpsertSetting(soci::session& s, const std::string& key, const std::string& value_json,
                   int64_t admin_id);
std::vector<ExpressRow> ExpressCompanies(soci::session& s, bool for_update = false);
void UpsertExpress(soci::session& s, const ExpressRow& e);

}  // namespace repo
}  // namespace rz::admin_system
