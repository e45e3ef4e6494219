// The mini-program user as both the auth and users workers load and show it.
// One loader and one renderer, so the login answer and GET /users/me never drift.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/json_out.h"
#include "crypto/crypto.h"

namespace rz {

struct UserRecord {
  int64_t id = 0;
  std::string openid;
  std::string nickname;
  std::string avatar_url;
  std::string phone_enc;  // ciphertext as stored; "" when no phone is bound
  std::string email;      // "" when none
  int gender = 0;         // 0 unknown, 1 male, 2 female
  std::string city;
  std::string province;
  int user_type = 0;  // 0 normal, 1 member
  int vip_level = 0;
  std::string vip_expire_date;  // MySQL DATE text, "" = no expiry
  int64_t total_spent = 0;      // fen
  int status = 1;               // 1 ok, 0 disabled
  bool deleted = false;         // deleted_at is set
  std::string created_at;       // MySQL DATETIME text, UTC

  // May sign in and be served: enabled and not soft-deleted.
  bool active() const { return status == 1 && !deleted; }
};

// Loads a user by id, soft-deleted ones included (callers decide what that means);
// nullopt when there is no such row. Runs on the caller's session so it can join
// the caller's transaction.
std::optional<UserRecord> FindUserById(soci::session& s, int64_t id);

// Writes the GET /users/me object. The phone is decrypted: only its owner ever
// receives this rendering.
void WriteUserJson(JsonOut& j, const UserRecord& u, const crypto::FieldCipher& cipher);

}  // namespace rz
