// Business rules of the users worker: the caller's profile, its VIP standing
// and joining the membership programme.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cache/redis.h"
#include "crypto/crypto.h"
#include "handlers/users/user_repo.h"
#include "users/user_record.h"

namespace rz::users {

// Validated PUT /users/me fields, in plain text.
struct ProfileUpdate {
  std::optional<std::string> nickname, avatar_url, phone, email, city, province;
  std::optional<int64_t> gender;
};

// Validated POST /users/me/membership body.
struct MembershipInput {
  std::string last_name;
  std::string title;
  std::string mobile;
  bool consent_analytics = false;
  bool consent_marketing = false;
};

struct VipBenefit {
  std::string name;
  std::string description;
};

struct VipInfo {
  int level = 0;
  std::string name;         // "" when the level has no vip_levels row
  std::string expire_date;  // MySQL DATE text, "" = no expiry
  int discount_rate = 100;  // percent payable
  std::vector<VipBenefit> benefits;
  int64_t total_spent = 0;  // fen
  struct Next {
    std::string name;
    int64_t spend_needed = 0;  // fen
  };
  std::optional<Next> next;  // absent at the top level
};

class UserService {
 public:
  UserService(Db& db, Redis& redis, const crypto::FieldCipher& cipher);

  // 4003 when the user no longer exists.
  UserRecord Me(int64_t user_id);
  UserRecord UpdateProfile(int64_t user_id, const ProfileUpdate& u);
  VipInfo Vip(int64_t user_id);
  UserRecord JoinMembership(int64_t user_id, const MembershipInput& m);

 private:
  // Drops the cached user summary (user:{id}) after any write to the row.
  void Invalidate(int64_t user_id);

  UserRepo repo_;
  Redis& redis_;
  const crypto::FieldCipher& cipher_;
};

}  // namespace rz::users
