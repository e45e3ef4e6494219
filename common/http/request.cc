// Request helpers: query parsing and typed accessors.
#include "http/request.h"

#include <cstdlib>

#include "core/error.h"
#include "core/money.h"

namespace rz {
namespace {

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string UrlDecode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexVal(s[i + 1]) >= 0 && HexVal(s[i + 2]) >= 0) {
      out += static_cast<char>(HexVal(s[i + 1]) * 16 + HexVal(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Strict decimal integer parse; false on junk, sign-only or overflow.
bool ParseInt64(const std::string& s, int64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  size_t i = (s[0] == '-') ? 1 : 0;
  if (i == s.size()) return false;
  // Accumulate as unsigned: "9999999999999999999" must be rejected, not overflow.
  const uint64_t limit = i ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    unsigned d = static_cast<unsigned>(s[i] - '0');
    if (v > (limit - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = s[0] == '-' ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return true;
}

}  // namespace

Query::Query(const std::string& qs) {
  size_t pos = 0;
  while (pos <= qs.size()) {
    size_t amp = qs.find('&', pos);
    if (amp == std::string::npos) amp = qs.size();
    std::string part = qs.substr(pos, amp - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string k = UrlDecode(part.substr(0, eq));
      std::string v = eq == std::string::npos ? "" : UrlDecode(part.substr(eq + 1));
      values_.emplace(std::move(k), std::move(v));  // first occurrence wins
    }
    pos = amp + 1;
  }
}

std::string Query::Str(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? "" : it->second;
}

std::optional<std::string> Query::OptStr(const std::string& name, size_t max_len) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  if (it->second.size() > max_len) throw BadRequest(name, "too long");
  return it->second;
}

std::optional<int64_t> Query::OptInt(const std::string& name, int64_t min, int64_t max) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  int64_t v;
  if (!ParseInt64(it->second, &v)) throw BadRequest(name, "must be an integer");
  if (v < min || v > max) {
    throw BadRequest(name,
                     "out of range (" + std::to_string(min) + ".." + std::to_string(max) + ")");
  }
  return v;
}

int64_t Query::Int(const std::string& name, int64_t def, int64_t min, int64_t max) const {
  return OptInt(name, min, max).value_or(def);
}

std::optional<bool> Query::OptBool(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  const std::string& v = it->second;
  if (v == "1" || v == "true") return true;
  if (v == "0" || v == "false") return false;
  throw BadRequest(name, "must be 1/0/true/false");
}

std::optional<int64_t> Query::OptMoney(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  auto fen = ParseYuan(it->second);
  if (!fen || *fen < 0) throw BadRequest(name, "must be a non-negative amount");
  return fen;
}

Paging Paging::From(const Query& q) {
  Paging p;
  p.page = q.Int("page", 1, 1, 100000);
  p.per_page = q.Int("per_page", 10, 1, 100);
  return p;
}

int64_t Request::PathId(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) throw NotFound();
  int64_t v;
  if (!ParseInt64(it->second, &v) || v <= 0) throw NotFound();
  return v;
}

std::string Request::PathParam(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

std::string Request::BearerToken() const {
  static const std::string kPrefix = "Bearer ";
  if (authorization.size() <= kPrefix.size() ||
      authorization.compare(0, kPrefix.size(), kPrefix) != 0) {
    return "";
  }
  return authorization.substr(kPrefix.size());
}

std::string Request::WechatpayHeader(const std::string& name) const {
  auto it = wechatpay_headers.find(name);
  return it == wechatpay_headers.end() ? std::string() : it->second;
}

}  // namespace rz
