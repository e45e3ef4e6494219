// admin-system SQL; see system_repo.h. Dynamic statements are built with
// SqlQuery, whose every '?' is a bound value.
#include "handlers/admin-system/system_repo.h"

#include "auth/admin_access.h"
#include "db/sql.h"

namespace rz::admin_system {

bool RoleGrants::super() const { return code == AdminAccess::kSuperAdminRole; }

namespace repo {
namespace {

using ll = long long;

const char kAdminColumns[] =
    "SELECT a.id, a.username, COALESCE(a.email, ''), a.display_name, a.password_hash, a.role_id, "
    "r.code, r.name, a.status, a.failed_logins, a.locked_until, "
    "COALESCE(a.locked_until > UTC_TIMESTAMP(), 0), a.last_login_at, COALESCE(a.last_login_ip, "
    "''), "
    "a.created_at FROM admins a LEFT JOIN roles r ON r.id = a.role_id";

AdminRow AdminFromRow(const soci::row& r) {
  AdminRow a;
  a.id = RowInt(r, 0);
  a.username = RowStr(r, 1);
  a.email = RowStr(r, 2);
  a.display_name = RowStr(r, 3);
  a.password_hash = RowStr(r, 4);
  a.role_id = RowInt(r, 5);
  a.role_code = RowStr(r, 6);
  a.role_name = RowStr(r, 7);
  a.status = RowInt(r, 8);
  a.failed_logins = RowInt(r, 9);
  a.locked_until = RowIso(r, 10);
  a.locked = RowInt(r, 11) != 0;
  a.last_login_at = RowIso(r, 12);
  a.last_login_ip = RowStr(r, 13);
  a.created_at = RowIso(r, 14);
  return a;
}

std::optional<AdminRow> OneAdmin(soci::session& s, const SqlQuery& q) {
  std::optional<AdminRow> out;
  q.ForEach(s, [&](const soci::row& r) { out = AdminFromRow(r); });
  return out;
}

void AppendLogFilter(SqlQuery& q, const LogFilter& f) {
  q.Append(" WHERE 1 = 1");
  if (f.admin_id > 0) q.Append(" AND l.admin_id = ?", static_cast<ll>(f.admin_id));
  if (!f.module.empty()) q.Append(" AND l.module = ?", f.module);
  if (!f.action.empty()) q.Append(" AND l.action = ?", f.action);
  if (!f.result.empty()) q.Append(" AND l.result = ?", f.result);
  if (!f.from.empty()) q.Append(" AND l.created_at >= ?", f.from);
  if (!f.to.empty()) q.Append(" AND l.created_at < ?", f.to);
}

const char kLogColumns[] =
    "SELECT l.id, COALESCE(l.admin_id, 0), COALESCE(a.username, ''), l.module, l.action, "
    "l.target_type, l.target_id, l.summary, l.detail, l.ip, l.result, l.created_at "
    "FROM operation_logs l LEFT JOIN admins a ON a.id = l.admin_id";

std::vector<LogRow> Logs(soci::session& s, const SqlQuery& q) {
  std::vector<LogRow> out;
  q.ForEach(s, [&](const soci::row& r) {
    LogRow l;
    l.id = RowInt(r, 0);
    l.admin_id = RowInt(r, 1);
    l.admin_username = RowStr(r, 2);
    l.module = RowStr(r, 3);
    l.action = RowStr(r, 4);
    l.target_type = RowStr(r, 5);
    l.target_id = RowStr(r, 6);
    l.summary = RowStr(r, 7);
    l.detail_json = RowStr(r, 8);
    l.ip = RowStr(r, 9);
    l.result = RowStr(r, 10);
    l.created_at = RowIso(r, 11);
    out.push_back(std::move(l));
  });
  return out;
}

}  // namespace

// ---- admins

std::optional<AdminRow> FindAdmin(soci::session& s, int64_t id) {
  SqlQuery q(kAdminColumns);
  q.Append(" WHERE a.id = ?", static_cast<ll>(id));
  return OneAdmin(s, q);
}

bool LockAdmin(soci::session& s, int64_t id) {
  // Only the admins row: a locking read over the roles join would lock the
  // role row too and make every sign-in of one role queue behind the others.
  SqlQuery q("SELECT id FROM admins");
  q.Append(" WHERE id = ? FOR UPDATE", static_cast<ll>(id));
  return q.ScalarInt(s) == id;
}

std::optional<AdminRow> FindAdminByUsername(soci::session& s, const std::string& username) {
  SqlQuery q(kAdminColumns);
  q.Append(" WHERE a.username = ?", username);
  return OneAdmin(s, q);
}

std::vector<AdminRow> ListAdmins(soci::session& s, const AdminFilter& f, int64_t limit,
                                 int64_t offset, int64_t* total) {
  SqlQuery count("SELECT COUNT(*) FROM admins a");
  SqlQuery page(kAdminColumns);
  // The same filter on both: each query binds its own copy of the values.
  for (SqlQuery* q : {&count, &page}) {
    q->Append(" WHERE 1 = 1");
    if (!f.username.empty()) {
      q->Append(" AND a.username LIKE ? ESCAPE '\\\\'", "%" + LikeEscape(f.username) + "%");
    }
    if (f.role_id > 0) q->Append(" AND a.role_id = ?", static_cast<ll>(f.role_id));
    if (f.status >= 0) q->Append(" AND a.status = ?", static_cast<ll>(f.status));
  }
  *total = count.ScalarInt(s);
  page.Append(" ORDER BY a.id DESC LIMIT ? OFFSET ?", static_cast<ll>(limit),
              static_cast<ll>(offset));
  std::vector<AdminRow> out;
  page.ForEach(s, [&](const soci::row& r) { out.push_back(AdminFromRow(r)); });
  return out;
}

bool CountLoginFailure(soci::session& s, int64_t id) {
  // Both expressions read the row's old values whatever order the server
  // assigns in: lock exactly when this failure is the 5th; after an expired
  // lock (count still 5) the count restarts at 1.
  SqlQuery q("UPDATE admins SET locked_until = IF(failed_logins < ");
  q.Append("? AND failed_logins + 1 >= ?, ", static_cast<ll>(kMaxLoginFailures),
           static_cast<ll>(kMaxLoginFailures));
  q.Append("UTC_TIMESTAMP() + INTERVAL ? MINUTE, locked_until), ", static_cast<ll>(kLockMinutes));
  q.Append("failed_logins = IF(failed_logins >= ?, 1, failed_logins + 1)",
           static_cast<ll>(kMaxLoginFailures));
  q.Append(" WHERE id = ? AND status = 1", static_cast<ll>(id));
  q.Append(" AND (locked_until IS NULL OR locked_until <= UTC_TIMESTAMP())");
  return q.Exec(s) > 0;
}

void RecordLoginSuccess(soci::session& s, int64_t id, const std::string& ip) {
  SqlQuery q("UPDATE admins SET failed_logins = 0, locked_until = NULL, ");
  q.Append("last_login_at = UTC_TIMESTAMP(), last_login_ip = ?", ip);
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
}

int64_t InsertAdmin(soci::session& s, const NewAdmin& a) {
  SqlQuery q("INSERT INTO admins (username, display_name, email, password_hash, role_id) VALUES (");
  q.Append("?, ?, NULLIF(?, ''), ", a.username, a.display_name, a.email);
  q.Append("?, ", a.password_hash);
  q.Append("?)", static_cast<ll>(a.role_id));
  q.Exec(s);
  return SqlQuery("SELECT LAST_INSERT_ID()").ScalarInt(s);
}

void UpdateAdmin(soci::session& s, int64_t id, const std::string& display_name,
                 const std::string& email, int64_t role_id) {
  SqlQuery q("UPDATE admins SET ");
  q.Append("display_name = ?, ", display_name);
  q.Append("email = NULLIF(?, ''), ", email);
  q.Append("role_id = ?", static_cast<ll>(role_id));
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
}

void SetAdminStatus(soci::session& s, int64_t id, int64_t status) {
  SqlQuery q("UPDATE admins SET ");
  q.Append("status = ? WHERE ", static_cast<ll>(status));
  q.Append("id = ?", static_cast<ll>(id));
  q.Exec(s);
}

void SetAdminPassword(soci::session& s, int64_t id, const std::string& hash) {
  SqlQuery q("UPDATE admins SET failed_logins = 0, locked_until = NULL, ");
  q.Append("password_hash = ?", hash);
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
}

void DeleteAdmin(soci::session& s, int64_t id) {
  SqlQuery q("DELETE FROM admins");
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
}

std::vector<int64_t> LockActiveSuperAdmins(soci::session& s) {
  SqlQuery role("SELECT id FROM roles");
  role.Append(" WHERE code = ?", std::string(AdminAccess::kSuperAdminRole));
  SqlQuery q("SELECT id FROM admins WHERE status = 1");
  q.Append(" AND role_id = ? ORDER BY id FOR UPDATE", static_cast<ll>(role.ScalarInt(s)));
  std::vector<int64_t> ids;
  q.ForEach(s, [&](const soci::row& r) { ids.push_back(RowInt(r, 0)); });
  return ids;
}

// ---- roles and permissions

RoleGrants GrantsOf(soci::session& s, int64_t role_id) {
  RoleGrants g;
  SqlQuery q("SELECT code FROM roles");
  q.Append(" WHERE id = ?", static_cast<ll>(role_id));
  q.ForEach(s, [&](const soci::row& r) { g.code = RowStr(r, 0); });
  if (g.code.empty()) return g;
  // super_admin holds every leaf, also those added after its grant rows were seeded.
  SqlQuery p(g.super() ? "SELECT code FROM permissions WHERE parent_id IS NOT NULL"
                       : "SELECT p.code FROM role_permissions rp "
                         "JOIN permissions p ON p.id = rp.permission_id");
  if (!g.super()) p.Append(" WHERE rp.role_id = ?", static_cast<ll>(role_id));
  p.ForEach(s, [&](const soci::row& r) { g.permissions.insert(RowStr(r, 0)); });
  return g;
}

namespace {

const char kRoleColumns[] =
    "SELECT r.id, r.code, r.name, r.description, r.is_builtin, r.created_at, "
    "(SELECT COUNT(*) FROM admins a WHERE a.role_id = r.id) FROM roles r";

RoleRow RoleFromRow(const soci::row& r) {
  RoleRow o;
  o.id = RowInt(r, 0);
  o.code = RowStr(r, 1);
  o.name = RowStr(r, 2);
  o.description = RowStr(r, 3);
  o.builtin = RowInt(r, 4) != 0;
  o.created_at = RowIso(r, 5);
  o.admin_count = RowInt(r, 6);
  return o;
}

}  // namespace

std::vector<RoleRow> ListRoles(soci::session& s) {
  std::vector<RoleRow> out;
  std::map<int64_t, size_t> at;
  SqlQuery(std::string(kRoleColumns) + " ORDER BY r.id").ForEach(s, [&](const soci::row& r) {
    at[RowInt(r, 0)] = out.size();
    out.push_back(RoleFromRow(r));
  });
  SqlQuery(
      "SELECT rp.role_id, p.code FROM role_permissions rp JOIN permissions p ON p.id = "
      "rp.permission_id ORDER BY rp.role_id, p.parent_id, p.sort, p.id")
      .ForEach(s, [&](const soci::row& r) {
        auto it = at.find(RowInt(r, 0));
        if (it != at.end()) out[it->second].permissions.push_back(RowStr(r, 1));
      });
  for (RoleRow& role : out) {
    if (role.code == AdminAccess::kSuperAdminRole) {
      const RoleGrants g = GrantsOf(s, role.id);
      role.permissions.assign(g.permissions.begin(), g.permissions.end());
    }
  }
  return out;
}

std::optional<RoleRow> FindRole(soci::session& s, int64_t id, const char* lock) {
  SqlQuery q(kRoleColumns);
  q.Append(" WHERE r.id = ?", static_cast<ll>(id));
  q.Append(lock);
  std::optional<RoleRow> out;
  q.ForEach(s, [&](const soci::row& r) { out = RoleFromRow(r); });
  if (out) {
    const RoleGrants g = GrantsOf(s, id);
    out->permissions.assign(g.permissions.begin(), g.permissions.end());
  }
  return out;
}

int64_t InsertRole(soci::session& s, const std::string& code, const std::string& name,
                   const std::string& description) {
  SqlQuery q("INSERT INTO roles (code, name, description, is_builtin) VALUES (");
  q.Append("?, ?, ?, 0)", code, name, description);
  q.Exec(s);
  return SqlQuery("SELECT LAST_INSERT_ID()").ScalarInt(s);
}

void UpdateRole(soci::session& s, int64_t id, const std::string& name,
                const std::string& description) {
  SqlQuery q("UPDATE roles SET ");
  q.Append("name = ?, ", name);
  q.Append("description = ?", description);
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
}

void SetRolePermissions(soci::session& s, int64_t role_id, const std::vector<int64_t>& ids) {
  SqlQuery del("DELETE FROM role_permissions");
  del.Append(" WHERE role_id = ?", static_cast<ll>(role_id));
  del.Exec(s);
  if (ids.empty()) return;
  SqlQuery ins("INSERT INTO role_permissions (role_id, permission_id) VALUES ");
  for (size_t i = 0; i < ids.size(); ++i) {
    ins.Append(i == 0 ? "(?, ?)" : ", (?, ?)", static_cast<ll>(role_id), static_cast<ll>(ids[i]));
  }
  ins.Exec(s);
}

void DeleteRole(soci::session& s, int64_t id) {
  SetRolePermissions(s, id, {});
  SqlQuery q("DELETE FROM roles");
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
}

int64_t CountAdminsOfRole(soci::session& s, int64_t role_id) {
  SqlQuery q("SELECT COUNT(*) FROM admins");
  q.Append(" WHERE role_id = ? LOCK IN SHARE MODE", static_cast<ll>(role_id));
  return q.ScalarInt(s);
}

std::map<std::string, int64_t> LeafPermissionIds(soci::session& s) {
  std::map<std::string, int64_t> out;
  SqlQuery("SELECT code, id FROM permissions WHERE parent_id IS NOT NULL")
      .ForEach(s, [&](const soci::row& r) { out[RowStr(r, 0)] = RowInt(r, 1); });
  return out;
}

std::vector<PermissionRow> Permissions(soci::session& s) {
  std::vector<PermissionRow> out;
  SqlQuery(
      "SELECT id, COALESCE(parent_id, 0), sort, code, module, name FROM permissions "
      "ORDER BY parent_id IS NOT NULL, sort, id")
      .ForEach(s, [&](const soci::row& r) {
        out.push_back(
            {RowInt(r, 0), RowInt(r, 1), RowInt(r, 2), RowStr(r, 3), RowStr(r, 4), RowStr(r, 5)});
      });
  return out;
}

// ---- operation logs

std::vector<LogRow> ListLogs(soci::session& s, const LogFilter& f, int64_t limit, int64_t offset,
                             int64_t* total) {
  SqlQuery count("SELECT COUNT(*) FROM operation_logs l");
  AppendLogFilter(count, f);
  *total = count.ScalarInt(s);
  SqlQuery q(kLogColumns);
  AppendLogFilter(q, f);
  q.Append(" ORDER BY l.created_at DESC, l.id DESC LIMIT ? OFFSET ?", static_cast<ll>(limit),
           static_cast<ll>(offset));
  return Logs(s, q);
}

std::vector<LogRow> LogsBefore(soci::session& s, const LogFilter& f, int64_t before_id,
                               int64_t limit) {
  SqlQuery q(kLogColumns);
  AppendLogFilter(q, f);
  if (before_id > 0) q.Append(" AND l.id < ?", static_cast<ll>(before_id));
  // By id, not created_at: ids grow with time and make a gap-free keyset.
  q.Append(" ORDER BY l.id DESC LIMIT ?", static_cast<ll>(limit));
  return Logs(s, q);
}

// ---- settings and express companies

std::vector<SettingRow> Settings(soci::session& s, bool for_update) {
  std::vector<SettingRow> out;
  SqlQuery q(
      "SELECT `key`, value, description, is_secret, updated_at FROM settings ORDER BY `key`");
  if (for_update) q.Append(" FOR UPDATE");
  q.ForEach(s, [&](const soci::row& r) {
    SettingRow o;
    o.key = RowStr(r, 0);
    o.value_json = RowStr(r, 1);
    o.description = RowStr(r, 2);
    o.secret = RowInt(r, 3) != 0;
    o.updated_at = RowIso(r, 4);
    out.push_back(std::move(o));
  });
  return out;
}

void UpsertSetting(soci::session& s, const std::string& key, const std::string& value_json,
                   int64_t admin_id) {
  SqlQuery q("INSERT INTO settings (`key`, value, updated_by) VALUES (");
  q.Append("?, ", key);
  q.Append("?, ", value_json);
  q.Append("?) ON DUPLICATE KEY UPDATE value = VALUES(value), updated_by = VALUES(updated_by)",
           static_cast<ll>(admin_id));
  q.Exec(s);
}

std::vector<ExpressRow> ExpressCompanies(soci::session& s, bool for_update) {
  std::vector<ExpressRow> out;
  SqlQuery q(
      "SELECT code, name, tracking_code, is_active, sort FROM express_companies ORDER BY sort, id");
  if (for_update) q.Append(" FOR UPDATE");
  q.ForEach(s, [&](const soci::row& r) {
    out.push_back({RowStr(r, 0), RowStr(r, 1), RowStr(r, 2), RowInt(r, 3) != 0, RowInt(r, 4)});
  });
  return out;
}

void UpsertExpress(soci::session& s, const ExpressRow& e) {
  SqlQuery q("INSERT INTO express_companies (code, name, tracking_code, is_active, sort) VALUES (");
  q.Append("?, ?, ?, ", e.code, e.name, e.tracking_code);
  q.Append("?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), ", static_cast<ll>(e.active ? 1 : 0),
           static_cast<ll>(e.sort));
  q.Append(
      "tracking_code = VALUES(tracking_code), is_active = VALUES(is_active), sort = VALUES(sort)");
  q.Exec(s);
}

}  // namespace repo
}  // namespace rz::admin_system
