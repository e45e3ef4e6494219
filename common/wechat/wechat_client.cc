// WechatClient: cpp-httplib calls to the WeChat server API with bounded timeouts,
// errcode -> ApiError mapping, and encryptedData decryption.
#include "wechat/wechat_client.h"

#include "http/base_url.h"

#include <httplib.h>
#include <rapidjson/document.h>

#include <chrono>
#include <stdexcept>
#include <utility>

#include "core/json_out.h"
#include "core/log.h"
#include "crypto/crypto.h"

namespace rz {
namespace {

const char kUnavailableDetail[] = "wechat unavailable";

// Parses a WeChat answer; a body that is not a JSON object means WeChat (or a proxy
// in front of it) is not answering properly.
rapidjson::Document ParseObject(const std::string& body, const char* what) {
  rapidjson::Document d;
  d.Parse(body.data(), body.size());
  if (d.HasParseError() || !d.IsObject()) {
    LogWarn("wechat answer is not a JSON object", {{"call", what}});
    throw Unavailable(kUnavailableDetail);
  }
  return d;
}

// errcode of an answer; 0 when absent (success answers usually omit it).
int64_t ErrCode(const rapidjson::Value& v) {
  auto it = v.FindMember("errcode");
  if (it == v.MemberEnd() || !it->value.IsInt64()) return 0;
  return it->value.GetInt64();
}

std::string StringMember(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

void LogRejected(const char* what, int64_t errcode, const rapidjson::Value& v) {
  LogWarn("wechat rejected call", {{"call", what},
                                   {"errcode", std::to_string(errcode)},
                                   {"errmsg", StringMember(v, "errmsg")}});
}

// WeChat's way of saying "try later": system busy, rate limited.
bool IsTransient(int64_t errcode) { return errcode == -1 || errcode == 45011; }

// Answers that mean our appid/secret/request is wrong, not the user's code.
bool IsConfigError(int64_t errcode) {
  return errcode == 40002 || errcode == 40013 || errcode == 40125 || errcode == 41002 ||
         errcode == 41004 || errcode == 41008;
}

}  // namespace

WechatClient::WechatClient(std::string api_base, std::string appid, std::string secret,
                           int connect_timeout_ms, int read_timeout_ms)
    : appid_(std::move(appid)),
      secret_(std::move(secret)),
      connect_timeout_ms_(connect_timeout_ms),
      read_timeout_ms_(read_timeout_ms) {
  BaseUrl base = ParseBaseUrl(api_base, "wechat.api_base");
  scheme_host_port_ = std::move(base.scheme_host_port);
  path_prefix_ = std::move(base.path_prefix);
}

std::string WechatClient::Send(bool post, const std::string& path_and_query,
                               const std::string& body, Retry retry, const char* what) const {
  const std::string target = path_prefix_ + path_and_query;
  for (int attempt = 0;; ++attempt) {
    // A client per call: httplib::Client serializes its requests, and calls are rare.
    httplib::Client cli(scheme_host_port_);
    ConfigureOutboundClient(cli, connect_timeout_ms_, read_timeout_ms_);
    const httplib::Headers headers{{"Accept", "application/json"}};
    auto res =
        post ? cli.Post(target, headers, body, "application/json") : cli.Get(target, headers);
    if (res) {
      if (res->status == 200) return res->body;
      LogWarn("wechat http error", {{"call", what}, {"status", std::to_string(res->status)}});
      throw Unavailable(kUnavailableDetail);
    }
    // Connect failures mean the request never reached WeChat, so even a
    // single-use login code may be sent again.
    const httplib::Error err = res.error();
    const bool not_sent =
        err == httplib::Error::Connection || err == httplib::Error::ConnectionTimeout;
    const bool again = attempt == 0 && (retry == Retry::kOnNetworkError ||
                                        (retry == Retry::kIfNotSent && not_sent));
    LogWarn("wechat call failed",
            {{"call", what}, {"error", httplib::to_string(err)}, {"retry", again ? "yes" : "no"}});
    if (!again) throw Unavailable(kUnavailableDetail);
  }
}

WechatClient::Session WechatClient::Jscode2Session(const std::string& code) const {
  const char* what = "jscode2session";
  const httplib::Params params{{"appid", appid_},
                               {"secret", secret_},
                               {"js_code", code},
                               {"grant_type", "authorization_code"}};
  // A GET, but the code is single-use: retry only when it was never delivered.
  const auto d =
      ParseObject(Send(false, httplib::append_query_params("/sns/jscode2session", params), "",
                       Retry::kIfNotSent, what),
                  what);
  const int64_t errcode = ErrCode(d);
  if (errcode != 0) {
    LogRejected(what, errcode, d);
    if (IsTransient(errcode) || IsConfigError(errcode)) throw Unavailable(kUnavailableDetail);
    throw Unauthorized("wechat login failed: " + std::to_string(errcode));
  }
  Session s{StringMember(d, "openid"), StringMember(d, "session_key"), StringMember(d, "unionid")};
  if (s.openid.empty() || s.session_key.empty()) {
    LogWarn("wechat answer lacks openid or session_key", {{"call", what}});
    throw Unavailable(kUnavailableDetail);
  }
  return s;
}

WechatClient::AccessToken WechatClient::FetchAccessToken() const {
  const char* what = "cgi-bin/token";
  const httplib::Params params{
      {"grant_type", "client_credential"}, {"appid", appid_}, {"secret", secret_}};
  const auto d = ParseObject(Send(false, httplib::append_query_params("/cgi-bin/token", params), "",
                                  Retry::kOnNetworkError, what),
                             what);
  const int64_t errcode = ErrCode(d);
  AccessToken t{StringMember(d, "access_token"), 7200};
  auto exp = d.FindMember("expires_in");
  if (exp != d.MemberEnd() && exp->value.IsInt64()) t.expires_in = exp->value.GetInt64();
  if (errcode != 0 || t.token.empty()) {
    LogRejected(what, errcode, d);
    throw Unavailable(kUnavailableDetail);
  }
  return t;
}

std::string WechatClient::GetPhoneNumber(const std::string& access_token,
                                         const std::string& code) const {
  const char* what = "getuserphonenumber";
  JsonOut body;
  body.StartObject().Key("code").String(code).EndObject();
  const auto d = ParseObject(Send(true,
                                  httplib::append_query_params("/wxa/business/getuserphonenumber",
                                                               {{"access_token", access_token}}),
                                  body.str(), Retry::kNever, what),
                             what);
  const int64_t errcode = ErrCode(d);
  if (errcode != 0) {
    LogRejected(what, errcode, d);
    if (errcode == 40001 || errcode == 40014 || errcode == 42001) throw WechatTokenExpired();
    if (IsTransient(errcode)) throw Unavailable(kUnavailableDetail);
    throw BadRequest("code", "rejected by wechat");
  }
  auto info = d.FindMember("phone_info");
  std::string phone;
  if (info != d.MemberEnd() && info->value.IsObject()) {
    phone = StringMember(info->value, "purePhoneNumber");
  }
  if (phone.empty()) {
    LogWarn("wechat answer lacks phone_info.purePhoneNumber", {{"call", what}});
    throw Unavailable(kUnavailableDetail);
  }
  return phone;
}

std::optional<std::string> WechatClient::DecryptUserInfo(const std::string& session_key_b64,
                                                         const std::string& iv_b64,
                                                         const std::string& encrypted_b64,
                                                         const std::string& expected_appid) {
  const auto key = crypto::Base64Decode(session_key_b64);
  const auto iv = crypto::Base64Decode(iv_b64);
  const auto ct = crypto::Base64Decode(encrypted_b64);
  if (!key || !iv || !ct || key->size() != 16 || iv->size() != 16) return std::nullopt;
  auto plain = crypto::Aes128CbcDecrypt(*key, *iv, *ct);
  if (!plain) return std::nullopt;
  rapidjson::Document d;
  d.Parse(plain->data(), plain->size());
  if (d.HasParseError() || !d.IsObject()) return std::nullopt;
  auto wm = d.FindMember("watermark");
  if (wm == d.MemberEnd() || !wm->value.IsObject()) return std::nullopt;
  const std::string appid = StringMember(wm->value, "appid");
  if (expected_appid.empty() || appid != expected_appid) return std::nullopt;
  return plain;
}

}  // namespace rz
