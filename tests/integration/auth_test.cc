// Integration tests of the auth worker over HTTP through nginx: WeChat login,
// refresh-token rotation and theft detection, logout, token forgery, disabled
// users and phone binding.
#define BOOST_TEST_MODULE auth
#include <boost/test/unit_test.hpp>

#include <httplib.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "core/json_out.h"
#include "core/time_util.h"
#include "crypto/crypto.h"
#include "crypto/jwt.h"
#include "tests/integration/support/api.h"

using namespace rz::test;

namespace {

const char kLogin[] = "/api/v1/auth/wechat/login";
const char kRefresh[] = "/api/v1/auth/refresh";
const char kLogout[] = "/api/v1/auth/logout";
const char kPhone[] = "/api/v1/auth/wechat/phone";
const char kMe[] = "/api/v1/users/me";

std::string LoginBody(const std::string& code) { return "{\"code\":\"" + code + "\"}"; }

ApiResponse RefreshWith(const std::string& refresh_token) {
  return Post(kRefresh, "", refresh_token);
}

// A token for `user_id` signed with `secret`, otherwise like a real access token.
std::string SignToken(int64_t user_id, const std::string& secret, const std::string& aud,
                      int64_t exp_offset) {
  rz::crypto::JwtClaims c;
  c.sub = user_id;
  c.aud = aud;
  c.typ = "access";
  c.iat = rz::NowUnix();
  c.exp = rz::NowUnix() + exp_offset;
  c.jti = rz::crypto::RandomToken(16);
  return rz::crypto::JwtSign(c, secret);
}

std::string JwtSecret() { return StackConfig().Get("jwt.secret"); }

void ExpectUnauthorized(const ApiResponse& r) {
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.code() == 4001);
}

}  // namespace

BOOST_AUTO_TEST_CASE(login_returns_tokens_that_work_on_users_me) {
  ApiResponse r = Post(kLogin, LoginBody(UniqueCode("ok")));
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.code() == 0);
  const auto& d = r.data();
  BOOST_TEST(Str(d, "token_type") == "Bearer");
  BOOST_TEST(Int(d, "expires_in") == 604800);
  BOOST_TEST(Int(d, "refresh_expires_in") == 2592000);
  BOOST_TEST(!Str(d, "refresh_token").empty());
  BOOST_TEST(r.body.find("session_key") == std::string::npos);
  int64_t id = Int(d["user"], "id");
  BOOST_TEST(id > 0);
  BOOST_TEST(Str(d["user"], "openid").rfind("fake-openid-", 0) == 0);

  ApiResponse me = Get(kMe, Str(d, "access_token"));
  BOOST_REQUIRE_EQUAL(me.status, 200);
  BOOST_TEST(Int(me.data(), "id") == id);
}

BOOST_AUTO_TEST_CASE(login_records_last_login_and_keeps_session_key_server_side) {
  Session s = Login(UniqueCode());
  std::string uid = std::to_string(s.user_id);
  BOOST_TEST(!SqlScalar("SELECT last_login_at FROM users WHERE id = " + uid).empty());
  BOOST_TEST(!RedisCli("GET wx:session:" + uid).empty());
}

BOOST_AUTO_TEST_CASE(same_code_twice_gives_the_same_user) {
  std::string code = UniqueCode("twice");
  Session a = Login(code);
  Session b = Login(code);
  BOOST_TEST(a.user_id == b.user_id);
  BOOST_TEST(a.access_token != b.access_token);
}

BOOST_AUTO_TEST_CASE(concurrent_first_logins_create_one_user) {
  std::string code = UniqueCode("race");
  auto f1 = std::async(std::launch::async, [&] { return Post(kLogin, LoginBody(code)); });
  auto f2 = std::async(std::launch::async, [&] { return Post(kLogin, LoginBody(code)); });
  ApiResponse r1 = f1.get(), r2 = f2.get();
  BOOST_REQUIRE_EQUAL(r1.status, 200);
  BOOST_REQUIRE_EQUAL(r2.status, 200);
  BOOST_TEST(Int(r1.data()["user"], "id") == Int(r2.data()["user"], "id"));
}

BOOST_AUTO_TEST_CASE(login_fills_profile_from_encrypted_user_info) {
  std::string code = UniqueCode("enc");
  // The fake's session key for a code is base64(first 16 bytes of sha256(code)).
  std::string key = rz::crypto::Sha256(code).substr(0, 16);
  std::string iv = rz::crypto::RandomBytes(16);
  rz::JsonOut info;
  info.StartObject()
      .Key("nickName")
      .String("微信昵称")
      .Key("avatarUrl")
      .String("https://wx.qlogo.cn/a.png");
  info.Key("watermark").StartObject().Key("appid").String(StackConfig().Get("wechat.appid"));
  info.Key("timestamp").Int(rz::NowUnix()).EndObject().EndObject();
  auto ct = rz::crypto::Aes128CbcEncrypt(key, iv, info.str());
  BOOST_REQUIRE(ct);
  rz::JsonOut body;
  body.StartObject().Key("code").String(code).Key("iv").String(rz::crypto::Base64Encode(iv));
  body.Key("encryptedData").String(rz::crypto::Base64Encode(*ct)).EndObject();

  ApiResponse r = Post(kLogin, body.str());
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Str(r.data()["user"], "nickname") == "微信昵称");
  BOOST_TEST(Str(r.data()["user"], "avatar_url") == "https://wx.qlogo.cn/a.png");
}

BOOST_AUTO_TEST_CASE(invalid_code_is_4001) {
  ExpectUnauthorized(Post(kLogin, LoginBody("invalid-" + UniqueCode())));
}

BOOST_AUTO_TEST_CASE(wechat_busy_is_5002) {
  ApiResponse r = Post(kLogin, LoginBody("busy-" + UniqueCode()));
  BOOST_TEST(r.status == 503);
  BOOST_TEST(r.code() == 5002);
}

BOOST_AUTO_TEST_CASE(missing_code_is_4004_naming_code) {
  ApiResponse r = Post(kLogin, "{}");
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("code"));
}

BOOST_AUTO_TEST_CASE(code_of_wrong_type_is_4004_naming_code) {
  ApiResponse r = Post(kLogin, "{\"code\":12345}");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("code"));
}

BOOST_AUTO_TEST_CASE(unknown_login_field_is_4004_naming_it) {
  ApiResponse r = Post(kLogin, "{\"code\":\"" + UniqueCode() + "\",\"is_admin\":true}");
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("is_admin"));
}

BOOST_AUTO_TEST_CASE(malformed_json_is_4004) {
  ApiResponse r = Post(kLogin, "{\"code\": ");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("body"));
}

BOOST_AUTO_TEST_CASE(refresh_rotates_and_the_old_refresh_token_stops_working) {
  Session s = Login(UniqueCode());
  ApiResponse r = RefreshWith(s.refresh_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  std::string access = Str(r.data(), "access_token");
  std::string refresh = Str(r.data(), "refresh_token");
  BOOST_TEST(refresh != s.refresh_token);
  BOOST_TEST(Int(r.data(), "expires_in") == 604800);
  BOOST_TEST(Get(kMe, access).status == 200);

  ExpectUnauthorized(RefreshWith(s.refresh_token));
}

BOOST_AUTO_TEST_CASE(reusing_a_rotated_refresh_token_kills_the_family) {
  Session s = Login(UniqueCode());
  ApiResponse first = RefreshWith(s.refresh_token);
  BOOST_REQUIRE_EQUAL(first.status, 200);
  std::string newest = Str(first.data(), "refresh_token");

  ExpectUnauthorized(RefreshWith(s.refresh_token));  // the replay
  ExpectUnauthorized(RefreshWith(newest));           // family gone
}

BOOST_AUTO_TEST_CASE(refresh_token_accepted_in_body) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kRefresh, "{\"refresh_token\":\"" + s.refresh_token + "\"}");
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(!Str(r.data(), "access_token").empty());
}

BOOST_AUTO_TEST_CASE(concurrent_refreshes_with_one_token_have_one_winner) {
  Session s = Login(UniqueCode());
  auto f1 = std::async(std::launch::async, [&] { return RefreshWith(s.refresh_token); });
  auto f2 = std::async(std::launch::async, [&] { return RefreshWith(s.refresh_token); });
  ApiResponse r1 = f1.get(), r2 = f2.get();
  BOOST_TEST((r1.status == 200) + (r2.status == 200) == 1);
  BOOST_TEST((r1.code() == 4001) + (r2.code() == 4001) == 1);
}

BOOST_AUTO_TEST_CASE(access_token_is_not_a_refresh_token) {
  Session s = Login(UniqueCode());
  ExpectUnauthorized(RefreshWith(s.access_token));
  ExpectUnauthorized(Get(kMe, s.refresh_token));
}

BOOST_AUTO_TEST_CASE(logout_revokes_the_access_token_and_refresh_family) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kLogout, "", s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  ExpectUnauthorized(Get(kMe, s.access_token));
  ExpectUnauthorized(RefreshWith(s.refresh_token));
}

BOOST_AUTO_TEST_CASE(logout_needs_a_token) { ExpectUnauthorized(Post(kLogout, "")); }

BOOST_AUTO_TEST_CASE(token_signed_with_another_secret_is_4001) {
  Session s = Login(UniqueCode());
  ExpectUnauthorized(Get(kMe, SignToken(s.user_id, "not-the-secret", "mini", 3600)));
}

BOOST_AUTO_TEST_CASE(alg_none_token_is_4001) {
  Session s = Login(UniqueCode());
  rz::JsonOut payload;
  payload.StartObject().Key("sub").Int(s.user_id).Key("aud").String("mini");
  payload.Key("typ").String("access").Key("iat").Int(rz::NowUnix());
  payload.Key("exp").Int(rz::NowUnix() + 3600).Key("jti").String("none-jti").EndObject();
  std::string token = rz::crypto::Base64UrlEncode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
                      rz::crypto::Base64UrlEncode(payload.str()) + ".";
  ExpectUnauthorized(Get(kMe, token));
}

BOOST_AUTO_TEST_CASE(expired_token_is_4001) {
  Session s = Login(UniqueCode());
  ExpectUnauthorized(Get(kMe, SignToken(s.user_id, JwtSecret(), "mini", -60)));
}

BOOST_AUTO_TEST_CASE(admin_audience_token_is_4001) {
  Session s = Login(UniqueCode());
  ExpectUnauthorized(Get(kMe, SignToken(s.user_id, JwtSecret(), "admin", 3600)));
}

BOOST_AUTO_TEST_CASE(disabled_user_is_4002) {
  Session s = Login(UniqueCode());
  std::string uid = std::to_string(s.user_id);
  Sql("UPDATE users SET status = 0 WHERE id = " + uid);
  RedisCli("DEL user:" + uid);

  ApiResponse me = Get(kMe, s.access_token);
  BOOST_TEST(me.status == 403);
  BOOST_TEST(me.code() == 4002);
  BOOST_TEST(RefreshWith(s.refresh_token).code() == 4002);
  Sql("UPDATE users SET status = 1 WHERE id = " + uid);
  RedisCli("DEL user:" + uid);
}

BOOST_AUTO_TEST_CASE(disabled_user_cannot_log_in) {
  std::string code = UniqueCode("off");
  Session s = Login(code);
  Sql("UPDATE users SET status = 0 WHERE id = " + std::to_string(s.user_id));
  ApiResponse r = Post(kLogin, LoginBody(code));
  BOOST_TEST(r.code() == 4002);
  BOOST_TEST(r.data().IsNull());
}

BOOST_AUTO_TEST_CASE(phone_binding_stores_the_number_encrypted) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kPhone, "{\"code\":\"phone-13812348000\"}", s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Str(r.data(), "phone") == "13812348000");
  BOOST_TEST(Str(Get(kMe, s.access_token).data(), "phone") == "13812348000");

  std::string uid = std::to_string(s.user_id);
  std::string stored = SqlScalar("SELECT phone FROM users WHERE id = " + uid);
  BOOST_TEST(!stored.empty());
  BOOST_TEST(stored.find("13812348000") == std::string::npos);
  BOOST_TEST(SqlScalar("SELECT LENGTH(phone_hash) FROM users WHERE id = " + uid) == "64");
}

BOOST_AUTO_TEST_CASE(phone_binding_with_rejected_code_is_4004) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kPhone, "{\"code\":\"not-a-phone-code\"}", s.access_token);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("code"));
}

BOOST_AUTO_TEST_CASE(phone_binding_needs_a_token) {
  ExpectUnauthorized(Post(kPhone, "{\"code\":\"phone-13812348000\"}"));
}

BOOST_AUTO_TEST_CASE(phone_binding_survives_an_expired_wechat_access_token) {
  Session s = Login(UniqueCode());
  BOOST_REQUIRE_EQUAL(Post(kPhone, "{\"code\":\"phone-13812348001\"}", s.access_token).status,
                      200);  // a cached fleet token now exists
  // The fake now rejects every token it issued so far (42001).
  httplib::Client fake(StackConfig().Get("wechat.api_base"));
  auto expired = fake.Post("/_control/expire_tokens", "", "application/json");
  BOOST_REQUIRE(expired);
  BOOST_REQUIRE_EQUAL(expired->status, 200);

  ApiResponse r = Post(kPhone, "{\"code\":\"phone-13812348002\"}", s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Str(r.data(), "phone") == "13812348002");
}

// Last on purpose: it stops the stack's Redis for a moment.
BOOST_AUTO_TEST_CASE(login_and_refresh_answer_5002_while_redis_is_down) {
  Session s = Login(UniqueCode());
  BOOST_REQUIRE_EQUAL(Stack("stop-redis"), 0);
  ApiResponse login = Post(kLogin, LoginBody(UniqueCode()));
  ApiResponse refresh = RefreshWith(s.refresh_token);
  BOOST_REQUIRE_EQUAL(Stack("start-redis"), 0);
  // Leave the stack usable for whatever runs next: workers back off briefly after
  // a Redis failure, so wait until logins work again.
  bool back = false;
  for (int i = 0; i < 50 && !back; ++i) {
    back = Post(kLogin, LoginBody(UniqueCode())).status == 200;
    if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  BOOST_TEST(back);
  BOOST_TEST(login.status == 503);
  BOOST_TEST(login.code() == 5002);
  BOOST_TEST(refresh.code() == 5002);
}
