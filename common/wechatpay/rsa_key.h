// An RSA key (private or public) loaded from PEM, owned RAII, for the
// SHA256-with-RSA (PKCS#1 v1.5) signatures of WeChat Pay v3. One loaded key may
// be used by many threads at once: each call makes its own EVP_MD_CTX.
#pragma once

#include <memory>
#include <optional>
#include <string>

typedef struct evp_pkey_st EVP_PKEY;

namespace rz::wechatpay {

class RsaKey {
 public:
  // A PEM private key ("BEGIN PRIVATE KEY" / "BEGIN RSA PRIVATE KEY"). Throws
  // std::runtime_error (never echoing the PEM) when it does not parse.
  static RsaKey PrivateFromPem(const std::string& pem);
  // A PEM certificate ("BEGIN CERTIFICATE") or public key ("BEGIN PUBLIC KEY").
  static RsaKey PublicFromPem(const std::string& pem);
  // The same from files; the error names the file, not its content.
  static RsaKey PrivateFromFile(const std::string& path);
  static RsaKey PublicFromFile(const std::string& path);
  // A fresh 2048-bit key pair (tests).
  static RsaKey Generate(int bits = 2048);
  // PEM of the public half ("BEGIN PUBLIC KEY"), e.g. to hand a generated key to a peer.
  std::string PublicPem() const;

  // Base64(SHA256-with-RSA(message)). Needs a private key; throws on failure.
  std::string SignBase64(const std::string& message) const;
  // True only when signature_b64 is valid base64 of a valid signature of message.
  bool VerifyBase64(const std::string& message, const std::string& signature_b64) const;

  bool has_private() const { return private_; }

 private:
  struct Free {
    void operator()(EVP_PKEY* p) const;
  };
  explicit RsaKey(bool is_private) : private_(is_private) {}
  std::shared_ptr<EVP_PKEY> key_;
  bool private_ = false;
};

// Whole file as a string; throws std::runtime_error naming the path.
std::string ReadFileOrThrow(const std::string& path);

}  // namespace rz::wechatpay
