// Integration tests of the users worker over HTTP through nginx: the profile,
// its validation, VIP standing and the membership programme.
#define BOOST_TEST_MODULE users
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "tests/integration/support/api.h"

using namespace rz::test;

namespace {

const char kMe[] = "/api/v1/users/me";
const char kVip[] = "/api/v1/users/me/vip";
const char kMembership[] = "/api/v1/users/me/membership";

// Yuan JSON number -> fen, for comparing amounts.
int64_t Fen(const rapidjson::Value& v, const char* member) {
  BOOST_REQUIRE(v.IsObject() && v.HasMember(member) && v[member].IsNumber());
  return std::llround(v[member].GetDouble() * 100);
}

std::string MembershipBody(const std::string& privacy, const std::string& consents) {
  return "{\"last_name\":\"王\",\"title\":\"女士\",\"mobile\":\"13912345678\","
         "\"privacy_accepted\":" +
         privacy + ",\"consents\":" + consents + "}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(me_needs_a_token) {
  ApiResponse r = Get(kMe);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.code() == 4001);
}

BOOST_AUTO_TEST_CASE(me_returns_the_profile) {
  Session s = Login(UniqueCode());
  ApiResponse r = Get(kMe, s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "id") == s.user_id);
  for (const char* k : {"openid", "nickname", "avatar_url", "phone", "email", "gender", "city",
                        "province", "user_type", "vip_level", "vip_expire_date", "created_at"}) {
    BOOST_TEST_CONTEXT(k) { BOOST_TEST(d.HasMember(k)); }
  }
  BOOST_TEST(d["phone"].IsNull());
  BOOST_TEST(Int(d, "user_type") == 0);
  std::string created = Str(d, "created_at");
  BOOST_TEST(created.size() == 20u);
  BOOST_TEST(created.back() == 'Z');
}

BOOST_AUTO_TEST_CASE(put_me_updates_the_allowed_fields) {
  Session s = Login(UniqueCode());
  ApiResponse r = Put(kMe,
                      "{\"nickname\":\"小明\",\"avatar_url\":\"https://cdn.example.com/a.png\","
                      "\"phone\":\"13800001111\",\"email\":\"ming@example.com\",\"gender\":1,"
                      "\"city\":\"上海\",\"province\":\"上海\"}",
                      s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& d = Get(kMe, s.access_token).data();
  BOOST_TEST(Str(d, "nickname") == "小明");
  BOOST_TEST(Str(d, "avatar_url") == "https://cdn.example.com/a.png");
  BOOST_TEST(Str(d, "phone") == "13800001111");
  BOOST_TEST(Str(d, "email") == "ming@example.com");
  BOOST_TEST(Int(d, "gender") == 1);
  BOOST_TEST(Str(d, "city") == "上海");
  BOOST_TEST(Str(d, "province") == "上海");
  std::string stored = SqlScalar("SELECT phone FROM users WHERE id = " + std::to_string(s.user_id));
  BOOST_TEST(stored.find("13800001111") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(put_me_partial_update_keeps_other_fields) {
  Session s = Login(UniqueCode());
  BOOST_REQUIRE_EQUAL(Put(kMe, "{\"nickname\":\"甲\",\"city\":\"北京\"}", s.access_token).status,
                      200);
  BOOST_REQUIRE_EQUAL(Put(kMe, "{\"gender\":2}", s.access_token).status, 200);
  const auto& d = Get(kMe, s.access_token).data();
  BOOST_TEST(Str(d, "nickname") == "甲");
  BOOST_TEST(Str(d, "city") == "北京");
  BOOST_TEST(Int(d, "gender") == 2);
}

BOOST_AUTO_TEST_CASE(put_me_rejects_each_invalid_field) {
  Session s = Login(UniqueCode());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"nickname", "\"\""},
      {"nickname", "\"" + std::string(33, 'x') + "\""},
      {"nickname", "42"},
      {"avatar_url", "\"ftp://x/a.png\""},
      {"avatar_url", "\"javascript:alert(1)\""},
      {"avatar_url", "\"https://x/" + std::string(510, 'a') + "\""},
      {"phone", "\"12345\""},
      {"phone", "\"23800001111\""},
      {"phone", "\"1380000111a\""},
      {"phone", "13800001111"},
      {"email", "\"not-an-email\""},
      {"email", "\"a b@example.com\""},
      {"email", "\"" + std::string(120, 'a') + "@example.com\""},
      {"gender", "3"},
      {"gender", "-1"},
      {"gender", "\"1\""},
      {"city", "\"" + std::string(33, 'c') + "\""},
      {"province", "\"" + std::string(33, 'p') + "\""},
  };
  for (const auto& [field, value] : cases) {
    BOOST_TEST_CONTEXT(field << "=" << value.substr(0, 40)) {
      ApiResponse r = Put(kMe, "{\"" + field + "\":" + value + "}", s.access_token);
      BOOST_TEST(r.status == 400);
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.has_field_error(field));
    }
  }
}

BOOST_AUTO_TEST_CASE(put_me_unknown_field_status_is_4004) {
  Session s = Login(UniqueCode());
  ApiResponse r = Put(kMe, "{\"nickname\":\"ok\",\"status\":0}", s.access_token);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("status"));
  std::string uid = std::to_string(s.user_id);
  BOOST_TEST(SqlScalar("SELECT status FROM users WHERE id = " + uid) == "1");
  BOOST_TEST(SqlScalar("SELECT nickname FROM users WHERE id = " + uid) != "ok");
}

BOOST_AUTO_TEST_CASE(put_me_privileged_fields_are_unknown) {
  Session s = Login(UniqueCode());
  for (const char* field : {"id", "openid", "user_type", "vip_level", "total_spent"}) {
    BOOST_TEST_CONTEXT(field) {
      ApiResponse r = Put(kMe, std::string("{\"") + field + "\":1}", s.access_token);
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.has_field_error(field));
    }
  }
  BOOST_TEST(Int(Get(kMe, s.access_token).data(), "vip_level") == 0);
}

BOOST_AUTO_TEST_CASE(put_me_stores_hostile_looking_text_exactly) {
  Session s = Login(UniqueCode());
  const std::string nickname = "Robert'); DROP TABLE users;--";
  const std::string city = "<script>alert(1)</script>";
  const std::string province = "😀🎉 中文 \\\" %s";
  std::string body =
      "{\"nickname\":\"Robert'); DROP TABLE users;--\","
      "\"city\":\"<script>alert(1)</script>\","
      "\"province\":\"😀🎉 中文 \\\\\\\" %s\"}";
  ApiResponse r = Put(kMe, body, s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& d = Get(kMe, s.access_token).data();
  BOOST_TEST(Str(d, "nickname") == nickname);
  BOOST_TEST(Str(d, "city") == city);
  BOOST_TEST(Str(d, "province") == province);
  BOOST_TEST(SqlScalar("SELECT COUNT(*) FROM users") != "");
}

BOOST_AUTO_TEST_CASE(vip_info_comes_from_vip_levels) {
  Sql("INSERT IGNORE INTO vip_levels (level, name, discount_rate, spend_threshold, benefits) "
      "VALUES (0, '普通会员', 100, 0, '[]'), (1, '银卡会员', 95, 500000, "
      "'[{\"name\":\"95折\",\"description\":\"全场95折\"}]')");
  Session s = Login(UniqueCode());
  std::string uid = std::to_string(s.user_id);
  Sql("UPDATE users SET vip_level = 0, total_spent = 12345 WHERE id = " + uid);

  ApiResponse r = Get(kVip, s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "vip_level") == 0);
  BOOST_TEST(Str(d, "vip_name") == SqlScalar("SELECT name FROM vip_levels WHERE level = 0"));
  BOOST_TEST(std::to_string(Int(d, "discount_rate")) ==
             SqlScalar("SELECT discount_rate FROM vip_levels WHERE level = 0"));
  BOOST_TEST(d["benefits"].IsArray());
  BOOST_TEST(Fen(d, "total_spent") == 12345);
  BOOST_TEST(d["expire_date"].IsNull());

  std::string next = SqlScalar("SELECT MIN(level) FROM vip_levels WHERE level > 0");
  BOOST_REQUIRE(!next.empty());
  const auto& nl = d["next_level"];
  BOOST_TEST(Str(nl, "name") == SqlScalar("SELECT name FROM vip_levels WHERE level = " + next));
  int64_t threshold =
      std::stoll(SqlScalar("SELECT spend_threshold FROM vip_levels WHERE level = " + next));
  BOOST_TEST(Fen(nl, "spend_needed") == std::max<int64_t>(0, threshold - 12345));
}

BOOST_AUTO_TEST_CASE(vip_info_shows_the_levels_benefits) {
  Sql("INSERT IGNORE INTO vip_levels (level, name, discount_rate, spend_threshold, benefits) "
      "VALUES (1, '银卡会员', 95, 500000, '[{\"name\":\"95折\",\"description\":\"全场95折\"}]')");
  Session s = Login(UniqueCode());
  Sql("UPDATE users SET vip_level = 1, vip_expire_date = '2030-01-31' WHERE id = " +
      std::to_string(s.user_id));
  ApiResponse r = Get(kVip, s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "vip_level") == 1);
  BOOST_TEST(Str(d, "expire_date") == "2030-01-31T00:00:00Z");
  BOOST_TEST(std::to_string(d["benefits"].Size()) ==
             SqlScalar("SELECT JSON_LENGTH(benefits) FROM vip_levels WHERE level = 1"));
}

BOOST_AUTO_TEST_CASE(membership_join_makes_the_user_a_member) {
  Session s = Login(UniqueCode());
  ApiResponse r =
      Post(kMembership, MembershipBody("true", "{\"analytics\":true,\"marketing\":false}"),
           s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Int(r.data(), "user_type") == 1);
  BOOST_TEST(Int(Get(kMe, s.access_token).data(), "user_type") == 1);

  std::string where = " FROM member_profiles WHERE user_id = " + std::to_string(s.user_id);
  BOOST_TEST(SqlScalar("SELECT last_name" + where) == "王");
  BOOST_TEST(SqlScalar("SELECT consent_analytics" + where) == "1");
  BOOST_TEST(SqlScalar("SELECT consent_marketing" + where) == "0");
  BOOST_TEST(!SqlScalar("SELECT privacy_accepted_at" + where).empty());
  std::string mobile = SqlScalar("SELECT mobile" + where);
  BOOST_TEST(!mobile.empty());
  BOOST_TEST(mobile.find("13912345678") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(membership_join_twice_updates_the_profile) {
  Session s = Login(UniqueCode());
  const std::string consents = "{\"analytics\":false,\"marketing\":false}";
  BOOST_REQUIRE_EQUAL(Post(kMembership, MembershipBody("true", consents), s.access_token).status,
                      200);
  BOOST_REQUIRE_EQUAL(
      Post(kMembership, MembershipBody("true", "{\"analytics\":false,\"marketing\":true}"),
           s.access_token)
          .status,
      200);
  std::string where = " FROM member_profiles WHERE user_id = " + std::to_string(s.user_id);
  BOOST_TEST(SqlScalar("SELECT COUNT(*)" + where) == "1");
  BOOST_TEST(SqlScalar("SELECT consent_marketing" + where) == "1");
}

BOOST_AUTO_TEST_CASE(membership_requires_privacy_accepted_true) {
  Session s = Login(UniqueCode());
  ApiResponse r =
      Post(kMembership, MembershipBody("false", "{\"analytics\":false,\"marketing\":false}"),
           s.access_token);
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("privacy_accepted"));
  BOOST_TEST(Int(Get(kMe, s.access_token).data(), "user_type") == 0);
}

BOOST_AUTO_TEST_CASE(membership_rejects_unknown_consent_keys) {
  Session s = Login(UniqueCode());
  ApiResponse r =
      Post(kMembership,
           MembershipBody("true", "{\"analytics\":true,\"marketing\":true,\"third_party\":true}"),
           s.access_token);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("consents.third_party"));
}

BOOST_AUTO_TEST_CASE(membership_rejects_bad_mobile_and_missing_fields) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kMembership,
                       "{\"mobile\":\"12345\",\"privacy_accepted\":true,"
                       "\"consents\":{\"analytics\":false,\"marketing\":false}}",
                       s.access_token);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("mobile"));
  BOOST_TEST(r.has_field_error("last_name"));
  BOOST_TEST(r.has_field_error("title"));
}
