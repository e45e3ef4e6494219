// scrypt password hashing; see password.h.
#include "admin/password.h"

#include <openssl/evp.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "crypto/crypto.h"

namespace rz::admin {
namespace {

constexpr int kLogN = 15;
constexpr uint64_t kR = 8, kP = 1;
constexpr size_t kKeyLen = 32, kSaltLen = 16;
// 128 * r * N bytes (32 MiB at N = 2^15) plus slack; OpenSSL refuses above maxmem.
constexpr uint64_t kMaxMem = 64ull * 1024 * 1024;

bool Derive(const std::string& password, const std::string& salt, int log_n, uint64_t r, uint64_t p,
            std::string* key) {
  if (log_n < 10 || log_n > 20 || r == 0 || r > 32 || p == 0 || p > 4) return false;
  key->assign(kKeyLen, '\0');
  return EVP_PBE_scrypt(password.data(), password.size(),
                        reinterpret_cast<const unsigned char*>(salt.data()), salt.size(),
                        uint64_t{1} << log_n, r, p, kMaxMem,
                        reinterpret_cast<unsigned char*>(key->data()), key->size()) == 1;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool ToInt(const std::string& s, uint64_t* out) {
  if (s.empty() || s.size() > 3) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string HashPassword(const std::string& password) {
  const std::string salt = crypto::RandomBytes(kSaltLen);
  std::string key;
  if (!Derive(password, salt, kLogN, kR, kP, &key)) throw std::runtime_error("scrypt failed");
  return "scrypt$" + std::to_string(kLogN) + "$" + std::to_string(kR) + "$" + std::to_string(kP) +
         "$" + crypto::Base64Encode(salt) + "$" + crypto::Base64Encode(key);
}

bool VerifyPassword(const std::string& password, const std::string& stored) {
  std::vector<std::string> f = Split(stored, '$');
  uint64_t log_n = 0, r = 0, p = 0;
  if (f.size() != 6 || f[0] != "scrypt" || !ToInt(f[1], &log_n) || !ToInt(f[2], &r) ||
      !ToInt(f[3], &p)) {
    return false;
  }
  auto salt = crypto::Base64Decode(f[4]);
  auto want = crypto::Base64Decode(f[5]);
  std::string got;
  if (!salt || !want || want->size() != kKeyLen ||
      !Derive(password, *salt, static_cast<int>(log_n), r, p, &got)) {
    return false;
  }
  return crypto::ConstantTimeEquals(got, *want);
}

std::string GeneratePassword() {
  static const char kLetters[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
  static const char kDigits[] = "23456789";
  for (;;) {
    std::string raw = crypto::RandomBytes(16), out;
    bool letter = false, digit = false;
    for (unsigned char c : raw) {
      // 48 letters + 8 digits = 56 symbols; 256 % 56 != 0, but the bias is tiny and
      // irrelevant at 16 characters of entropy.
      unsigned v = c % 56;
      if (v < 48) {
        out += kLetters[v];
        letter = true;
      } else {
        out += kDigits[v - 48];
        digit = true;
      }
    }
    if (letter && digit) return out;
  }
}

std::string PasswordProblem(const std::string& password) {
  if (password.size() < 10 || password.size() > 64) return "must be 10 to 64 characters";
  bool letter = false, digit = false;
  for (char c : password) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letter = true;
    if (c >= '0' && c <= '9') digit = true;
  }
  if (!letter || !digit) return "must contain a letter and a digit";
  return "";
}

}  // namespace rz::admin
