// WeChat Pay API v3 primitives (wechatpay/rsa_key.h, wechatpay/protocol.h) against
// wechat.md "WeChat Pay API v3": SHA256-with-RSA signatures (with interop against
// the openssl CLI), the Authorization header, response/notification verification,
// AES-256-GCM resources and paySign. Every key is generated at test time.
#define BOOST_TEST_MODULE wechatpay_protocol
#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>

#include "crypto/crypto.h"
#include "wechatpay/protocol.h"
#include "wechatpay/rsa_key.h"

using namespace rz::wechatpay;
namespace fs = std::filesystem;

// So BOOST_TEST can print a Verdict on failure (found by ADL).
namespace rz::wechatpay {
static std::ostream& operator<<(std::ostream& os, Verdict v) { return os << VerdictText(v); }
}  // namespace rz::wechatpay

namespace {

constexpr int64_t kNow = 1700000000;

// Generated once per run: 2048-bit keys take a while, more so under ASan.
const RsaKey& MerchantKey() {
  static const RsaKey key = RsaKey::Generate();
  return key;
}
const RsaKey& OtherKey() {
  static const RsaKey key = RsaKey::Generate();
  return key;
}

// A private temporary directory, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "rz_wechatpay_XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  BOOST_REQUIRE(out.good());
}

// Runs a shell command; returns its exit status and stdout+stderr.
std::pair<int, std::string> Run(const std::string& cmd) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  BOOST_REQUIRE(p != nullptr);
  std::array<char, 512> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {status, out};
}

// A key pair + self-signed certificate made by the openssl CLI, as WeChat's
// merchant tooling would produce them (k.pem private key, c.pem certificate).
struct CliKey {
  TempDir dir;
  std::string key_pem, cert_pem;
  CliKey() {
    key_pem = dir / "k.pem";
    cert_pem = dir / "c.pem";
    auto [rc, out] = Run("openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key_pem +
                         "' -out '" + cert_pem + "' -subj /CN=t -days 1");
    if (rc != 0) throw std::runtime_error("openssl req failed: " + out);
  }
};
const CliKey& Cli() {
  static const CliKey cli;
  return cli;
}

std::string FlipBit(std::string s, size_t index, int bit = 0) {
  s[index] = static_cast<char>(s[index] ^ (1 << bit));
  return s;
}

PlatformKeys PlatformWith(const std::string& serial, const RsaKey& key) {
  PlatformKeys keys;
  keys.Add(serial, key);
  return keys;
}

}  // namespace

// ---------------------------------------------------------------- RSA keys

BOOST_AUTO_TEST_CASE(rsa_sign_verify_round_trip) {
  const RsaKey& key = MerchantKey();
  BOOST_TEST(key.has_private());
  const std::string msg = "GET\n/v3/certificates\n1554208460\nNONCE\n\n";
  const std::string sig = key.SignBase64(msg);
  const auto raw = rz::crypto::Base64Decode(sig);
  BOOST_REQUIRE(raw.has_value());
  BOOST_TEST(raw->size() == 256u);  // 2048-bit modulus
  BOOST_TEST(key.VerifyBase64(msg, sig));
  // The public half alone verifies too.
  const RsaKey pub = RsaKey::PublicFromPem(key.PublicPem());
  BOOST_TEST(!pub.has_private());
  BOOST_TEST(pub.VerifyBase64(msg, sig));
}

BOOST_AUTO_TEST_CASE(rsa_tampered_message_fails) {
  const RsaKey& key = MerchantKey();
  const std::string msg = "1700000000\nNONCE\n{\"amount\":100}\n";
  const std::string sig = key.SignBase64(msg);
  BOOST_TEST(!key.VerifyBase64("1700000000\nNONCE\n{\"amount\":101}\n", sig));
  BOOST_TEST(!key.VerifyBase64(msg + " ", sig));
  BOOST_TEST(!key.VerifyBase64("", sig));
  // A flipped bit in the signature fails as well.
  std::string raw = *rz::crypto::Base64Decode(sig);
  BOOST_TEST(!key.VerifyBase64(msg, rz::crypto::Base64Encode(FlipBit(raw, raw.size() / 2))));
}

BOOST_AUTO_TEST_CASE(rsa_signature_from_other_key_fails) {
  const std::string msg = "message";
  BOOST_TEST(!MerchantKey().VerifyBase64(msg, OtherKey().SignBase64(msg)));
  BOOST_TEST(!OtherKey().VerifyBase64(msg, MerchantKey().SignBase64(msg)));
}

BOOST_AUTO_TEST_CASE(rsa_verify_garbage_base64_fails) {
  const RsaKey& key = MerchantKey();
  BOOST_TEST(!key.VerifyBase64("message", "!!! not base64 !!!"));
  BOOST_TEST(!key.VerifyBase64("message", "Zm9"));       // bad length
  BOOST_TEST(!key.VerifyBase64("message", ""));          // empty
  BOOST_TEST(!key.VerifyBase64("message", "Zm9vYmFy"));  // valid base64, not a signature
}

BOOST_AUTO_TEST_CASE(rsa_sign_with_public_key_throws) {
  const RsaKey pub = RsaKey::PublicFromPem(MerchantKey().PublicPem());
  BOOST_CHECK_THROW(pub.SignBase64("message"), std::logic_error);
}

BOOST_AUTO_TEST_CASE(rsa_private_from_pem_junk_throws_without_echoing_pem) {
  const std::string secret = "SECRETKEYMATERIALdoNotEcho0123456789";
  const std::string junk =
      "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n";
  for (const std::string& pem : {junk, std::string("not a pem at all " + secret), std::string()}) {
    try {
      RsaKey::PrivateFromPem(pem);
      BOOST_FAIL("PrivateFromPem accepted junk");
    } catch (const std::runtime_error& e) {
      const std::string what = e.what();
      BOOST_TEST(what.find(secret) == std::string::npos, "error echoes the PEM: " << what);
      BOOST_TEST(what.find("BEGIN") == std::string::npos, "error echoes the PEM: " << what);
    }
  }
  // A public key is not a private key.
  BOOST_CHECK_THROW(RsaKey::PrivateFromPem(MerchantKey().PublicPem()), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(rsa_from_file_errors_name_the_file_not_the_content) {
  TempDir dir;
  const std::string path = dir / "junk.pem";
  const std::string secret = "SECRETKEYMATERIALinAfile987654321";
  WriteFile(path, "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n");
  for (int i = 0; i < 2; ++i) {
    try {
      if (i == 0) {
        RsaKey::PrivateFromFile(path);
      } else {
        RsaKey::PublicFromFile(path);
      }
      BOOST_FAIL("junk file accepted");
    } catch (const std::runtime_error& e) {
      const std::string what = e.what();
      BOOST_TEST(what.find(path) != std::string::npos, what);
      BOOST_TEST(what.find(secret) == std::string::npos, what);
    }
  }
  BOOST_CHECK_THROW(RsaKey::PrivateFromFile(dir / "missing.pem"), std::runtime_error);
  BOOST_CHECK_THROW(ReadFileOrThrow(dir / "missing.pem"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(rsa_public_from_pem_public_key) {
  const std::string pem = MerchantKey().PublicPem();
  BOOST_TEST(pem.find("-----BEGIN PUBLIC KEY-----") == 0u);
  const RsaKey pub = RsaKey::PublicFromPem(pem);
  const std::string msg = "appid\n123\nnonce\nprepay_id=1\n";
  BOOST_TEST(pub.VerifyBase64(msg, MerchantKey().SignBase64(msg)));
  BOOST_TEST(!pub.VerifyBase64(msg, OtherKey().SignBase64(msg)));
  BOOST_CHECK_THROW(RsaKey::PublicFromPem("junk"), std::runtime_error);
  BOOST_CHECK_THROW(
      RsaKey::PublicFromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
      std::runtime_error);
}

BOOST_AUTO_TEST_CASE(rsa_public_from_certificate) {
  const RsaKey priv = RsaKey::PrivateFromFile(Cli().key_pem);
  const RsaKey cert = RsaKey::PublicFromFile(Cli().cert_pem);
  BOOST_TEST(priv.has_private());
  BOOST_TEST(!cert.has_private());
  const std::string msg = "POST\n/v3/pay/transactions/jsapi\n1700000000\nN\n{}\n";
  BOOST_TEST(cert.VerifyBase64(msg, priv.SignBase64(msg)));
  BOOST_TEST(!cert.VerifyBase64(msg, MerchantKey().SignBase64(msg)));
  // The same certificate passed as a string.
  const RsaKey cert2 = RsaKey::PublicFromPem(ReadFileOrThrow(Cli().cert_pem));
  BOOST_TEST(cert2.VerifyBase64(msg, priv.SignBase64(msg)));
}

// ------------------------------------------------- interop with openssl CLI

BOOST_AUTO_TEST_CASE(interop_our_signature_verifies_with_openssl_cli) {
  TempDir dir;
  const RsaKey priv = RsaKey::PrivateFromFile(Cli().key_pem);
  const std::string msg = "POST\n/v3/pay/transactions/jsapi\n1700000000\nNONCE123\n{\"a\":1}\n";
  const auto sig = rz::crypto::Base64Decode(priv.SignBase64(msg));
  BOOST_REQUIRE(sig.has_value());
  WriteFile(dir / "msg.txt", msg);
  WriteFile(dir / "sig.bin", *sig);
  WriteFile(dir / "pub.pem", priv.PublicPem());
  auto [rc, out] = Run("openssl dgst -sha256 -verify '" + (dir / "pub.pem") + "' -signature '" +
                       (dir / "sig.bin") + "' '" + (dir / "msg.txt") + "'");
  BOOST_TEST(rc == 0, out);
  BOOST_TEST(out.find("Verified OK") != std::string::npos, out);
  // And the CLI refuses it for another message (the check is not vacuous).
  WriteFile(dir / "msg.txt", msg + "x");
  auto [rc2, out2] = Run("openssl dgst -sha256 -verify '" + (dir / "pub.pem") + "' -signature '" +
                         (dir / "sig.bin") + "' '" + (dir / "msg.txt") + "'");
  BOOST_TEST(rc2 != 0, out2);
  BOOST_TEST(out2.find("Verified OK") == std::string::npos, out2);
}

BOOST_AUTO_TEST_CASE(interop_openssl_cli_signature_verifies_with_our_code) {
  TempDir dir;
  const std::string msg = "1700000000\nNONCE456\n{\"id\":\"EV-1\"}\n";
  WriteFile(dir / "msg.txt", msg);
  auto [rc, out] = Run("openssl dgst -sha256 -sign '" + Cli().key_pem + "' -out '" +
                       (dir / "sig.bin") + "' '" + (dir / "msg.txt") + "'");
  BOOST_REQUIRE_MESSAGE(rc == 0, out);
  const std::string sig_b64 = rz::crypto::Base64Encode(ReadFileOrThrow(dir / "sig.bin"));
  const RsaKey cert = RsaKey::PublicFromFile(Cli().cert_pem);
  BOOST_TEST(cert.VerifyBase64(msg, sig_b64));
  BOOST_TEST(!cert.VerifyBase64(msg + "x", sig_b64));
  // Signing is deterministic (PKCS#1 v1.5): ours is byte-identical to the CLI's.
  BOOST_TEST(RsaKey::PrivateFromFile(Cli().key_pem).SignBase64(msg) == sig_b64);
}

// ------------------------------------------------- request Authorization

BOOST_AUTO_TEST_CASE(request_message_exact_text) {
  BOOST_TEST(
      RequestMessage("POST", "/v3/pay/transactions/jsapi", "1700000000", "NONCE", "{\"a\":1}") ==
      "POST\n/v3/pay/transactions/jsapi\n1700000000\nNONCE\n{\"a\":1}\n");
  // GET: empty body, still terminated by "\n".
  BOOST_TEST(RequestMessage("GET", "/v3/pay/transactions/out-trade-no/RZ1?mchid=1900", "1700000000",
                            "N", "") ==
             "GET\n/v3/pay/transactions/out-trade-no/RZ1?mchid=1900\n1700000000\nN\n\n");
}

BOOST_AUTO_TEST_CASE(authorization_build_parse_round_trip) {
  const std::string body = "{\"appid\":\"wx1\",\"amount\":{\"total\":100,\"currency\":\"CNY\"}}";
  const std::string ts = "1700000123";
  const std::string nonce = "ABCDEFGHIJ0123456789KLMNOPQRSTUV";
  const std::string header =
      BuildAuthorization(MerchantKey(), "1900000109", "5157F09EFDC096DE", "POST",
                         "/v3/pay/transactions/jsapi", body, ts, nonce);
  BOOST_TEST(header.rfind("WECHATPAY2-SHA256-RSA2048 ", 0) == 0u, header);
  BOOST_TEST(std::string(kAuthScheme) == "WECHATPAY2-SHA256-RSA2048");
  BOOST_TEST(header.find("mchid=\"1900000109\"") != std::string::npos, header);
  BOOST_TEST(header.find("nonce_str=\"" + nonce + "\"") != std::string::npos, header);
  BOOST_TEST(header.find("timestamp=\"" + ts + "\"") != std::string::npos, header);
  BOOST_TEST(header.find("serial_no=\"5157F09EFDC096DE\"") != std::string::npos, header);
  BOOST_TEST(header.find("signature=\"") != std::string::npos, header);

  const auto f = ParseAuthorization(header);
  BOOST_REQUIRE(f.has_value());
  BOOST_TEST(f->mchid == "1900000109");
  BOOST_TEST(f->nonce == nonce);
  BOOST_TEST(f->timestamp == ts);
  BOOST_TEST(f->serial == "5157F09EFDC096DE");

  const std::string message =
      RequestMessage("POST", "/v3/pay/transactions/jsapi", f->timestamp, f->nonce, body);
  BOOST_TEST(message ==
             "POST\n/v3/pay/transactions/jsapi\n" + ts + "\n" + nonce + "\n" + body + "\n");
  const RsaKey pub = RsaKey::PublicFromPem(MerchantKey().PublicPem());
  BOOST_TEST(pub.VerifyBase64(message, f->signature));
  BOOST_TEST(!pub.VerifyBase64(
      RequestMessage("POST", "/v3/pay/transactions/jsapi", ts, nonce, body + " "), f->signature));
  BOOST_TEST(!RsaKey::PublicFromPem(OtherKey().PublicPem()).VerifyBase64(message, f->signature));
}

BOOST_AUTO_TEST_CASE(parse_authorization_rejects_other_scheme) {
  const std::string fields =
      "mchid=\"1900\",nonce_str=\"N\",signature=\"c2ln\",timestamp=\"1\",serial_no=\"S\"";
  BOOST_TEST(ParseAuthorization(std::string(kAuthScheme) + " " + fields).has_value());
  BOOST_TEST(!ParseAuthorization("WECHATPAY2-SHA256-RSA4096 " + fields).has_value());
  BOOST_TEST(!ParseAuthorization("Bearer " + fields).has_value());
  BOOST_TEST(!ParseAuthorization(fields).has_value());
  BOOST_TEST(!ParseAuthorization("").has_value());
}

BOOST_AUTO_TEST_CASE(parse_authorization_rejects_missing_field) {
  const std::array<std::pair<const char*, const char*>, 5> all = {{{"mchid", "1900"},
                                                                   {"nonce_str", "N"},
                                                                   {"signature", "c2ln"},
                                                                   {"timestamp", "1"},
                                                                   {"serial_no", "S"}}};
  for (size_t skip = 0; skip < all.size(); ++skip) {
    std::string header = std::string(kAuthScheme) + " ";
    bool first = true;
    for (size_t i = 0; i < all.size(); ++i) {
      if (i == skip) continue;
      if (!first) header += ",";
      first = false;
      header += std::string(all[i].first) + "=\"" + all[i].second + "\"";
    }
    BOOST_TEST(!ParseAuthorization(header).has_value(), header);
    // Present but empty is as bad as absent.
    std::string empty_field = header + "," + all[skip].first + "=\"\"";
    BOOST_TEST(!ParseAuthorization(empty_field).has_value(), empty_field);
  }
}

// ------------------------------------------ response / notification verification

BOOST_AUTO_TEST_CASE(response_message_exact_text) {
  BOOST_TEST(ResponseMessage("1700000000", "NONCE", "{\"prepay_id\":\"wx1\"}") ==
             "1700000000\nNONCE\n{\"prepay_id\":\"wx1\"}\n");
  BOOST_TEST(ResponseMessage("1", "N", "") == "1\nN\n\n");
}

BOOST_AUTO_TEST_CASE(verify_signed_ok_for_sign_response) {
  const std::string body = "{\"prepay_id\":\"wx201410272009395522657a690389285100\"}";
  const SignedHeaders h = SignResponse(MerchantKey(), "PUB_KEY_ID_0001", body, kNow, "NONCEX");
  BOOST_TEST(h.timestamp == std::to_string(kNow));
  BOOST_TEST(h.nonce == "NONCEX");
  BOOST_TEST(h.serial == "PUB_KEY_ID_0001");
  // The signature is over exactly "TS\nNONCE\nBODY\n".
  const RsaKey pub = RsaKey::PublicFromPem(MerchantKey().PublicPem());
  BOOST_TEST(pub.VerifyBase64("1700000000\nNONCEX\n" + body + "\n", h.signature));
  const PlatformKeys keys = PlatformWith("PUB_KEY_ID_0001", pub);
  BOOST_TEST(!keys.empty());
  BOOST_TEST(VerifySigned(keys, h, body, kNow) == Verdict::kOk);
  BOOST_TEST(std::string(VerdictText(Verdict::kOk)) == "ok");
  // Without a nonce argument SignResponse draws a fresh one.
  const SignedHeaders h2 = SignResponse(MerchantKey(), "PUB_KEY_ID_0001", body, kNow);
  BOOST_TEST(h2.nonce.size() == 32u);
  BOOST_TEST(VerifySigned(keys, h2, body, kNow) == Verdict::kOk);
}

BOOST_AUTO_TEST_CASE(verify_signed_tampered_body) {
  const std::string body = "{\"amount\":{\"total\":100}}";
  const SignedHeaders h = SignResponse(MerchantKey(), "S1", body, kNow);
  const PlatformKeys keys = PlatformWith("S1", MerchantKey());
  BOOST_TEST(VerifySigned(keys, h, "{\"amount\":{\"total\":1}}", kNow) == Verdict::kBadSignature);
  BOOST_TEST(VerifySigned(keys, h, body + "\n", kNow) == Verdict::kBadSignature);
  // Headers are signed too: another nonce or timestamp breaks the signature.
  SignedHeaders other_nonce = h;
  other_nonce.nonce = "OTHER";
  BOOST_TEST(VerifySigned(keys, other_nonce, body, kNow) == Verdict::kBadSignature);
  SignedHeaders other_ts = h;
  other_ts.timestamp = std::to_string(kNow + 1);
  BOOST_TEST(VerifySigned(keys, other_ts, body, kNow) == Verdict::kBadSignature);
}

BOOST_AUTO_TEST_CASE(verify_signed_unknown_serial) {
  const std::string body = "{}";
  const SignedHeaders h = SignResponse(MerchantKey(), "UNKNOWN_SERIAL", body, kNow);
  const PlatformKeys keys = PlatformWith("S1", MerchantKey());
  BOOST_TEST(keys.Find("UNKNOWN_SERIAL") == nullptr);
  BOOST_TEST(keys.Find("S1") != nullptr);
  BOOST_TEST(VerifySigned(keys, h, body, kNow) == Verdict::kUnknownSerial);
  BOOST_TEST(VerifySigned(PlatformKeys(), h, body, kNow) == Verdict::kUnknownSerial);
}

BOOST_AUTO_TEST_CASE(verify_signed_timestamp_window) {
  BOOST_TEST(kTimestampWindowSeconds == 300);
  const std::string body = "{\"id\":\"EV-1\"}";
  const PlatformKeys keys = PlatformWith("S1", MerchantKey());
  // Signed at kNow, checked at kNow +- 300 (fine) and +- 301 (stale).
  const SignedHeaders h = SignResponse(MerchantKey(), "S1", body, kNow);
  BOOST_TEST(VerifySigned(keys, h, body, kNow + 300) == Verdict::kOk);
  BOOST_TEST(VerifySigned(keys, h, body, kNow - 300) == Verdict::kOk);
  BOOST_TEST(VerifySigned(keys, h, body, kNow + 301) == Verdict::kStaleTimestamp);  // 301 s old
  BOOST_TEST(VerifySigned(keys, h, body, kNow - 301) == Verdict::kStaleTimestamp);  // 301 s ahead
  // The same the other way round: signed 301 s in the past / future, checked now.
  BOOST_TEST(VerifySigned(keys, SignResponse(MerchantKey(), "S1", body, kNow - 301), body, kNow) ==
             Verdict::kStaleTimestamp);
  BOOST_TEST(VerifySigned(keys, SignResponse(MerchantKey(), "S1", body, kNow + 301), body, kNow) ==
             Verdict::kStaleTimestamp);
}

BOOST_AUTO_TEST_CASE(verify_signed_non_numeric_timestamp) {
  const std::string body = "{}";
  const PlatformKeys keys = PlatformWith("S1", MerchantKey());
  for (const char* ts : {"abc", "1700000000abc", "17000000 00", "0x6553F100", "1.7e9"}) {
    SignedHeaders h;
    h.timestamp = ts;
    h.nonce = "N";
    h.serial = "S1";
    h.signature = MerchantKey().SignBase64(ResponseMessage(h.timestamp, h.nonce, body));
    BOOST_TEST((VerifySigned(keys, h, body, kNow) == Verdict::kStaleTimestamp), ts);
  }
}

// Out-of-range numbers in the (attacker-controlled) Wechatpay-Timestamp header are
// stale, never an overflow (this once was signed overflow caught by UBSan).
BOOST_AUTO_TEST_CASE(verify_signed_out_of_range_timestamp) {
  const std::string body = "{}";
  const PlatformKeys keys = PlatformWith("S1", MerchantKey());
  for (const char* ts :
       {"99999999999999999999", "9223372036854775807", "-9223372036854775808",
        "-99999999999999999999", "-9223372036854775000", " 1700000000", "+1700000000"}) {
    SignedHeaders h;
    h.timestamp = ts;
    h.nonce = "N";
    h.serial = "S1";
    h.signature = MerchantKey().SignBase64(ResponseMessage(h.timestamp, h.nonce, body));
    BOOST_TEST((VerifySigned(keys, h, body, kNow) == Verdict::kStaleTimestamp), ts);
  }
}

BOOST_AUTO_TEST_CASE(verify_signed_probe_signature) {
  BOOST_TEST(std::string(kProbeSignaturePrefix) == "WECHATPAY/SIGNTEST/");
  const std::string body = "{}";
  const PlatformKeys keys = PlatformWith("S1", MerchantKey());
  SignedHeaders h = SignResponse(MerchantKey(), "S1", body, kNow);
  h.signature = "WECHATPAY/SIGNTEST/" + h.signature;
  BOOST_TEST(VerifySigned(keys, h, body, kNow) == Verdict::kProbe);
  h.signature = "WECHATPAY/SIGNTEST/xxxx";
  BOOST_TEST(VerifySigned(keys, h, body, kNow) == Verdict::kProbe);
}

BOOST_AUTO_TEST_CASE(verify_signed_missing_headers) {
  const std::string body = "{}";
  const PlatformKeys keys = PlatformWith("S1", MerchantKey());
  const SignedHeaders good = SignResponse(MerchantKey(), "S1", body, kNow);
  BOOST_REQUIRE(VerifySigned(keys, good, body, kNow) == Verdict::kOk);
  std::string SignedHeaders::*fields[] = {&SignedHeaders::timestamp, &SignedHeaders::nonce,
                                          &SignedHeaders::signature, &SignedHeaders::serial};
  for (size_t i = 0; i < 4; ++i) {
    SignedHeaders h = good;
    (h.*fields[i]).clear();
    BOOST_TEST((VerifySigned(keys, h, body, kNow) == Verdict::kMissingHeaders), "field " << i);
  }
  BOOST_TEST(VerifySigned(keys, SignedHeaders{}, body, kNow) == Verdict::kMissingHeaders);
}

BOOST_AUTO_TEST_CASE(verify_signed_other_key_under_known_serial) {
  const std::string body = "{\"id\":\"EV-2\"}";
  const PlatformKeys keys = PlatformWith("S1", MerchantKey());
  const SignedHeaders h = SignResponse(OtherKey(), "S1", body, kNow);
  BOOST_TEST(VerifySigned(keys, h, body, kNow) == Verdict::kBadSignature);
}

BOOST_AUTO_TEST_CASE(verify_signed_picks_key_by_serial) {
  const std::string body = "{}";
  PlatformKeys keys;
  keys.Add("OLD", MerchantKey());
  keys.Add("NEW", OtherKey());
  BOOST_TEST(VerifySigned(keys, SignResponse(MerchantKey(), "OLD", body, kNow), body, kNow) ==
             Verdict::kOk);
  BOOST_TEST(VerifySigned(keys, SignResponse(OtherKey(), "NEW", body, kNow), body, kNow) ==
             Verdict::kOk);
  BOOST_TEST(VerifySigned(keys, SignResponse(OtherKey(), "OLD", body, kNow), body, kNow) ==
             Verdict::kBadSignature);
  // Add replaces the key of an existing serial.
  keys.Add("OLD", OtherKey());
  BOOST_TEST(VerifySigned(keys, SignResponse(OtherKey(), "OLD", body, kNow), body, kNow) ==
             Verdict::kOk);
}

// ------------------------------------------------------ AES-256-GCM resources

namespace {
const std::string kApiV3Key = "ruizhu-apiv3-key-32-bytes-long!!";  // 32 bytes
const std::string kNonce = "fixednonce12";
const std::string kAad = "transaction";
const std::string kPlain = "{\"out_trade_no\":\"RZ20240101\",\"trade_state\":\"SUCCESS\"}";
}  // namespace

BOOST_AUTO_TEST_CASE(resource_round_trip) {
  BOOST_REQUIRE(kApiV3Key.size() == 32u);
  const std::string ct = EncryptResource(kApiV3Key, kNonce, kAad, kPlain);
  BOOST_REQUIRE(!ct.empty());
  const auto raw = rz::crypto::Base64Decode(ct);
  BOOST_REQUIRE(raw.has_value());
  BOOST_TEST(raw->size() == kPlain.size() + 16);  // ct || 16-byte tag
  BOOST_TEST(DecryptResource(kApiV3Key, kNonce, kAad, ct).value() == kPlain);
  // Empty associated_data and empty plaintext round-trip as well.
  BOOST_TEST(DecryptResource(kApiV3Key, kNonce, "", EncryptResource(kApiV3Key, kNonce, "", kPlain))
                 .value() == kPlain);
  BOOST_TEST(DecryptResource(kApiV3Key, kNonce, kAad, EncryptResource(kApiV3Key, kNonce, kAad, ""))
                 .value() == "");
}

BOOST_AUTO_TEST_CASE(resource_flipped_tag_bit_fails) {
  const std::string raw =
      *rz::crypto::Base64Decode(EncryptResource(kApiV3Key, kNonce, kAad, kPlain));
  const std::string bad = rz::crypto::Base64Encode(FlipBit(raw, raw.size() - 1));
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, kAad, bad).has_value());
}

BOOST_AUTO_TEST_CASE(resource_flipped_ciphertext_bit_fails) {
  const std::string raw =
      *rz::crypto::Base64Decode(EncryptResource(kApiV3Key, kNonce, kAad, kPlain));
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, kAad, rz::crypto::Base64Encode(FlipBit(raw, 0)))
                  .has_value());
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, kAad,
                              rz::crypto::Base64Encode(FlipBit(raw, kPlain.size() / 2, 7)))
                  .has_value());
  // Truncated (tag cut short) and shorter than a tag.
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, kAad,
                              rz::crypto::Base64Encode(raw.substr(0, raw.size() - 1)))
                  .has_value());
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, kAad, rz::crypto::Base64Encode(raw.substr(0, 15)))
                  .has_value());
}

BOOST_AUTO_TEST_CASE(resource_wrong_associated_data_fails) {
  const std::string ct = EncryptResource(kApiV3Key, kNonce, kAad, kPlain);
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, "refund", ct).has_value());
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, "", ct).has_value());
}

BOOST_AUTO_TEST_CASE(resource_wrong_key_or_nonce_fails) {
  const std::string ct = EncryptResource(kApiV3Key, kNonce, kAad, kPlain);
  BOOST_TEST(!DecryptResource(FlipBit(kApiV3Key, 31), kNonce, kAad, ct).has_value());
  BOOST_TEST(!DecryptResource(std::string(32, 'k'), kNonce, kAad, ct).has_value());
  BOOST_TEST(!DecryptResource(kApiV3Key, "othernonce12", kAad, ct).has_value());
  BOOST_TEST(!DecryptResource(kApiV3Key, "", kAad, ct).has_value());
}

BOOST_AUTO_TEST_CASE(resource_key_not_32_bytes_fails) {
  const std::string ct = EncryptResource(kApiV3Key, kNonce, kAad, kPlain);
  BOOST_TEST(!DecryptResource(kApiV3Key.substr(0, 31), kNonce, kAad, ct).has_value());
  BOOST_TEST(!DecryptResource(kApiV3Key + "x", kNonce, kAad, ct).has_value());
  BOOST_TEST(EncryptResource(kApiV3Key.substr(0, 31), kNonce, kAad, kPlain).empty());
}

BOOST_AUTO_TEST_CASE(resource_bad_base64_fails) {
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, kAad, "!!!not base64!!!").has_value());
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, kAad, "Zm9").has_value());
  BOOST_TEST(!DecryptResource(kApiV3Key, kNonce, kAad, "").has_value());
}

// Expected value computed independently with Python's `cryptography` package:
//   AESGCM(key).encrypt(nonce, plaintext, aad), then base64.
BOOST_AUTO_TEST_CASE(resource_fixed_vector) {
  const std::string expected =
      "wGZc2yp66AH1vx9MxGkrbSfRKicUFnQa/GQ+2CsDW/Dromyqg178WuAj1D/FQsBLCeXdvQqN8MXWhNCTp0egtU/"
      "wsAv2";
  BOOST_TEST(EncryptResource(kApiV3Key, kNonce, kAad, kPlain) == expected);
  BOOST_TEST(DecryptResource(kApiV3Key, kNonce, kAad, expected).value() == kPlain);
}

// ------------------------------------------------------------ paySign, nonce

BOOST_AUTO_TEST_CASE(pay_sign_message_and_signature) {
  const std::string appid = "wxd678efh567hg6787";
  const std::string ts = "1700000000";
  const std::string nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
  const std::string package = "prepay_id=wx201410272009395522657a690389285100";
  const std::string msg = PaySignMessage(appid, ts, nonce, package);
  BOOST_TEST(msg ==
             "wxd678efh567hg6787\n1700000000\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n"
             "prepay_id=wx201410272009395522657a690389285100\n");
  const std::string sig = PaySign(MerchantKey(), appid, ts, nonce, package);
  const RsaKey pub = RsaKey::PublicFromPem(MerchantKey().PublicPem());
  BOOST_TEST(pub.VerifyBase64(msg, sig));
  BOOST_TEST(!pub.VerifyBase64(PaySignMessage(appid, ts, nonce, "prepay_id=other"), sig));
  BOOST_TEST(!RsaKey::PublicFromPem(OtherKey().PublicPem()).VerifyBase64(msg, sig));
}

BOOST_AUTO_TEST_CASE(new_nonce_format_and_uniqueness) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string n = NewNonce();
    BOOST_TEST(n.size() == 32u);
    for (char c : n) {
      BOOST_TEST(((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')), n);
    }
    seen.insert(n);
  }
  BOOST_TEST(seen.size() == 50u);
  BOOST_TEST(NewNonce() != NewNonce());
}

BOOST_AUTO_TEST_CASE(times_are_written_in_china_time) {
  // 1700000000 = 2023-11-14T22:13:20Z
  BOOST_TEST(rz::wechatpay::FormatTime(1700000000) == "2023-11-15T06:13:20+08:00");
}
