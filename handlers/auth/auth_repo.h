// All SQL of the auth worker: the login upsert, the phone binding, and loading
// the user row (shared loader in common/users).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/db.h"
#include "users/user_record.h"

namespace rz::auth {

struct LoginProfile {
  std::string openid;
  std::string unionid;     // "" when WeChat sent none
  std::string nickname;    // "" = not supplied
  std::string avatar_url;  // "" = not supplied
};

class AuthRepo {
 public:
  explicit AuthRepo(Db& db) : db_(db) {}

  // Creates the user on its first login, otherwise records the login. The openid
  // UNIQUE key arbitrates concurrent first logins, so both get the same id.
  // Nickname and avatar only fill empty columns: what the user set through
  // PUT /users/me is not overwritten by the next login.
  int64_t UpsertOnLogin(const LoginProfile& p);
  std::optional<UserRecord> Find(int64_t id);
  // Stores the encrypted phone and its blind index; false when the user is gone.
  bool SetPhone(int64_t id, const std::string& phone_enc, const std::string& phone_hash);

 private:
  Db& db_;
};

}  // namespace rz::auth
