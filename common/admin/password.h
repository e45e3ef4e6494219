// Admin password hashing with OpenSSL's scrypt (admin.md: N = 2^15, r = 8,
// p = 1, a random 16-byte salt per password). Stored form:
//   scrypt$15$8$1$<salt base64>$<32-byte key base64>
// so the cost can be raised later without breaking stored hashes.
#pragma once

#include <string>

namespace rz::admin {

// A new hash of `password` with a fresh salt. Throws std::runtime_error if
// OpenSSL fails (it never echoes the password).
std::string HashPassword(const std::string& password);
// Constant-time check against a stored hash; false for a malformed hash too.
bool VerifyPassword(const std::string& password, const std::string& stored);
// A random password for a new account: 16 characters of letters and digits
// (no look-alikes), with at least one of each class.
std::string GeneratePassword();
// "" when acceptable, else why not: 10..64 characters with a letter and a digit.
std::string PasswordProblem(const std::string& password);

}  // namespace rz::admin
