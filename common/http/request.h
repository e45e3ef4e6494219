// An HTTP request as the dispatcher hands it to a handler: method, path,
// query, headers it cares about, body, path parameters, parsed JSON and the
// authenticated principal (filled in by the dispatcher before the handler runs).
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rz {

// Query string parameters with typed, validating accessors (4004 on bad values).
class Query {
 public:
  Query() = default;
  explicit Query(const std::string& query_string);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // Raw value ("" when absent).
  std::string Str(const std::string& name) const;
  std::optional<std::string> OptStr(const std::string& name, size_t max_len) const;
  // Integer within [min, max]; `def` when absent; 4004 naming the field otherwise.
  int64_t Int(const std::string& name, int64_t def, int64_t min, int64_t max) const;
  std::optional<int64_t> OptInt(const std::string& name, int64_t min, int64_t max) const;
  // 1/0/true/false; 4004 on anything else.
  std::optional<bool> OptBool(const std::string& name) const;
  // Amount in yuan text ("199.5") -> fen.
  std::optional<int64_t> OptMoney(const std::string& name) const;
  const std::map<std::string, std::string>& all() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

// Paging per api.md: page >= 1 (default 1), per_page 1..100 (default 10).
struct Paging {
  int64_t page = 1;
  int64_t per_page = 10;
  int64_t offset() const { return (page - 1) * per_page; }
  static Paging From(const Query& q);
};

enum class Realm { kPublic, kOptionalUser, kUser, kAdmin };

struct Principal {
  int64_t id = 0;   // user id (mini realm) or admin id (admin realm); 0 = anonymous
  std::string jti;  // token id
  int64_t token_exp = 0;
  int64_t role_id = 0;  // admin realm only
};

struct Request {
  std::string method;
  std::string path;
  std::string query_string;
  std::string body;
  std::string content_type;
  std::string remote_addr;
  std::string request_id;
  std::string authorization;    // raw Authorization header
  std::string idempotency_key;  // raw Idempotency-Key header
  std::string user_agent;
  // The Wechatpay-Timestamp/-Nonce/-Signature/-Serial headers (payment
  // notifications), keyed by those names; absent ones are missing.
  std::map<std::string, std::string> wechatpay_headers;

  Query query;
  std::map<std::string, std::string> params;  // {id} path parameters
  rapidjson::Document json;                   // parsed body (Null when no body)
  Principal principal;

  // Path parameter as a positive id; an unparsable id is a 4003 (nothing there).
  int64_t PathId(const std::string& name = "id") const;
  std::string PathParam(const std::string& name) const;
  // Bearer token from Authorization ("" when absent or not Bearer).
  std::string BearerToken() const;
  bool authenticated() const { return principal.id != 0; }
  // A header of wechatpay_headers ("" when absent).
  std::string WechatpayHeader(const std::string& name) const;
};

}  // namespace rz
