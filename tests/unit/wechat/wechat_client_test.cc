// WechatClient against the fake WeChat routes served in-process: error mapping,
// timeouts, phone numbers, token expiry and encryptedData decryption.
#define BOOST_TEST_MODULE wechat_client
#include <boost/test/unit_test.hpp>

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "core/error.h"
#include "crypto/crypto.h"
#include "tests/fakes/fake_wechat_routes.h"
#include "wechat/wechat_client.h"

namespace {

// One fake WeChat on an ephemeral port for the whole test module.
struct FakeServer {
  httplib::Server svr;
  std::thread thread;
  int port = 0;

  FakeServer() {
    rz::RegisterFakeWechat(svr);
    port = svr.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { svr.listen_after_bind(); });
    while (!svr.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeServer() {
    svr.stop();
    thread.join();
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port); }
};

FakeServer& Fake() {
  static FakeServer fake;
  return fake;
}

rz::WechatClient Client(int read_timeout_ms = 5000) {
  return rz::WechatClient(Fake().base(), "wx-test-appid", "test-secret", 3000, read_timeout_ms);
}

// A local port nobody listens on: bind an ephemeral port, then release it.
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// Runs f, expecting an ApiError with `code`; returns its detail.
std::string ExpectApiError(const std::function<void()>& f, rz::ErrorCode code) {
  try {
    f();
  } catch (const rz::ApiError& e) {
    BOOST_CHECK_EQUAL(static_cast<int>(e.code()), static_cast<int>(code));
    return e.detail();
  }
  BOOST_ERROR("no ApiError thrown");
  return "";
}

long MillisSince(std::chrono::steady_clock::time_point start) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count());
}

long Stat(const char* name) {
  httplib::Client cli(Fake().base());
  auto res = cli.Get("/_control/stats");
  BOOST_REQUIRE(res);
  rapidjson::Document d;
  d.Parse(res->body.c_str());
  BOOST_REQUIRE(d.IsObject() && d.HasMember(name));
  return static_cast<long>(d[name].GetInt64());
}

std::string UserInfoJson(const std::string& appid) {
  return R"({"nickName":"瑞珠","avatarUrl":"https://x/y.png","watermark":{"timestamp":1700000000,"appid":")" +
         appid + R"("}})";
}

}  // namespace

BOOST_AUTO_TEST_CASE(good_code_gives_stable_session) {
  const long before = Stat("jscode2session_calls");
  auto s = Client().Jscode2Session("abc123");
  BOOST_CHECK_EQUAL(s.openid, "fake-openid-abc123");
  BOOST_CHECK_EQUAL(s.unionid, "fake-unionid-abc123");
  BOOST_CHECK_EQUAL(s.session_key, rz::fake_wechat::SessionKeyFor("abc123"));
  BOOST_CHECK_EQUAL(rz::crypto::Base64Decode(s.session_key)->size(), 16u);
  BOOST_CHECK_EQUAL(Client().Jscode2Session("abc123").session_key, s.session_key);
  BOOST_CHECK_EQUAL(Stat("jscode2session_calls"), before + 2);
}

BOOST_AUTO_TEST_CASE(code_is_url_encoded) {
  auto s = Client().Jscode2Session("a b&c=d+é");
  BOOST_CHECK_EQUAL(s.openid, "fake-openid-a b&c=d+é");
}

BOOST_AUTO_TEST_CASE(invalid_code_is_unauthorized) {
  auto detail =
      ExpectApiError([] { Client().Jscode2Session("invalid-1"); }, rz::ErrorCode::kUnauthorized);
  BOOST_CHECK_EQUAL(detail, "wechat login failed: 40029");
}

BOOST_AUTO_TEST_CASE(busy_is_unavailable) {
  auto detail =
      ExpectApiError([] { Client().Jscode2Session("busy-1"); }, rz::ErrorCode::kUnavailable);
  BOOST_CHECK_EQUAL(detail, "wechat unavailable");
}

BOOST_AUTO_TEST_CASE(unreachable_is_unavailable_quickly) {
  rz::WechatClient c("http://127.0.0.1:" + std::to_string(ClosedPort()), "a", "s", 1000, 1000);
  const auto start = std::chrono::steady_clock::now();
  ExpectApiError([&] { c.Jscode2Session("x"); }, rz::ErrorCode::kUnavailable);
  ExpectApiError([&] { c.FetchAccessToken(); }, rz::ErrorCode::kUnavailable);
  ExpectApiError([&] { c.GetPhoneNumber("t", "phone-13812348000"); }, rz::ErrorCode::kUnavailable);
  BOOST_CHECK_LT(MillisSince(start), 2000);
}

BOOST_AUTO_TEST_CASE(slow_answer_times_out) {
  const auto start = std::chrono::steady_clock::now();
  ExpectApiError([] { Client(300).Jscode2Session("slow-1"); }, rz::ErrorCode::kUnavailable);
  BOOST_CHECK_LT(MillisSince(start), 1500);
}

BOOST_AUTO_TEST_CASE(non_json_answer_is_unavailable) {
  httplib::Server svr;
  svr.Get("/sns/jscode2session", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html>gateway error</html>", "text/html");
  });
  svr.Get("/cgi-bin/token",
          [](const httplib::Request&, httplib::Response& res) { res.status = 502; });
  const int port = svr.bind_to_any_port("127.0.0.1");
  std::thread t([&] { svr.listen_after_bind(); });
  while (!svr.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  rz::WechatClient c("http://127.0.0.1:" + std::to_string(port), "a", "s");
  ExpectApiError([&] { c.Jscode2Session("x"); }, rz::ErrorCode::kUnavailable);
  ExpectApiError([&] { c.FetchAccessToken(); }, rz::ErrorCode::kUnavailable);
  svr.stop();
  t.join();
}

BOOST_AUTO_TEST_CASE(bad_base_url_is_rejected) {
  BOOST_CHECK_THROW(rz::WechatClient("ftp://x", "a", "s"), std::invalid_argument);
  BOOST_CHECK_THROW(rz::WechatClient("127.0.0.1:9101", "a", "s"), std::invalid_argument);
  BOOST_CHECK_NO_THROW(rz::WechatClient("https://api.weixin.qq.com/", "a", "s"));
}

BOOST_AUTO_TEST_CASE(path_prefix_is_kept) {
  rz::WechatClient c(Fake().base() + "/", "a", "s");
  BOOST_CHECK_EQUAL(c.Jscode2Session("p").openid, "fake-openid-p");
}

BOOST_AUTO_TEST_CASE(access_token_is_counted) {
  const long before = Stat("token_calls");
  auto t = Client().FetchAccessToken();
  BOOST_CHECK_EQUAL(t.token.rfind("fake-token-", 0), 0u);
  BOOST_CHECK_EQUAL(t.expires_in, 7200);
  BOOST_CHECK_EQUAL(Stat("token_calls"), before + 1);
}

BOOST_AUTO_TEST_CASE(phone_number) {
  auto c = Client();
  const auto token = c.FetchAccessToken().token;
  BOOST_CHECK_EQUAL(c.GetPhoneNumber(token, "phone-13812348000"), "13812348000");

  ExpectApiError([&] { c.GetPhoneNumber(token, "phone-123"); }, rz::ErrorCode::kBadRequest);
  try {
    c.GetPhoneNumber(token, "nope");
    BOOST_ERROR("no throw");
  } catch (const rz::ApiError& e) {
    BOOST_CHECK_EQUAL(e.fields().count("code"), 1u);
  }
}

BOOST_AUTO_TEST_CASE(rejected_token_is_token_expired) {
  auto c = Client();
  BOOST_CHECK_THROW(c.GetPhoneNumber("not-issued", "phone-13812348000"), rz::WechatTokenExpired);

  const auto token = c.FetchAccessToken().token;
  httplib::Client ctl(Fake().base());
  BOOST_REQUIRE(ctl.Post("/_control/expire_tokens", "", "application/json"));
  BOOST_CHECK_THROW(c.GetPhoneNumber(token, "phone-13812348000"), rz::WechatTokenExpired);
  // Refresh and retry, as the caller does.
  BOOST_CHECK_EQUAL(c.GetPhoneNumber(c.FetchAccessToken().token, "phone-13812348000"),
                    "13812348000");
  // An escaped WechatTokenExpired still reads as "WeChat unavailable".
  ExpectApiError([&] { c.GetPhoneNumber("not-issued", "phone-13812348000"); },
                 rz::ErrorCode::kUnavailable);
}

BOOST_AUTO_TEST_CASE(decrypt_user_info) {
  const std::string key = rz::crypto::RandomBytes(16);
  const std::string iv = rz::crypto::RandomBytes(16);
  auto enc = [&](const std::string& appid) {
    return rz::crypto::Base64Encode(*rz::crypto::Aes128CbcEncrypt(key, iv, UserInfoJson(appid)));
  };
  const std::string key_b64 = rz::crypto::Base64Encode(key);
  const std::string iv_b64 = rz::crypto::Base64Encode(iv);

  auto ok =
      rz::WechatClient::DecryptUserInfo(key_b64, iv_b64, enc("wx-test-appid"), "wx-test-appid");
  BOOST_REQUIRE(ok);
  BOOST_CHECK_EQUAL(*ok, UserInfoJson("wx-test-appid"));

  BOOST_CHECK(
      !rz::WechatClient::DecryptUserInfo(key_b64, iv_b64, enc("wx-other"), "wx-test-appid"));
  const std::string other_key = rz::crypto::Base64Encode(rz::crypto::RandomBytes(16));
  BOOST_CHECK(
      !rz::WechatClient::DecryptUserInfo(other_key, iv_b64, enc("wx-test-appid"), "wx-test-appid"));
  BOOST_CHECK(
      !rz::WechatClient::DecryptUserInfo("!!", iv_b64, enc("wx-test-appid"), "wx-test-appid"));
  BOOST_CHECK(
      !rz::WechatClient::DecryptUserInfo(key_b64, iv_b64, "bm90IGNpcGhlcg==", "wx-test-appid"));
}
