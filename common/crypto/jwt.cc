// JWT HS256 signing and strict verification (see crypto/jwt.h).
#include "crypto/jwt.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <stdexcept>
#include <utility>

#include "crypto/crypto.h"

namespace rz::crypto {
namespace {

// Real tokens are a few hundred bytes; the cap bounds work done on hostile input.
constexpr size_t kMaxTokenLen = 8192;
constexpr size_t kSha256Len = 32;

// base64url({"alg":"HS256","typ":"JWT"}); fixed so signing never varies the header.
const char kHeaderB64[] = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

JwtResult Fail(JwtError e) {
  JwtResult r;
  r.error = e;
  return r;
}

// Decodes a base64url segment and parses it as a JSON object. The iterative parser
// keeps deeply nested hostile input (the header is read before authentication)
// from exhausting a worker thread's stack.
bool ParseObjectSegment(const std::string& b64, rapidjson::Document* doc) {
  std::optional<std::string> json = Base64UrlDecode(b64);
  if (!json) return false;
  doc->Parse<rapidjson::kParseIterativeFlag>(json->data(), json->size());
  return !doc->HasParseError() && doc->IsObject();
}

bool GetString(const rapidjson::Value& obj, const char* name, std::string* out) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsString()) return false;
  out->assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

bool GetInt64(const rapidjson::Value& obj, const char* name, int64_t* out) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsInt64()) return false;
  *out = it->value.GetInt64();
  return true;
}

// Required: sub (integer), exp (integer), non-empty jti, aud, typ. Optional: iat, fam,
// but when present they must have the right type.
std::optional<JwtClaims> ParseClaims(const rapidjson::Document& doc) {
  JwtClaims c;
  if (!GetInt64(doc, "sub", &c.sub) || !GetInt64(doc, "exp", &c.exp) ||
      !GetString(doc, "jti", &c.jti) || c.jti.empty() || !GetString(doc, "aud", &c.aud) ||
      !GetString(doc, "typ", &c.typ)) {
    return std::nullopt;
  }
  if (doc.HasMember("iat") && !GetInt64(doc, "iat", &c.iat)) return std::nullopt;
  if (doc.HasMember("fam") && !GetString(doc, "fam", &c.fam)) return std::nullopt;
  return c;
}

}  // namespace

std::string JwtSign(const JwtClaims& claims, const std::string& secret) {
  // An empty HMAC key would make every token forgeable; refuse to issue one.
  if (secret.empty()) throw std::invalid_argument("JwtSign: empty secret");
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto str = [&w](const std::string& s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("sub");
  w.Int64(claims.sub);
  w.Key("aud");
  str(claims.aud);
  w.Key("typ");
  str(claims.typ);
  w.Key("iat");
  w.Int64(claims.iat);
  w.Key("exp");
  w.Int64(claims.exp);
  w.Key("jti");
  str(claims.jti);
  if (!claims.fam.empty()) {
    w.Key("fam");
    str(claims.fam);
  }
  w.EndObject();
  std::string signing_input =
      std::string(kHeaderB64) + "." + Base64UrlEncode(std::string(buf.GetString(), buf.GetSize()));
  return signing_input + "." + Base64UrlEncode(HmacSha256(secret, signing_input));
}

// Order: structure -> alg -> signature -> claims -> aud -> typ -> exp. The payload is
// only parsed after the signature checks out, so unauthenticated claims are never read.
JwtResult JwtVerify(const std::string& token, const std::string& secret,
                    const std::string& expected_aud, const std::string& expected_typ,
                    int64_t now_unix) {
  if (token.size() > kMaxTokenLen) return Fail(JwtError::kMalformed);
  const size_t dot1 = token.find('.');
  if (dot1 == std::string::npos) return Fail(JwtError::kMalformed);
  const size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos) {
    return Fail(JwtError::kMalformed);
  }
  const std::string header_b64 = token.substr(0, dot1);
  const std::string payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string sig_b64 = token.substr(dot2 + 1);  // may be empty ("alg":"none")
  if (header_b64.empty() || payload_b64.empty()) return Fail(JwtError::kMalformed);

  rapidjson::Document header;
  if (!ParseObjectSegment(header_b64, &header)) return Fail(JwtError::kMalformed);
  std::string alg;
  if (!GetString(header, "alg", &alg) || alg != "HS256") return Fail(JwtError::kBadAlg);
  // RFC 7515 4.1.11: extensions listed in "crit" must be understood; we support none.
  if (header.HasMember("crit")) return Fail(JwtError::kMalformed);

  std::optional<std::string> sig = Base64UrlDecode(sig_b64);
  if (secret.empty() || !sig || sig->size() != kSha256Len) return Fail(JwtError::kBadSignature);
  const std::string expected = HmacSha256(secret, token.substr(0, dot2));
  if (!ConstantTimeEquals(*sig, expected)) return Fail(JwtError::kBadSignature);

  rapidjson::Document payload;
  if (!ParseObjectSegment(payload_b64, &payload)) return Fail(JwtError::kMalformed);
  std::optional<JwtClaims> claims = ParseClaims(payload);
  if (!claims) return Fail(JwtError::kMalformed);
  if (claims->aud != expected_aud) return Fail(JwtError::kWrongAudience);
  if (claims->typ != expected_typ) return Fail(JwtError::kWrongType);
  if (claims->exp <= now_unix) return Fail(JwtError::kExpired);

  JwtResult ok;
  ok.claims = std::move(claims);
  return ok;
}

}  // namespace rz::crypto
