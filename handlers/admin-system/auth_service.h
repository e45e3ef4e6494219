// Admin sign-in and the caller's own account: login (scrypt check, one
// generic error, lockout after 5 failures, every attempt logged), refresh-token
// rotation, logout, the profile the console builds its menus from, and the
// caller's own password change.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "auth/token_service.h"
#include "cache/redis.h"
#include "core/config.h"
#include "db/db.h"
#include "handlers/admin-system/actor.h"
#include "handlers/admin-system/system_repo.h"

namespace rz::admin_system {

struct AdminProfile {
  AdminRow admin;
  std::set<std::string> permissions;  // every leaf code for super_admin
};

struct LoginResult {
  auth::TokenPair tokens;
  AdminProfile profile;
};

class AuthService {
 public:
  AuthService(Db& db, Redis& redis, const Config& cfg);

  // The same 4001 (type invalid_credentials) for an unknown name, a wrong
  // password, a disabled account and a locked one, so the answer never tells
  // which names exist. A wrong password counts toward the lock (5 -> 15 min).
  // Every attempt writes an operation_logs row (module auth, action login).
  LoginResult Login(const std::string& username, const std::string& password,
                    const std::string& ip);
  // Rotates within the family (reuse of an old token kills the family: 4001);
  // 4002 for a disabled admin, 4001 for a deleted one.
  auth::TokenPair Refresh(const std::string& refresh_token);
  // Revokes the calling access token and every refresh family of the admin.
  void Logout(const Actor& who, const std::string& jti, int64_t token_exp);
  // 4001 when the admin no longer exists.
  AdminProfile Profile(int64_t admin_id);
  // 4004 new_password (weak or unchanged) / old_password (wrong: counts toward
  // the lock). Then ends every session of the admin — all refresh families and
  // the calling access token — and answers a fresh pair for this one.
  auth::TokenPair ChangePassword(const Actor& who, const std::string& jti, int64_t token_exp,
                                 const std::string& old_password, const std::string& new_password);

 private:
  [[noreturn]] void Refuse(admin::OpLog log, const std::string& summary);
  void CountFailure(admin::OpLog log, int64_t admin_id);

  Db& db_;
  auth::TokenService tokens_;
};

}  // namespace rz::admin_system
