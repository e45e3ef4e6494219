// Auth worker SQL; every value is bound.
#include "handlers/auth/auth_repo.h"

namespace rz::auth {

int64_t AuthRepo::UpsertOnLogin(const LoginProfile& p) {
  return db_.Run([&](soci::session& s) {
    soci::indicator union_ind = p.unionid.empty() ? soci::i_null : soci::i_ok;
    // INSERT .. ON DUPLICATE KEY is one atomic statement: two first logins racing
    // on one openid cannot both insert, and neither fails.
    s << "INSERT INTO users (openid, unionid, nickname, avatar_url, last_login_at) "
         "VALUES (:openid, :unionid, :nickname, :avatar, UTC_TIMESTAMP()) "
         "ON DUPLICATE KEY UPDATE last_login_at = UTC_TIMESTAMP(), "
         "unionid = COALESCE(:unionid2, unionid), "
         "nickname = IF(nickname = '', :nickname2, nickname), "
         "avatar_url = IF(avatar_url = '', :avatar2, avatar_url)",
        soci::use(p.openid), soci::use(p.unionid, union_ind), soci::use(p.nickname),
        soci::use(p.avatar_url), soci::use(p.unionid, union_ind), soci::use(p.nickname),
        soci::use(p.avatar_url);
    int64_t id = 0;
    s << "SELECT id FROM users WHERE openid = :openid", soci::use(p.openid), soci::into(id);
    return id;
  });
}

std::optional<UserRecord> AuthRepo::Find(int64_t id) {
  return db_.Run([&](soci::session& s) { return FindUserById(s, id); });
}

bool AuthRepo::SetPhone(int64_t id, const std::string& phone_enc, const std::string& phone_hash) {
  return db_.Run([&](soci::session& s) {
    soci::statement st = (s.prepare << "UPDATE users SET phone = :phone, phone_hash = :hash "
                                       "WHERE id = :id AND deleted_at IS NULL",
                          soci::use(phone_enc), soci::use(phone_hash), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

}  // namespace rz::auth
