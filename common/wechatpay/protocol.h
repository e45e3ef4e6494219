// The WeChat Pay API v3 signature and encryption rules (wechat.md "WeChat Pay
// API v3"), as pure functions shared by the client, the notification handlers
// and the fake:
//   request:      Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",
//                 signature="…",timestamp="…",serial_no="…"
//                 over "METHOD\nPATH_WITH_QUERY\nTIMESTAMP\nNONCE\nBODY\n"
//   response and
//   notification: Wechatpay-Timestamp/-Nonce/-Signature/-Serial headers
//                 over "TIMESTAMP\nNONCE\nBODY\n", with the platform key of that serial
//   resource:     AES-256-GCM(APIv3 key, iv = nonce, aad = associated_data),
//                 ciphertext = Base64(ct || 16-byte tag)
//   paySign:      over "appId\ntimeStamp\nnonceStr\npackage\n"
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "wechatpay/rsa_key.h"

namespace rz::wechatpay {

constexpr char kAuthScheme[] = "WECHATPAY2-SHA256-RSA2048";
constexpr int64_t kTimestampWindowSeconds = 300;
// WeChat's probe notifications carry a signature starting with this; they must fail.
constexpr char kProbeSignaturePrefix[] = "WECHATPAY/SIGNTEST/";

std::string RequestMessage(const std::string& method, const std::string& path_with_query,
                           const std::string& timestamp, const std::string& nonce,
                           const std::string& body);
std::string ResponseMessage(const std::string& timestamp, const std::string& nonce,
                            const std::string& body);

// A time as WeChat Pay writes it (time_expire, success_time, create_time):
// RFC 3339 in China time, "2024-10-25T20:00:00+08:00".
std::string FormatTime(int64_t unix_seconds);

// A random 32-character nonce (A-Z, 0-9).
std::string NewNonce();

// The Authorization header value of a merchant request.
std::string BuildAuthorization(const RsaKey& merchant_key, const std::string& mchid,
                               const std::string& serial, const std::string& method,
                               const std::string& path_with_query, const std::string& body,
                               const std::string& timestamp, const std::string& nonce);

// The fields of an Authorization header; nullopt unless the scheme is ours and
// all five fields are present.
struct AuthorizationFields {
  std::string mchid, nonce, signature, timestamp, serial;
};
std::optional<AuthorizationFields> ParseAuthorization(const std::string& header);

// The Wechatpay-* headers of a response or notification.
struct SignedHeaders {
  std::string timestamp, nonce, signature, serial;
};

// The platform public keys we trust, by serial (certificate serial or public key ID).
class PlatformKeys {
 public:
  void Add(const std::string& serial, RsaKey key) {
    keys_.insert_or_assign(serial, std::move(key));
  }
  const RsaKey* Find(const std::string& serial) const;
  bool empty() const { return keys_.empty(); }

 private:
  std::map<std::string, RsaKey> keys_;
};

enum class Verdict {
  kOk,
  kMissingHeaders,  // a Wechatpay-* header is absent or empty
  kStaleTimestamp,  // not a number, or more than 5 minutes from now
  kUnknownSerial,   // no platform key with that serial
  kProbe,           // WECHATPAY/SIGNTEST/ probe signature
  kBadSignature,    // does not verify
};
const char* VerdictText(Verdict v);

// Checks headers + body against the platform keys at time `now_unix`. Replay
// protection (the nonce seen before) is the caller's: it needs shared state.
Verdict VerifySigned(const PlatformKeys& keys, const SignedHeaders& h, const std::string& body,
                     int64_t now_unix);

// The Wechatpay-* headers signing `body` (the fake, and tests).
SignedHeaders SignResponse(const RsaKey& platform_key, const std::string& serial,
                           const std::string& body, int64_t now_unix,
                           const std::string& nonce = "");

// AES-256-GCM resource decryption; nullopt on a wrong key, a flipped bit, bad base64.
std::optional<std::string> DecryptResource(const std::string& apiv3_key, const std::string& nonce,
                                           const std::string& associated_data,
                                           const std::string& ciphertext_b64);
// The inverse (the fake): Base64(ct || tag).
std::string EncryptResource(const std::string& apiv3_key, const std::string& nonce,
                            const std::string& associated_data, const std::string& plaintext);

// Mini-program payment signature.
std::string PaySign(const RsaKey& merchant_key, const std::string& appid,
                    const std::string& timestamp, const std::string& nonce,
                    const std::string& package);
std::string PaySignMessage(const std::string& appid, const std::string& timestamp,
                           const std::string& nonce, const std::string& package);

}  // namespace rz::wechatpay
