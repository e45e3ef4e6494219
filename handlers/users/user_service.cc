// Users worker services; see user_service.h.
#include "handlers/users/user_service.h"

#include <rapidjson/document.h>

#include <algorithm>

#include "auth/token_auth.h"
#include "core/error.h"
#include "core/log.h"

namespace rz::users {
namespace {

std::string StringField(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

// benefits is admin-entered JSON; anything that is not {name, ...} is skipped
// rather than failing the member's page.
std::vector<VipBenefit> ParseBenefits(const std::string& json) {
  std::vector<VipBenefit> out;
  rapidjson::Document d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsArray()) return out;
  for (const auto& e : d.GetArray()) {
    if (!e.IsObject()) continue;
    VipBenefit b{StringField(e, "name"), StringField(e, "description")};
    if (!b.name.empty()) out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

UserService::UserService(Db& db, Redis& redis, const crypto::FieldCipher& cipher)
    : repo_(db), redis_(redis), cipher_(cipher) {}

void UserService::Invalidate(int64_t user_id) {
  // A failed delete leaves at most a 2 h stale summary, and the auth check reads
  // only the status from it, which these writes never change.
  if (!redis_.Del(TokenAuthenticator::UserKey(user_id))) {
    LogWarn("user cache invalidation failed", {{"user", std::to_string(user_id)}});
  }
}

UserRecord UserService::Me(int64_t user_id) {
  auto u = repo_.Find(user_id);
  if (!u || u->deleted) throw NotFound("user not found");
  return *u;
}

UserRecord UserService::UpdateProfile(int64_t user_id, const ProfileUpdate& u) {
  ProfilePatch p;
  p.nickname = u.nickname;
  p.avatar_url = u.avatar_url;
  p.email = u.email;
  p.city = u.city;
  p.province = u.province;
  p.gender = u.gender;
  if (u.phone) {
    p.phone_enc = cipher_.Encrypt(*u.phone);
    p.phone_hash = cipher_.BlindIndex(*u.phone);
  }
  repo_.UpdateProfile(user_id, p);
  Invalidate(user_id);
  return Me(user_id);
}

VipInfo UserService::Vip(int64_t user_id) {
  UserRecord u = Me(user_id);
  VipInfo v;
  v.level = u.vip_level;
  v.expire_date = u.vip_expire_date;
  v.total_spent = u.total_spent;
  for (const VipLevelRow& row : repo_.VipLevels()) {
    if (row.level == u.vip_level) {
      v.name = row.name;
      v.discount_rate = row.discount_rate;
      v.benefits = ParseBenefits(row.benefits_json);
    } else if (row.level > u.vip_level && !v.next) {
      // Levels come lowest first, so the first one above is the next step.
      v.next = VipInfo::Next{row.name, std::max<int64_t>(0, row.spend_threshold - u.total_spent)};
    }
  }
  return v;
}

UserRecord UserService::JoinMembership(int64_t user_id, const MembershipInput& m) {
  Me(user_id);  // 4003 before writing for a user that is gone
  MembershipRow row;
  row.user_id = user_id;
  row.last_name = m.last_name;
  row.title = m.title;
  row.mobile_enc = cipher_.Encrypt(m.mobile);
  row.mobile_hash = cipher_.BlindIndex(m.mobile);
  row.consent_analytics = m.consent_analytics;
  row.consent_marketing = m.consent_marketing;
  repo_.JoinMembership(row);
  Invalidate(user_id);
  LogInfo("membership joined", {{"user", std::to_string(user_id)}});
  return Me(user_id);
}

}  // namespace rz::users
