// Tests for JWT HS256 issue/verify, including forged and malformed tokens.
#define BOOST_TEST_MODULE jwt
#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

#include "crypto/crypto.h"
#include "crypto/jwt.h"

using namespace rz::crypto;

namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef";
constexpr int64_t kNow = 1700000000;

JwtClaims Access() {
  JwtClaims c;
  c.sub = 42;
  c.aud = "mini";
  c.typ = "access";
  c.iat = kNow;
  c.exp = kNow + 7 * 86400;
  c.jti = "jti-1";
  return c;
}

JwtResult Verify(const std::string& token, const std::string& secret = kSecret) {
  return JwtVerify(token, secret, "mini", "access", kNow);
}

// Builds a token from raw JSON, HS256-signed with `secret`, whatever the header says:
// lets tests isolate the check under test from the signature check.
std::string Forge(const std::string& header, const std::string& payload,
                  const std::string& secret = kSecret) {
  const std::string input = Base64UrlEncode(header) + "." + Base64UrlEncode(payload);
  return input + "." + Base64UrlEncode(HmacSha256(secret, input));
}

const std::string kHs256 = R"({"alg":"HS256","typ":"JWT"})";
const std::string kGoodPayload =
    R"({"sub":42,"aud":"mini","typ":"access","iat":1700000000,"exp":1700000100,"jti":"x"})";

void ExpectError(const JwtResult& r, JwtError e) {
  BOOST_TEST(!r.claims.has_value());
  BOOST_TEST(static_cast<int>(r.error) == static_cast<int>(e));
}

}  // namespace

BOOST_AUTO_TEST_CASE(round_trip) {
  const std::string token = JwtSign(Access(), kSecret);
  BOOST_TEST(token.rfind("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", 0) == 0u);
  const JwtResult r = Verify(token);
  BOOST_REQUIRE(r.claims.has_value());
  BOOST_TEST(r.claims->sub == 42);
  BOOST_TEST(r.claims->aud == "mini");
  BOOST_TEST(r.claims->typ == "access");
  BOOST_TEST(r.claims->iat == kNow);
  BOOST_TEST(r.claims->exp == kNow + 7 * 86400);
  BOOST_TEST(r.claims->jti == "jti-1");
  BOOST_TEST(r.claims->fam.empty());
}

BOOST_AUTO_TEST_CASE(refresh_with_family_and_escaping) {
  JwtClaims c = Access();
  c.typ = "refresh";
  c.fam = "fam-\"quoted\"\\\n\xe4\xb8\xad";
  c.jti = "a\"b";
  c.sub = 9007199254740993LL;  // above 2^53: must survive as an exact integer
  const JwtResult r = JwtVerify(JwtSign(c, kSecret), kSecret, "mini", "refresh", kNow);
  BOOST_REQUIRE(r.claims.has_value());
  BOOST_TEST(r.claims->fam == c.fam);
  BOOST_TEST(r.claims->jti == c.jti);
  BOOST_TEST(r.claims->sub == c.sub);
}

BOOST_AUTO_TEST_CASE(forge_helper_matches_sign) {
  BOOST_TEST(Verify(Forge(kHs256, kGoodPayload)).claims.has_value());
}

BOOST_AUTO_TEST_CASE(alg_none_rejected) {
  const std::string none =
      Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." + Base64UrlEncode(kGoodPayload) + ".";
  ExpectError(Verify(none), JwtError::kBadAlg);
  ExpectError(Verify(Forge(R"({"alg":"none"})", kGoodPayload)), JwtError::kBadAlg);
  ExpectError(Verify(Forge(R"({"alg":"None"})", kGoodPayload)), JwtError::kBadAlg);
}

BOOST_AUTO_TEST_CASE(other_algs_rejected_even_if_hs256_signed) {
  ExpectError(Verify(Forge(R"({"alg":"HS512","typ":"JWT"})", kGoodPayload)), JwtError::kBadAlg);
  ExpectError(Verify(Forge(R"({"alg":"RS256","typ":"JWT"})", kGoodPayload)), JwtError::kBadAlg);
  ExpectError(Verify(Forge(R"({"alg":"hs256"})", kGoodPayload)), JwtError::kBadAlg);
  ExpectError(Verify(Forge(R"({"typ":"JWT"})", kGoodPayload)), JwtError::kBadAlg);
  ExpectError(Verify(Forge(R"({"alg":null})", kGoodPayload)), JwtError::kBadAlg);
  ExpectError(Verify(Forge(R"({"alg":["HS256"]})", kGoodPayload)), JwtError::kBadAlg);
}

BOOST_AUTO_TEST_CASE(header_must_be_json_object) {
  ExpectError(Verify(Forge("[]", kGoodPayload)), JwtError::kMalformed);
  ExpectError(Verify(Forge("not json", kGoodPayload)), JwtError::kMalformed);
  ExpectError(Verify(Forge(kHs256 + "x", kGoodPayload)), JwtError::kMalformed);
  ExpectError(Verify(Forge(R"({"alg":"HS256","crit":["exp"]})", kGoodPayload)),
              JwtError::kMalformed);
  // Deep nesting parses without recursion; it is a valid object that simply lacks alg.
  ExpectError(Verify(Forge(R"({"a":)" + std::string(2000, '[') + std::string(2000, ']') + "}",
                           kGoodPayload)),
              JwtError::kBadAlg);
}

BOOST_AUTO_TEST_CASE(tampered_payload) {
  const std::string token = JwtSign(Access(), kSecret);
  JwtClaims admin = Access();
  admin.sub = 1;
  const std::string other = JwtSign(admin, "attacker-secret");
  const size_t d1 = token.find('.');
  const size_t d2 = token.rfind('.');
  const size_t o1 = other.find('.');
  const size_t o2 = other.rfind('.');
  const std::string swapped =
      token.substr(0, d1 + 1) + other.substr(o1 + 1, o2 - o1 - 1) + token.substr(d2);
  ExpectError(Verify(swapped), JwtError::kBadSignature);

  std::string flipped = token;
  flipped[d1 + 5] = flipped[d1 + 5] == 'A' ? 'B' : 'A';
  ExpectError(Verify(flipped), JwtError::kBadSignature);
}

BOOST_AUTO_TEST_CASE(bad_signatures) {
  const std::string token = JwtSign(Access(), kSecret);
  ExpectError(Verify(token, "another-secret"), JwtError::kBadSignature);
  ExpectError(Verify(token, ""), JwtError::kBadSignature);
  const std::string body = token.substr(0, token.rfind('.') + 1);
  ExpectError(Verify(body), JwtError::kBadSignature);           // empty signature
  ExpectError(Verify(body + "AAAA"), JwtError::kBadSignature);  // wrong length
  ExpectError(Verify(body + "!!!!"), JwtError::kBadSignature);  // not base64url
  std::string sig = token.substr(token.rfind('.') + 1);
  sig.back() = sig.back() == 'A' ? 'B' : 'A';  // non-canonical trailing bits or a bit flip
  ExpectError(Verify(body + sig), JwtError::kBadSignature);
  ExpectError(Verify(token + "="), JwtError::kBadSignature);  // padding not allowed
}

BOOST_AUTO_TEST_CASE(sign_refuses_empty_secret) {
  BOOST_CHECK_THROW(JwtSign(Access(), ""), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(expiry) {
  JwtClaims c = Access();
  c.exp = kNow;
  ExpectError(Verify(JwtSign(c, kSecret)), JwtError::kExpired);  // exp <= now
  c.exp = kNow - 3600;
  ExpectError(Verify(JwtSign(c, kSecret)), JwtError::kExpired);
  c.exp = kNow + 1;
  BOOST_TEST(Verify(JwtSign(c, kSecret)).claims.has_value());
}

BOOST_AUTO_TEST_CASE(wrong_audience_and_type) {
  JwtClaims c = Access();
  c.aud = "admin";
  ExpectError(Verify(JwtSign(c, kSecret)), JwtError::kWrongAudience);
  c = Access();
  c.typ = "refresh";
  ExpectError(Verify(JwtSign(c, kSecret)), JwtError::kWrongType);
  // A mini access token is not an admin token even if the secrets coincided.
  ExpectError(JwtVerify(JwtSign(Access(), kSecret), kSecret, "admin", "access", kNow),
              JwtError::kWrongAudience);
}

BOOST_AUTO_TEST_CASE(check_order) {
  JwtClaims c = Access();
  c.aud = "admin";
  c.typ = "refresh";
  c.exp = kNow - 1;
  ExpectError(Verify(JwtSign(c, kSecret)), JwtError::kWrongAudience);  // aud before typ, exp
  c.aud = "mini";
  ExpectError(Verify(JwtSign(c, kSecret)), JwtError::kWrongType);  // typ before exp
  ExpectError(Verify(JwtSign(c, "x")), JwtError::kBadSignature);   // signature first
  ExpectError(Verify(Forge(R"({"alg":"HS512"})", kGoodPayload, "x")), JwtError::kBadAlg);
}

BOOST_AUTO_TEST_CASE(garbage_and_structure) {
  for (const std::string& t : {std::string(""), std::string("garbage"), std::string("."),
                               std::string(".."), std::string("a.b.c"), std::string("!!!.###.$$$"),
                               std::string("..sig"), std::string(std::string("\0.\0.\0", 5))}) {
    ExpectError(Verify(t), JwtError::kMalformed);
  }
  const std::string token = JwtSign(Access(), kSecret);
  const std::string two = token.substr(0, token.rfind('.'));
  ExpectError(Verify(two), JwtError::kMalformed);
  ExpectError(Verify(token + ".x"), JwtError::kMalformed);
  ExpectError(Verify("." + token.substr(token.find('.') + 1)), JwtError::kMalformed);
  ExpectError(Verify(token + std::string(9000, 'A')), JwtError::kMalformed);
}

BOOST_AUTO_TEST_CASE(claim_requirements) {
  // Each is validly HS256-signed, so only the claim check can reject it.
  const char* bad[] = {
      R"({"aud":"mini","typ":"access","exp":1700000100,"jti":"x"})",             // no sub
      R"({"sub":"42","aud":"mini","typ":"access","exp":1700000100,"jti":"x"})",  // sub string
      R"({"sub":42.5,"aud":"mini","typ":"access","exp":1700000100,"jti":"x"})",  // sub float
      R"({"sub":42,"aud":"mini","typ":"access","jti":"x"})",                     // no exp
      R"({"sub":42,"aud":"mini","typ":"access","exp":"1700000100","jti":"x"})",  // exp string
      R"({"sub":42,"aud":"mini","typ":"access","exp":1700000100})",              // no jti
      R"({"sub":42,"aud":"mini","typ":"access","exp":1700000100,"jti":""})",     // empty jti
      R"({"sub":42,"typ":"access","exp":1700000100,"jti":"x"})",                 // no aud
      R"({"sub":42,"aud":["mini"],"typ":"access","exp":1700000100,"jti":"x"})",  // aud array
      R"({"sub":42,"aud":"mini","exp":1700000100,"jti":"x"})",                   // no typ
      R"({"sub":42,"aud":"mini","typ":"access","exp":1700000100,"jti":"x","fam":1})",
      R"({"sub":42,"aud":"mini","typ":"access","exp":1700000100,"jti":"x","iat":"0"})",
      R"([1,2,3])",
      R"(not json)",
  };
  for (const char* payload : bad) {
    BOOST_TEST_CONTEXT(payload) {
      ExpectError(Verify(Forge(kHs256, payload)), JwtError::kMalformed);
    }
  }
  // iat and fam are optional.
  const JwtResult r =
      Verify(Forge(kHs256, R"({"sub":7,"aud":"mini","typ":"access","exp":1700000100,"jti":"x"})"));
  BOOST_REQUIRE(r.claims.has_value());
  BOOST_TEST(r.claims->sub == 7);
  BOOST_TEST(r.claims->iat == 0);
  BOOST_TEST(r.claims->fam.empty());
}
