// Users worker SQL; every value is bound.
#include "handlers/users/user_repo.h"

#include "db/sql.h"

namespace rz::users {
namespace {

using OptParam = NullableParam;

}  // namespace

std::optional<UserRecord> UserRepo::Find(int64_t id) {
  return db_.Run([&](soci::session& s) { return FindUserById(s, id); });
}

void UserRepo::UpdateProfile(int64_t id, const ProfilePatch& p) {
  OptParam nickname(p.nickname), avatar(p.avatar_url), email(p.email), city(p.city),
      province(p.province), phone(p.phone_enc), phone_hash(p.phone_hash);
  long long gender = p.gender.value_or(0);
  soci::indicator gender_ind = p.gender ? soci::i_ok : soci::i_null;
  db_.Run([&](soci::session& s) {
    s << "UPDATE users SET nickname = COALESCE(:nickname, nickname), "
         "avatar_url = COALESCE(:avatar, avatar_url), email = COALESCE(:email, email), "
         "city = COALESCE(:city, city), province = COALESCE(:province, province), "
         "phone = COALESCE(:phone, phone), phone_hash = COALESCE(:phone_hash, phone_hash), "
         "gender = COALESCE(:gender, gender) "
         "WHERE id = :id AND deleted_at IS NULL",
        soci::use(nickname.value, nickname.ind), soci::use(avatar.value, avatar.ind),
        soci::use(email.value, email.ind), soci::use(city.value, city.ind),
        soci::use(province.value, province.ind), soci::use(phone.value, phone.ind),
        soci::use(phone_hash.value, phone_hash.ind), soci::use(gender, gender_ind), soci::use(id);
    return 0;
  });
}

void UserRepo::JoinMembership(const MembershipRow& m) {
  int analytics = m.consent_analytics ? 1 : 0;
  int marketing = m.consent_marketing ? 1 : 0;
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    s << "INSERT INTO member_profiles (user_id, last_name, title, mobile, mobile_hash, "
         "privacy_accepted_at, consent_analytics, consent_marketing) "
         "VALUES (:user_id, :last_name, :title, :mobile, :mobile_hash, UTC_TIMESTAMP(), "
         ":analytics, :marketing) "
         "ON DUPLICATE KEY UPDATE last_name = :last_name2, title = :title2, "
         "mobile = :mobile2, mobile_hash = :mobile_hash2, privacy_accepted_at = UTC_TIMESTAMP(), "
         "consent_analytics = :analytics2, consent_marketing = :marketing2",
        soci::use(m.user_id), soci::use(m.last_name), soci::use(m.title), soci::use(m.mobile_enc),
        soci::use(m.mobile_hash), soci::use(analytics), soci::use(marketing),
        soci::use(m.last_name), soci::use(m.title), soci::use(m.mobile_enc),
        soci::use(m.mobile_hash), soci::use(analytics), soci::use(marketing);
    s << "UPDATE users SET user_type = 1 WHERE id = :id", soci::use(m.user_id);
    tx.commit();
    return 0;
  });
}

std::vector<VipLevelRow> UserRepo::VipLevels() {
  return db_.Run([&](soci::session& s) {
    std::vector<VipLevelRow> out;
    VipLevelRow row;
    soci::statement st =
        (s.prepare << "SELECT level, name, discount_rate, spend_threshold, benefits "
                      "FROM vip_levels ORDER BY level",
         soci::into(row.level), soci::into(row.name), soci::into(row.discount_rate),
         soci::into(row.spend_threshold), soci::into(row.benefits_json));
    st.execute();
    while (st.fetch()) out.push_back(row);
    return out;
  });
}

}  // namespace rz::users
