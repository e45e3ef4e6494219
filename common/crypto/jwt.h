// JWT HS256 issue/verify. Verification rejects any alg other than HS256 (incl.
// "none"), a bad signature (constant-time compare), a wrong `aud` or `typ`,
// an expired token (exp <= now), a missing sub/jti/exp, and malformed input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace rz::crypto {

struct JwtClaims {
  int64_t sub = 0;  // user or admin id
  std::string aud;  // "mini" or "admin"
  std::string typ;  // "access" or "refresh"
  int64_t iat = 0;
  int64_t exp = 0;
  std::string jti;  // unique id (revocation key)
  std::string fam;  // refresh-token family id (refresh tokens only; "" otherwise)
};

// Serializes and signs header {"alg":"HS256","typ":"JWT"} + claims.
std::string JwtSign(const JwtClaims& claims, const std::string& secret);

enum class JwtError { kMalformed, kBadAlg, kBadSignature, kExpired, kWrongAudience, kWrongType };

struct JwtResult {
  std::optional<JwtClaims> claims;  // set on success
  JwtError error = JwtError::kMalformed;
};

JwtResult JwtVerify(const std::string& token, const std::string& secret,
                    const std::string& expected_aud, const std::string& expected_typ,
                    int64_t now_unix);

}  // namespace rz::crypto
