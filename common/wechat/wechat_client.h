// Outbound client for the WeChat mini-program server API (wechat.md "Mini-program
// login"): jscode2session, the server access token, getuserphonenumber, and the
// AES-128-CBC decryption of encryptedData. Failures map to ApiError: a rejected
// code is 4001 (or 4004 for a phone code), an outage is 5002. Stateless apart from
// its configuration, so one instance may be shared by all worker threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"

namespace rz {

// WeChat rejected the access token (errcode 40001 / 40014 / 42001): refresh the
// fleet's token and retry once. It is a 5002 ApiError, so one that escapes the
// caller still reads as "WeChat unavailable".
class WechatTokenExpired : public ApiError {
 public:
  WechatTokenExpired() : ApiError(ErrorCode::kUnavailable, "wechat access token rejected") {}
};

class WechatClient {
 public:
  struct Session {
    std::string openid;
    std::string session_key;  // secret: keep server-side, never log or return it
    std::string unionid;      // empty when WeChat sends none
  };
  struct AccessToken {
    std::string token;
    int64_t expires_in = 0;  // seconds
  };

  // api_base: "https://api.weixin.qq.com" or e.g. "http://127.0.0.1:29101" (a path
  // prefix is allowed). https verifies the server certificate against the system CAs.
  WechatClient(std::string api_base, std::string appid, std::string secret,
               int connect_timeout_ms = 3000, int read_timeout_ms = 5000);

  // GET /sns/jscode2session. Throws Unauthorized on a rejected code (40029, 40226,
  // 40163, ...) and Unavailable on -1 / 45011 / network failure / a bad answer.
  Session Jscode2Session(const std::string& code) const;

  // GET /cgi-bin/token, uncached (the caller caches it fleet-wide in Redis).
  // Throws Unavailable on any failure.
  AccessToken FetchAccessToken() const;

  // POST /wxa/business/getuserphonenumber; returns purePhoneNumber. Throws
  // WechatTokenExpired for a rejected token, BadRequest("code") for a rejected
  // code, Unavailable otherwise. Never retried (not idempotent).
  std::string GetPhoneNumber(const std::string& access_token, const std::string& code) const;

  // Decrypts mini-program encryptedData (all arguments base64 as sent by the
  // client). Returns the JSON text only when it parses and its watermark.appid
  // equals expected_appid; nullopt on any failure.
  static std::optional<std::string> DecryptUserInfo(const std::string& session_key_b64,
                                                    const std::string& iv_b64,
                                                    const std::string& encrypted_b64,
                                                    const std::string& expected_appid);

  const std::string& appid() const { return appid_; }

 private:
  std::string scheme_host_port_;  // "https://api.weixin.qq.com"
  std::string path_prefix_;       // "" or "/prefix" (no trailing slash)
  std::string appid_;
  std::string secret_;
  int connect_timeout_ms_;
  int read_timeout_ms_;

  enum class Retry { kNever, kIfNotSent, kOnNetworkError };
  // One HTTP exchange (GET, or POST of a JSON body when `post`); returns the body of
  // a 200 answer or throws Unavailable. `what` names the call in logs.
  std::string Send(bool post, const std::string& path_and_query, const std::string& body,
                   Retry retry, const char* what) const;
};

}  // namespace rz
