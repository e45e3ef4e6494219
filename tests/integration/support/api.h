// Integration-test support: an HTTP client for the private test stack that
// scripts/run-tests starts (nginx on RZ_BASE_URL), envelope parsing, direct
// SQL for fixtures and assertions, and stack controls (stop Redis, kill a worker).
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/config.h"

namespace rz::test {

struct ApiResponse {
  int status = 0;  // HTTP status (0: no answer)
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  rapidjson::Document json;                    // parsed body (Null if not JSON)

  int code() const;                      // envelope code (-1 if absent)
  const rapidjson::Value& data() const;  // envelope data (Null if absent)
  std::string error_type() const;
  bool has_field_error(const std::string& field) const;  // error.fields[field] present
  std::string header(const std::string& lower_name) const;
};

// Base URL from RZ_BASE_URL (default http://127.0.0.1:28080).
std::string BaseUrl();

// method: GET/POST/PUT/DELETE; path like "/api/v1/products?per_page=3".
ApiResponse Call(const std::string& method, const std::string& path, const std::string& body = "",
                 const std::string& bearer = "",
                 const std::map<std::string, std::string>& extra_headers = {});
inline ApiResponse Get(const std::string& path, const std::string& bearer = "") {
  return Call("GET", path, "", bearer);
}
inline ApiResponse Post(const std::string& path, const std::string& body,
                        const std::string& bearer = "") {
  return Call("POST", path, body, bearer);
}
inline ApiResponse Put(const std::string& path, const std::string& body,
                       const std::string& bearer = "") {
  return Call("PUT", path, body, bearer);
}
inline ApiResponse Delete(const std::string& path, const std::string& bearer = "") {
  return Call("DELETE", path, "", bearer);
}

// POST that waits out nginx's per-IP rate limit (429 + Retry-After) for up to
// 10 s: every test client is 127.0.0.1, so a suite that logs in many fresh
// users or admins waits its turn instead of failing.
ApiResponse PostWaitingForRateLimit(const std::string& path, const std::string& body);

struct Session {
  int64_t user_id = 0;
  std::string access_token;
  std::string refresh_token;
};
// POST /api/v1/auth/wechat/login with {"code": code}; fails the test on error.
Session Login(const std::string& code);
// A unique login code per call ("t-<pid>-<counter>-<suffix>").
std::string UniqueCode(const std::string& suffix = "");

// The stack's config (RZ_CONFIG): secrets for forging tokens, DB settings.
const Config& StackConfig();

// Direct SQL on the test database, for fixtures and assertions.
void Sql(const std::string& statement);
// First column of the first row as text ("" when no row / NULL).
std::string SqlScalar(const std::string& query);

// Redis of the stack: run a raw command through redis-cli; returns its output.
std::string RedisCli(const std::string& args);

// What the catalog write path does after a commit (rz::InvalidateCatalog).
void InvalidateCatalog(int64_t product_id);

// scripts/stack subcommand for the test profile (e.g. "stop-redis"); returns exit status.
int Stack(const std::string& subcommand);

// JSON helpers.
std::string Str(const rapidjson::Value& v, const char* member);
int64_t Int(const rapidjson::Value& v, const char* member);

}  // namespace rz::test
