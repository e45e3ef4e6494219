// create_admin: creates an admin account (by default the first super admin)
// with a generated password, printed once and stored only as its scrypt hash.
//
//   create_admin --config ruizhu.conf [--username admin] [--role super_admin]
//                [--reset] [--if-none]
//
// --reset    the account exists: give it a new generated password and unlock it
// --if-none  do nothing (exit 0) when any super admin exists already (make run)
// Exit: 0 done, 1 failure, 2 bad usage, 3 the username is taken (without --reset).
#include <cstdio>
#include <cstring>
#include <string>

#include "admin/operation_log.h"
#include "admin/password.h"
#include "core/config.h"
#include "db/db.h"
#include "db/sql.h"

namespace {

int Usage(const char* prog) {
  std::fprintf(stderr,
               "usage: %s --config FILE [--username NAME] [--role CODE] [--reset] [--if-none]\n",
               prog);
  return 2;
}

bool ValidUsername(const std::string& u) {
  if (u.size() < 3 || u.size() > 32) return false;
  for (char c : u) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
      return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config, username = "admin", role = "super_admin";
  bool reset = false, if_none = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--config" && i + 1 < argc)
      config = argv[++i];
    else if (a == "--username" && i + 1 < argc)
      username = argv[++i];
    else if (a == "--role" && i + 1 < argc)
      role = argv[++i];
    else if (a == "--reset")
      reset = true;
    else if (a == "--if-none")
      if_none = true;
    else
      return Usage(argv[0]);
  }
  if (config.empty() || !ValidUsername(username)) return Usage(argv[0]);
  try {
    rz::Config cfg = rz::Config::Load(config);
    rz::Db db(cfg);
    return db.Run([&](soci::session& s) {
      using ll = long long;
      if (if_none) {
        rz::SqlQuery q(
            "SELECT COUNT(*) FROM admins a JOIN roles r ON r.id = a.role_id "
            "WHERE r.code = 'super_admin'");
        if (q.ScalarInt(s) > 0) {
          std::printf(
              "a super admin exists already (new password: scripts/create-admin --reset)\n");
          return 0;
        }
      }
      rz::SqlQuery rq("SELECT id FROM roles");
      rq.Append(" WHERE code = ?", role);
      const ll role_id = rq.ScalarInt(s);
      if (role_id == 0) {
        std::fprintf(stderr, "create_admin: no role %s\n", role.c_str());
        return 1;
      }
      rz::SqlQuery eq("SELECT id FROM admins");
      eq.Append(" WHERE username = ?", username);
      const ll existing = eq.ScalarInt(s);
      if (existing && !reset) {
        std::fprintf(stderr, "create_admin: %s exists (use --reset for a new password)\n",
                     username.c_str());
        return 3;
      }
      const std::string password = rz::admin::GeneratePassword();
      const std::string hash = rz::admin::HashPassword(password);
      rz::admin::OpLog log;
      log.module = "system";
      log.target_type = "admin";
      log.ip = "local";
      if (existing) {
        rz::SqlQuery u("UPDATE admins SET failed_logins = 0, locked_until = NULL, status = 1, ");
        u.Append("password_hash = ?", hash);
        u.Append(" WHERE id = ?", existing);
        u.Exec(s);
        log.action = "reset_password";
        log.target_id = std::to_string(existing);
        log.summary = "password of " + username + " reset by scripts/create-admin";
      } else {
        rz::SqlQuery i(
            "INSERT INTO admins (username, display_name, password_hash, role_id) VALUES (");
        i.Append("?, ", username);
        i.Append("?, ", username);
        i.Append("?, ", hash);
        i.Append("?)", role_id);
        i.Exec(s);
        log.action = "create";
        log.summary = "admin " + username + " (" + role + ") created by scripts/create-admin";
      }
      rz::admin::AppendOpLogInTx(s, log);
      std::printf("admin console login (shown once, stored only as a scrypt hash):\n");
      std::printf("  username: %s\n  password: %s\n", username.c_str(), password.c_str());
      return 0;
    });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "create_admin: %s\n", e.what());
    return 1;
  }
}
