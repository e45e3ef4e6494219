// All SQL of the users worker: profile updates, membership, VIP levels.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"
#include "users/user_record.h"

namespace rz::users {

// Columns to change; unset members keep their value. Phone is already encrypted.
struct ProfilePatch {
  std::optional<std::string> nickname, avatar_url, email, city, province;
  std::optional<std::string> phone_enc, phone_hash;
  std::optional<int64_t> gender;
};

struct MembershipRow {
  int64_t user_id = 0;
  std::string last_name;
  std::string title;
  std::string mobile_enc;
  std::string mobile_hash;
  bool consent_analytics = false;
  bool consent_marketing = false;
};

struct VipLevelRow {
  int level = 0;
  std::string name;
  int discount_rate = 100;      // percent payable
  int64_t spend_threshold = 0;  // fen
  std::string benefits_json;    // [{"name","description"}] as stored
};

class UserRepo {
 public:
  explicit UserRepo(Db& db) : db_(db) {}

  std::optional<UserRecord> Find(int64_t id);
  void UpdateProfile(int64_t id, const ProfilePatch& p);
  // Upserts the member profile and makes the user a member, in one transaction.
  void JoinMembership(const MembershipRow& m);
  // Every level, lowest first.
  std::vector<VipLevelRow> VipLevels();

 private:
  Db& db_;
};

}  // namespace rz::users
