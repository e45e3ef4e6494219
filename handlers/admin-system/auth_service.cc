// Admin sign-in and own-account services; see auth_service.h.
#include "handlers/admin-system/auth_service.h"

#include "admin/operation_log.h"
#include "admin/password.h"
#include "core/error.h"

namespace rz::admin_system {
namespace {

ApiError InvalidCredentials() {
  return ApiError(ErrorCode::kUnauthorized, "invalid username or password", "invalid_credentials");
}

// A hash no password matches, verified for unknown names so every attempt
// costs one scrypt run and response time does not reveal which names exist.
const std::string& DummyHash() {
  static const std::string hash = admin::HashPassword(admin::GeneratePassword());
  return hash;
}

}  // namespace

AuthService::AuthService(Db& db, Redis& redis, const Config& cfg)
    : db_(db), tokens_(cfg.Require("jwt.admin_secret"), redis, auth::TokenRealm::Admin()) {}

void AuthService::Refuse(admin::OpLog log, const std::string& summary) {
  log.success = false;
  log.summary = summary;
  admin::AppendOpLog(db_, log);
  throw InvalidCredentials();
}

void AuthService::CountFailure(admin::OpLog log, int64_t admin_id) {
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    const bool counted = repo::CountLoginFailure(s, admin_id);
    const auto now = repo::FindAdmin(s, admin_id);
    const int64_t n = now ? now->failed_logins : 0;
    log.success = false;
    const std::string max = std::to_string(repo::kMaxLoginFailures);
    log.summary = !counted             ? log.summary + "; account already locked"
                  : now && now->locked ? log.summary + "; " + max + " failures: locked " +
                                             std::to_string(repo::kLockMinutes) + " minutes"
                                       : log.summary + " (" + std::to_string(n) + "/" + max + ")";
    log.detail_json = "{\"failed_logins\":" + std::to_string(n) +
                      ",\"locked\":" + (now && now->locked ? "true" : "false") + "}";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return 0;
  });
}

LoginResult AuthService::Login(const std::string& username, const std::string& password,
                               const std::string& ip) {
  const auto found =
      db_.Run([&](soci::session& s) { return repo::FindAdminByUsername(s, username); });
  const bool password_ok =
      admin::VerifyPassword(password, found ? found->password_hash : DummyHash());
  admin::OpLog log = Actor{found ? found->id : 0, 0, ip}.Log("auth", "login");
  log.target_type = "admin";
  if (!found) Refuse(log, "login failed: unknown username \"" + username + "\"");
  log.target_id = std::to_string(found->id);
  if (found->status != 1) Refuse(log, "login refused: account disabled");
  if (found->locked) Refuse(log, "login refused: account locked until " + found->locked_until);
  if (!password_ok) {
    log.summary = "login failed: wrong password";
    CountFailure(log, found->id);
    throw InvalidCredentials();
  }
  // Re-checked under the row lock: a lock set by concurrent wrong guesses
  // while this password was being verified still wins.
  const bool signed_in = db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    const auto row = repo::LockAdmin(s, found->id) ? repo::FindAdmin(s, found->id) : std::nullopt;
    if (!row || row->status != 1 || row->locked) return false;
    repo::RecordLoginSuccess(s, found->id, ip);
    log.summary = "login";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return true;
  });
  if (!signed_in) Refuse(log, "login refused: account locked");
  return {tokens_.IssueNewFamily(found->id), Profile(found->id)};
}

auth::TokenPair AuthService::Refresh(const std::string& refresh_token) {
  const crypto::JwtClaims claims = tokens_.VerifyRefresh(refresh_token);
  const auto a = db_.Run([&](soci::session& s) { return repo::FindAdmin(s, claims.sub); });
  if (!a) throw Unauthorized("unknown admin");
  if (a->status != 1) throw Forbidden("account disabled");
  return tokens_.Rotate(claims);
}

void AuthService::Logout(const Actor& who, const std::string& jti, int64_t token_exp) {
  tokens_.RevokeAccess(jti, token_exp);
  tokens_.RevokeFamilies(who.id);
  admin::OpLog log = who.Log("auth", "logout");
  log.target_type = "admin";
  log.target_id = std::to_string(who.id);
  log.summary = "logout";
  admin::AppendOpLog(db_, log);
}

AdminProfile AuthService::Profile(int64_t admin_id) {
  return db_.Run([&](soci::session& s) {
    AdminProfile p;
    auto a = repo::FindAdmin(s, admin_id);
    if (!a) throw Unauthorized("unknown admin");
    p.admin = std::move(*a);
    p.permissions = repo::GrantsOf(s, p.admin.role_id).permissions;
    return p;
  });
}

auth::TokenPair AuthService::ChangePassword(const Actor& who, const std::string& jti,
                                            int64_t token_exp, const std::string& old_password,
                                            const std::string& new_password) {
  const std::string problem = admin::PasswordProblem(new_password);
  if (!problem.empty()) throw BadRequest("new_password", problem);
  if (new_password == old_password) {
    throw BadRequest("new_password", "must differ from the old password");
  }
  const AdminProfile me = Profile(who.id);
  admin::OpLog log = who.Log("auth", "password");
  log.target_type = "admin";
  log.target_id = std::to_string(who.id);
  if (me.admin.locked) throw Conflict("locked", "account locked, try later");
  // A stolen access token must not become a way to guess the password: wrong
  // old passwords count toward the same lock as failed logins.
  if (!admin::VerifyPassword(old_password, me.admin.password_hash)) {
    log.summary = "password change refused: wrong old password";
    CountFailure(log, who.id);
    throw BadRequest("old_password", "incorrect");
  }
  const std::string hash = admin::HashPassword(new_password);
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    repo::SetAdminPassword(s, who.id, hash);
    log.summary = "password changed; every session ended";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return 0;
  });
  tokens_.RevokeFamilies(who.id);
  tokens_.RevokeAccess(jti, token_exp);
  return tokens_.IssueNewFamily(who.id);
}

}  // namespace rz::admin_system
