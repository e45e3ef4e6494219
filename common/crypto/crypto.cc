// OpenSSL 3 implementation of the crypto primitives declared in crypto/crypto.h.
#include "crypto/crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <utility>

namespace rz::crypto {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct MacFree {
  void operator()(EVP_MAC* p) const { EVP_MAC_free(p); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* p) const { EVP_MAC_CTX_free(p); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using MacPtr = std::unique_ptr<EVP_MAC, MacFree>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

constexpr size_t kGcmTagLen = 16;
constexpr size_t kGcmKeyLen = 32;
constexpr size_t kCbcKeyLen = 16;
constexpr size_t kCbcBlockLen = 16;
constexpr size_t kFieldIvLen = 12;
constexpr char kFieldPrefix[] = "v1:";
constexpr size_t kFieldPrefixLen = sizeof(kFieldPrefix) - 1;

unsigned char* U(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* U(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// The EVP cipher calls take int lengths; anything larger is refused rather than truncated.
bool FitsInt(size_t n) { return n <= static_cast<size_t>(INT_MAX); }

std::string Digest(const EVP_MD* md, const std::string& data) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), buf.data(), &len) != 1) {
    throw std::runtime_error("crypto: digest failed");
  }
  return std::string(reinterpret_cast<const char*>(buf.data()), len);
}

constexpr char kStdAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string B64Encode(const std::string& raw, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((raw.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= raw.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(raw[i]) << 16) | (static_cast<uint8_t>(raw[i + 1]) << 8) |
                 static_cast<uint8_t>(raw[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  size_t rest = raw.size() - i;
  if (rest == 1) {
    uint32_t v = static_cast<uint8_t>(raw[i]) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    if (pad) out += "==";
  } else if (rest == 2) {
    uint32_t v = (static_cast<uint8_t>(raw[i]) << 16) | (static_cast<uint8_t>(raw[i + 1]) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    if (pad) out += '=';
  }
  return out;
}

// Strict decoder: only alphabet characters, no whitespace, padding exactly as the
// encoder emits it (required when `padded`, forbidden otherwise), and the unused
// trailing bits must be zero so each byte string has exactly one accepted
// encoding (keeps JWT signatures non-malleable).
std::optional<std::string> B64Decode(const std::string& in, const char* alphabet, bool padded) {
  std::array<int8_t, 256> table;
  table.fill(-1);
  for (int i = 0; i < 64; ++i) table[static_cast<uint8_t>(alphabet[i])] = static_cast<int8_t>(i);

  size_t body_len = in.size();
  if (padded) {
    if (in.size() % 4 != 0) return std::nullopt;
    size_t pads = 0;
    while (pads < 2 && body_len > 0 && in[body_len - 1] == '=') {
      --body_len;
      ++pads;
    }
  }
  if (body_len % 4 == 1) return std::nullopt;

  std::string out;
  out.reserve(body_len * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < body_len; ++i) {
    int v = table[static_cast<uint8_t>(in[i])];
    if (v < 0) return std::nullopt;  // also catches a stray or third '='
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Shared AES-128-CBC path; `enc` is 1 to encrypt, 0 to decrypt (EVP_CipherInit_ex convention).
std::optional<std::string> Aes128Cbc(const std::string& key, const std::string& iv,
                                     const std::string& in, int enc) {
  if (key.size() != kCbcKeyLen || iv.size() != kCbcBlockLen || !FitsInt(in.size() + kCbcBlockLen)) {
    return std::nullopt;
  }
  if (!enc && (in.empty() || in.size() % kCbcBlockLen != 0)) return std::nullopt;
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, U(key), U(iv), enc) != 1) {
    return std::nullopt;
  }
  std::string out(in.size() + kCbcBlockLen, '\0');
  int len = 0;
  int fin = 0;
  if (EVP_CipherUpdate(ctx.get(), U(out), &len, U(in), static_cast<int>(in.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), U(out) + len, &fin) != 1) {
    OPENSSL_cleanse(out.data(), out.size());
    return std::nullopt;
  }
  out.resize(static_cast<size_t>(len) + static_cast<size_t>(fin));
  return out;
}

}  // namespace

std::string Sha256(const std::string& data) { return Digest(EVP_sha256(), data); }

std::string HmacSha256(const std::string& key, const std::string& data) {
  MacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  MacCtxPtr ctx(mac ? EVP_MAC_CTX_new(mac.get()) : nullptr);
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
      OSSL_PARAM_construct_end()};
  std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
  size_t len = 0;
  // key.data() is never null, so an empty key is still set (as a zero-length key).
  if (!ctx || EVP_MAC_init(ctx.get(), U(key), key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), U(data), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), buf.data(), &len, buf.size()) != 1) {
    throw std::runtime_error("crypto: HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(buf.data()), len);
}

std::string Md5Hex(const std::string& data) { return HexEncode(Digest(EVP_md5(), data)); }

std::string HexEncode(const std::string& raw) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0x0F];
  }
  return out;
}

std::optional<std::string> HexDecode(const std::string& hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]);
    int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>((hi << 4) | lo);
  }
  return out;
}

std::string Base64Encode(const std::string& raw) { return B64Encode(raw, kStdAlphabet, true); }
std::optional<std::string> Base64Decode(const std::string& b64) {
  return B64Decode(b64, kStdAlphabet, true);
}
std::string Base64UrlEncode(const std::string& raw) { return B64Encode(raw, kUrlAlphabet, false); }
std::optional<std::string> Base64UrlDecode(const std::string& b64url) {
  return B64Decode(b64url, kUrlAlphabet, false);
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (n > 0 && (!FitsInt(n) || RAND_bytes(U(out), static_cast<int>(n)) != 1)) {
    throw std::runtime_error("crypto: RAND_bytes failed");
  }
  return out;
}

std::string RandomToken(size_t bytes) { return Base64UrlEncode(RandomBytes(bytes)); }

// Lengths are not secret (tags, signatures and tokens have fixed public sizes),
// so only the content comparison needs to be constant time.
bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<std::string> AesGcmEncrypt(const std::string& key, const std::string& iv,
                                         const std::string& plaintext, const std::string& aad) {
  if (key.size() != kGcmKeyLen || iv.empty() || !FitsInt(iv.size()) || !FitsInt(plaintext.size()) ||
      !FitsInt(aad.size())) {
    return std::nullopt;
  }
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  int fin = 0;
  std::string out(plaintext.size() + kGcmTagLen, '\0');
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()),
                          nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, U(key), U(iv)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, U(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), U(out), &len, U(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), U(out) + len, &fin) != 1 ||
      static_cast<size_t>(len) + static_cast<size_t>(fin) != plaintext.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kGcmTagLen),
                          U(out) + plaintext.size()) != 1) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> AesGcmDecrypt(const std::string& key, const std::string& iv,
                                         const std::string& ct_and_tag, const std::string& aad) {
  if (key.size() != kGcmKeyLen || iv.empty() || !FitsInt(iv.size()) ||
      ct_and_tag.size() < kGcmTagLen || !FitsInt(ct_and_tag.size()) || !FitsInt(aad.size())) {
    return std::nullopt;
  }
  const size_t ct_len = ct_and_tag.size() - kGcmTagLen;
  // SET_TAG takes a non-const pointer, so hand it a copy rather than cast away const.
  std::array<unsigned char, kGcmTagLen> tag{};
  std::copy(ct_and_tag.begin() + static_cast<std::ptrdiff_t>(ct_len), ct_and_tag.end(),
            tag.begin());
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  int fin = 0;
  std::string out(ct_len, '\0');
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()),
                          nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, U(key), U(iv)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, U(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), U(out), &len, U(ct_and_tag), static_cast<int>(ct_len)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kGcmTagLen),
                          tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), U(out) + len, &fin) != 1) {
    // Never let unauthenticated plaintext linger in freed memory.
    OPENSSL_cleanse(out.data(), out.size());
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> Aes128CbcDecrypt(const std::string& key, const std::string& iv,
                                            const std::string& ciphertext) {
  return Aes128Cbc(key, iv, ciphertext, 0);
}

std::optional<std::string> Aes128CbcEncrypt(const std::string& key, const std::string& iv,
                                            const std::string& plaintext) {
  return Aes128Cbc(key, iv, plaintext, 1);
}

// Misconfigured keys must stop the process at startup, not surface later as
// undecryptable rows, hence the throw.
FieldCipher::FieldCipher(std::string enc_key, std::string index_key)
    : enc_key_(std::move(enc_key)), index_key_(std::move(index_key)) {
  if (enc_key_.size() != kGcmKeyLen || index_key_.size() != kGcmKeyLen) {
    throw std::invalid_argument("FieldCipher: keys must be 32 bytes");
  }
}

// No AAD: the stored format is exactly "v1:" + base64(iv || ct || tag) as documented.
std::string FieldCipher::Encrypt(const std::string& plaintext) const {
  std::string iv = RandomBytes(kFieldIvLen);
  std::optional<std::string> ct = AesGcmEncrypt(enc_key_, iv, plaintext, "");
  if (!ct) throw std::runtime_error("FieldCipher: encryption failed");
  return kFieldPrefix + Base64Encode(iv + *ct);
}

std::optional<std::string> FieldCipher::Decrypt(const std::string& stored) const {
  if (stored.compare(0, kFieldPrefixLen, kFieldPrefix) != 0) return std::nullopt;
  std::optional<std::string> blob = Base64Decode(stored.substr(kFieldPrefixLen));
  if (!blob || blob->size() < kFieldIvLen + kGcmTagLen) return std::nullopt;
  return AesGcmDecrypt(enc_key_, blob->substr(0, kFieldIvLen), blob->substr(kFieldIvLen), "");
}

std::string FieldCipher::BlindIndex(const std::string& plaintext) const {
  return HexEncode(HmacSha256(index_key_, plaintext));
}

}  // namespace rz::crypto
