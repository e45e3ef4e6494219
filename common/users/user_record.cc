// Loading and rendering of the user row shared by the auth and users workers.
#include "users/user_record.h"

#include "core/log.h"
#include "core/time_util.h"

namespace rz {

std::optional<UserRecord> FindUserById(soci::session& s, int64_t id) {
  UserRecord u;
  soci::indicator phone_ind = soci::i_null, email_ind = soci::i_null, expire_ind = soci::i_null,
                  deleted_ind = soci::i_null;
  std::string deleted_at;
  s << "SELECT id, openid, nickname, avatar_url, phone, email, gender, city, province, "
       "user_type, vip_level, vip_expire_date, total_spent, status, deleted_at, created_at "
       "FROM users WHERE id = :id",
      soci::use(id), soci::into(u.id), soci::into(u.openid), soci::into(u.nickname),
      soci::into(u.avatar_url), soci::into(u.phone_enc, phone_ind), soci::into(u.email, email_ind),
      soci::into(u.gender), soci::into(u.city), soci::into(u.province), soci::into(u.user_type),
      soci::into(u.vip_level), soci::into(u.vip_expire_date, expire_ind), soci::into(u.total_spent),
      soci::into(u.status), soci::into(deleted_at, deleted_ind), soci::into(u.created_at);
  if (!s.got_data()) return std::nullopt;
  if (phone_ind != soci::i_ok) u.phone_enc.clear();
  if (email_ind != soci::i_ok) u.email.clear();
  if (expire_ind != soci::i_ok) u.vip_expire_date.clear();
  u.deleted = deleted_ind == soci::i_ok;
  return u;
}

void WriteUserJson(JsonOut& j, const UserRecord& u, const crypto::FieldCipher& cipher) {
  std::string phone;
  if (!u.phone_enc.empty()) {
    auto plain = cipher.Decrypt(u.phone_enc);
    // A value we cannot decrypt (wrong or rotated key) is shown as absent rather
    // than failing the whole profile; the log says which user needs attention.
    if (plain) {
      phone = *plain;
    } else {
      LogWarn("user phone does not decrypt", {{"user", std::to_string(u.id)}});
    }
  }
  j.StartObject();
  j.Key("id").Int(u.id);
  j.Key("openid").String(u.openid);
  j.Key("nickname").String(u.nickname);
  j.Key("avatar_url").String(u.avatar_url);
  j.Key("phone").StringOrNull(phone);
  j.Key("email").StringOrNull(u.email);
  j.Key("gender").Int(u.gender);
  j.Key("city").String(u.city);
  j.Key("province").String(u.province);
  j.Key("user_type").Int(u.user_type);
  j.Key("vip_level").Int(u.vip_level);
  j.Key("vip_expire_date").StringOrNull(SqlToIso(u.vip_expire_date));
  j.Key("created_at").String(SqlToIso(u.created_at));
  j.EndObject();
}

}  // namespace rz
