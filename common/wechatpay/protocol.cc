// WeChat Pay v3 signature messages, Authorization header, verification and
// resource encryption; see protocol.h.
#include "wechatpay/protocol.h"

#include "core/time_util.h"
#include "crypto/crypto.h"

namespace rz::wechatpay {

std::string RequestMessage(const std::string& method, const std::string& path_with_query,
                           const std::string& timestamp, const std::string& nonce,
                           const std::string& body) {
  return method + "\n" + path_with_query + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
}

std::string ResponseMessage(const std::string& timestamp, const std::string& nonce,
                            const std::string& body) {
  return timestamp + "\n" + nonce + "\n" + body + "\n";
}

std::string FormatTime(int64_t unix_seconds) {
  return FormatIsoUtc(unix_seconds + 8 * 3600).substr(0, 19) + "+08:00";
}

std::string NewNonce() {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string raw = crypto::RandomBytes(32);
  std::string out(32, 'A');
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = kAlphabet[static_cast<unsigned char>(raw[i]) % 36];
  }
  return out;
}

std::string BuildAuthorization(const RsaKey& merchant_key, const std::string& mchid,
                               const std::string& serial, const std::string& method,
                               const std::string& path_with_query, const std::string& body,
                               const std::string& timestamp, const std::string& nonce) {
  std::string sig =
      merchant_key.SignBase64(RequestMessage(method, path_with_query, timestamp, nonce, body));
  return std::string(kAuthScheme) + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce +
         "\",signature=\"" + sig + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + serial +
         "\"";
}

std::optional<AuthorizationFields> ParseAuthorization(const std::string& header) {
  const std::string scheme = std::string(kAuthScheme) + " ";
  if (header.rfind(scheme, 0) != 0) return std::nullopt;
  std::map<std::string, std::string> kv;
  size_t i = scheme.size();
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ',')) ++i;
    size_t eq = header.find('=', i);
    if (eq == std::string::npos || eq + 1 >= header.size() || header[eq + 1] != '"') break;
    size_t end = header.find('"', eq + 2);
    if (end == std::string::npos) return std::nullopt;
    kv[header.substr(i, eq - i)] = header.substr(eq + 2, end - eq - 2);
    i = end + 1;
  }
  AuthorizationFields f{kv["mchid"], kv["nonce_str"], kv["signature"], kv["timestamp"],
                        kv["serial_no"]};
  if (f.mchid.empty() || f.nonce.empty() || f.signature.empty() || f.timestamp.empty() ||
      f.serial.empty()) {
    return std::nullopt;
  }
  return f;
}

const RsaKey* PlatformKeys::Find(const std::string& serial) const {
  auto it = keys_.find(serial);
  return it == keys_.end() ? nullptr : &it->second;
}

const char* VerdictText(Verdict v) {
  switch (v) {
    case Verdict::kOk:
      return "ok";
    case Verdict::kMissingHeaders:
      return "missing Wechatpay signature headers";
    case Verdict::kStaleTimestamp:
      return "timestamp outside the 5 minute window";
    case Verdict::kUnknownSerial:
      return "unknown platform key serial";
    case Verdict::kProbe:
      return "probe signature";
    case Verdict::kBadSignature:
      return "signature does not verify";
  }
  return "unknown";
}

Verdict VerifySigned(const PlatformKeys& keys, const SignedHeaders& h, const std::string& body,
                     int64_t now_unix) {
  if (h.timestamp.empty() || h.nonce.empty() || h.signature.empty() || h.serial.empty()) {
    return Verdict::kMissingHeaders;
  }
  // Unix seconds as plain digits only (no sign, no spaces); 12 digits at most, so the
  // arithmetic below can never overflow whatever a forger sends.
  if (h.timestamp.size() > 12) return Verdict::kStaleTimestamp;
  int64_t ts = 0;
  for (char c : h.timestamp) {
    if (c < '0' || c > '9') return Verdict::kStaleTimestamp;
    ts = ts * 10 + (c - '0');
  }
  if (ts > now_unix + kTimestampWindowSeconds || ts < now_unix - kTimestampWindowSeconds) {
    return Verdict::kStaleTimestamp;
  }
  if (h.signature.rfind(kProbeSignaturePrefix, 0) == 0) return Verdict::kProbe;
  const RsaKey* key = keys.Find(h.serial);
  if (!key) return Verdict::kUnknownSerial;
  if (!key->VerifyBase64(ResponseMessage(h.timestamp, h.nonce, body), h.signature)) {
    return Verdict::kBadSignature;
  }
  return Verdict::kOk;
}

SignedHeaders SignResponse(const RsaKey& platform_key, const std::string& serial,
                           const std::string& body, int64_t now_unix, const std::string& nonce) {
  SignedHeaders h;
  h.timestamp = std::to_string(now_unix);
  h.nonce = nonce.empty() ? NewNonce() : nonce;
  h.serial = serial;
  h.signature = platform_key.SignBase64(ResponseMessage(h.timestamp, h.nonce, body));
  return h;
}

std::optional<std::string> DecryptResource(const std::string& apiv3_key, const std::string& nonce,
                                           const std::string& associated_data,
                                           const std::string& ciphertext_b64) {
  if (apiv3_key.size() != 32 || nonce.empty()) return std::nullopt;
  std::optional<std::string> ct = crypto::Base64Decode(ciphertext_b64);
  if (!ct || ct->size() < 16) return std::nullopt;
  return crypto::AesGcmDecrypt(apiv3_key, nonce, *ct, associated_data);
}

std::string EncryptResource(const std::string& apiv3_key, const std::string& nonce,
                            const std::string& associated_data, const std::string& plaintext) {
  std::optional<std::string> ct =
      crypto::AesGcmEncrypt(apiv3_key, nonce, plaintext, associated_data);
  return ct ? crypto::Base64Encode(*ct) : std::string();
}

std::string PaySignMessage(const std::string& appid, const std::string& timestamp,
                           const std::string& nonce, const std::string& package) {
  return appid + "\n" + timestamp + "\n" + nonce + "\n" + package + "\n";
}

std::string PaySign(const RsaKey& merchant_key, const std::string& appid,
                    const std::string& timestamp, const std::string& nonce,
                    const std::string& package) {
  return merchant_key.SignBase64(PaySignMessage(appid, timestamp, nonce, package));
}

}  // namespace rz::wechatpay
