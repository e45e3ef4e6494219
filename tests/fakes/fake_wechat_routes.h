// Routes of the fake WeChat server API (wechat.md "Fakes"), shared by the
// fake_wechat binary and in-process unit tests:
//   GET  /sns/jscode2session   code -> openid "fake-openid-<code>", session_key =
//                              base64(first 16 bytes of sha256(code)); codes starting
//                              "invalid" -> 40029, "busy" -> -1, "slow" -> answers after 2 s
//   GET  /cgi-bin/token        -> "fake-token-<n>", expires_in 7200
//   POST /wxa/business/getuserphonenumber?access_token=  {"code":"phone-<11 digits>"}
//                              unknown token -> 40001, expired token -> 42001, bad code -> 40029
//   GET  /_control/stats       -> {"token_calls", "jscode2session_calls", "phone_calls"}
//   POST /_control/expire_tokens  every token issued so far now answers 42001
#pragma once

#include <httplib.h>
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "core/json_out.h"
#include "crypto/crypto.h"

namespace rz {

namespace fake_wechat {

struct State {
  std::atomic<long> token_calls{0};
  std::atomic<long> jscode2session_calls{0};
  std::atomic<long> phone_calls{0};
  std::mutex mu;
  std::set<std::string> live_tokens;     // issued, still valid
  std::set<std::string> expired_tokens;  // issued, then expired by /_control/expire_tokens
};

inline bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

inline void Reply(httplib::Response& res, const JsonOut& j, const char* type = "application/json") {
  res.set_content(j.str(), type);
}

inline void ReplyError(httplib::Response& res, int errcode, const char* errmsg) {
  JsonOut j;
  j.StartObject().Key("errcode").Int(errcode).Key("errmsg").String(errmsg).EndObject();
  Reply(res, j);
}

// The stable session_key the fake gives a code (tests can derive it too).
inline std::string SessionKeyFor(const std::string& code) {
  return crypto::Base64Encode(crypto::Sha256(code).substr(0, 16));
}

inline bool IsPhoneCode(const std::string& code) {
  if (code.size() != 6 + 11 || !StartsWith(code, "phone-") || code[6] != '1') return false;
  for (size_t i = 6; i < code.size(); ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
  }
  return true;
}

}  // namespace fake_wechat

inline void RegisterFakeWechat(httplib::Server& svr) {
  using fake_wechat::ReplyError;
  auto st = std::make_shared<fake_wechat::State>();

  svr.Get("/sns/jscode2session", [st](const httplib::Request& req, httplib::Response& res) {
    ++st->jscode2session_calls;
    if (req.get_param_value("appid").empty()) return ReplyError(res, 41002, "appid missing");
    if (req.get_param_value("secret").empty()) return ReplyError(res, 41004, "secret missing");
    if (req.get_param_value("grant_type") != "authorization_code") {
      return ReplyError(res, 40002, "invalid grant_type");
    }
    const std::string code = req.get_param_value("js_code");
    if (code.empty()) return ReplyError(res, 41008, "missing code");
    if (fake_wechat::StartsWith(code, "invalid")) return ReplyError(res, 40029, "invalid code");
    if (fake_wechat::StartsWith(code, "busy")) return ReplyError(res, -1, "system busy");
    if (fake_wechat::StartsWith(code, "slow")) std::this_thread::sleep_for(std::chrono::seconds(2));
    JsonOut j;
    j.StartObject()
        .Key("openid")
        .String("fake-openid-" + code)
        .Key("session_key")
        .String(fake_wechat::SessionKeyFor(code))
        .Key("unionid")
        .String("fake-unionid-" + code)
        .EndObject();
    // The real endpoint answers JSON labelled text/plain.
    fake_wechat::Reply(res, j, "text/plain");
  });

  svr.Get("/cgi-bin/token", [st](const httplib::Request& req, httplib::Response& res) {
    const long n = ++st->token_calls;
    if (req.get_param_value("grant_type") != "client_credential") {
      return ReplyError(res, 40002, "invalid grant_type");
    }
    if (req.get_param_value("appid").empty()) return ReplyError(res, 41002, "appid missing");
    if (req.get_param_value("secret").empty()) return ReplyError(res, 41004, "secret missing");
    const std::string token = "fake-token-" + std::to_string(n);
    {
      std::lock_guard<std::mutex> lock(st->mu);
      st->live_tokens.insert(token);
    }
    JsonOut j;
    j.StartObject().Key("access_token").String(token).Key("expires_in").Int(7200).EndObject();
    fake_wechat::Reply(res, j);
  });

  svr.Post("/wxa/business/getuserphonenumber",
           [st](const httplib::Request& req, httplib::Response& res) {
             ++st->phone_calls;
             const std::string token = req.get_param_value("access_token");
             {
               std::lock_guard<std::mutex> lock(st->mu);
               if (st->expired_tokens.count(token)) {
                 return ReplyError(res, 42001, "access_token expired");
               }
               if (!st->live_tokens.count(token)) {
                 return ReplyError(res, 40001, "invalid credential, access_token is invalid");
               }
             }
             rapidjson::Document body;
             body.Parse(req.body.data(), req.body.size());
             std::string code;
             if (!body.HasParseError() && body.IsObject() && body.HasMember("code") &&
                 body["code"].IsString()) {
               code = body["code"].GetString();
             }
             if (!fake_wechat::IsPhoneCode(code)) return ReplyError(res, 40029, "invalid code");
             const std::string phone = code.substr(6);
             JsonOut j;
             j.StartObject().Key("errcode").Int(0).Key("errmsg").String("ok");
             j.Key("phone_info")
                 .StartObject()
                 .Key("phoneNumber")
                 .String(phone)
                 .Key("purePhoneNumber")
                 .String(phone)
                 .Key("countryCode")
                 .String("86")
                 .EndObject();
             j.EndObject();
             fake_wechat::Reply(res, j);
           });

  svr.Get("/_control/stats", [st](const httplib::Request&, httplib::Response& res) {
    JsonOut j;
    j.StartObject()
        .Key("token_calls")
        .Int(st->token_calls.load())
        .Key("jscode2session_calls")
        .Int(st->jscode2session_calls.load())
        .Key("phone_calls")
        .Int(st->phone_calls.load())
        .EndObject();
    fake_wechat::Reply(res, j);
  });

  svr.Post("/_control/expire_tokens", [st](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(st->mu);
    const auto n = static_cast<int64_t>(st->live_tokens.size());
    st->expired_tokens.insert(st->live_tokens.begin(), st->live_tokens.end());
    st->live_tokens.clear();
    JsonOut j;
    j.StartObject().Key("expired").Int(n).EndObject();
    fake_wechat::Reply(res, j);
  });
}

}  // namespace rz
