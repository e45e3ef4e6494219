// Primitive crypto over OpenSSL: digests, HMAC, AES-256-GCM, secure random,
// encodings and constant-time comparison. Every EVP_* handle is RAII-owned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace rz::crypto {

std::string Sha256(const std::string& data);                              // raw 32 bytes
std::string HmacSha256(const std::string& key, const std::string& data);  // raw 32 bytes
std::string Md5Hex(const std::string& data);                              // lower-case hex

std::string HexEncode(const std::string& raw);  // lower-case
std::optional<std::string> HexDecode(const std::string& hex);
std::string Base64Encode(const std::string& raw);  // standard, padded
std::optional<std::string> Base64Decode(const std::string& b64);
std::string Base64UrlEncode(const std::string& raw);  // no padding
std::optional<std::string> Base64UrlDecode(const std::string& b64url);

// Cryptographically secure random bytes (RAND_bytes); throws on failure.
std::string RandomBytes(size_t n);
// Random URL-safe token of `bytes` random bytes (base64url).
std::string RandomToken(size_t bytes = 24);

bool ConstantTimeEquals(const std::string& a, const std::string& b);

// AES-256-GCM. key: 32 raw bytes, iv: 12 raw bytes (any length accepted by GCM).
// Output of Encrypt: ciphertext || 16-byte tag. Decrypt returns nullopt on any
// failure (wrong key, tag mismatch, truncated input).
std::optional<std::string> AesGcmEncrypt(const std::string& key, const std::string& iv,
                                         const std::string& plaintext, const std::string& aad);
std::optional<std::string> AesGcmDecrypt(const std::string& key, const std::string& iv,
                                         const std::string& ct_and_tag, const std::string& aad);

// AES-128-CBC with PKCS#7 (WeChat encryptedData). nullopt on failure.
std::optional<std::string> Aes128CbcDecrypt(const std::string& key, const std::string& iv,
                                            const std::string& ciphertext);
std::optional<std::string> Aes128CbcEncrypt(const std::string& key, const std::string& iv,
                                            const std::string& plaintext);

// Personal-data field encryption (phone numbers): "v1:" + base64(iv || ct || tag)
// with a random 12-byte iv. Decrypt returns nullopt on tampering or wrong key.
class FieldCipher {
 public:
  // enc_key and index_key: 32 raw bytes each (hex-decoded from config).
  FieldCipher(std::string enc_key, std::string index_key);
  std::string Encrypt(const std::string& plaintext) const;
  std::optional<std::string> Decrypt(const std::string& stored) const;
  // Blind index for exact-match search: hex(HMAC-SHA256(index_key, plaintext)).
  std::string BlindIndex(const std::string& plaintext) const;

 private:
  std::string enc_key_;
  std::string index_key_;
};

}  // namespace rz::crypto
