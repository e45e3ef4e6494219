// Integration-test support for the admin API: staff accounts of a given role
// created straight in MySQL (a known password, scrypt-hashed like the real
// ones), and logging them in through nginx.
#pragma once

#include <cstdint>
#include <string>

#include "tests/integration/support/api.h"

namespace rz::test {

constexpr char kAdminBase[] = "/api/admin/v1";
// The password every MakeAdmin account gets.
constexpr char kAdminTestPassword[] = "Test-Passw0rd-42";

struct AdminSession {
  int64_t admin_id = 0;
  std::string username;
  std::string access_token, refresh_token;
};

// A new active admin with the role of that code (super_admin, product_admin,
// order_admin, operations, finance, customer_service, or any role created by a
// test); a unique username; not logged in.
AdminSession MakeAdmin(const std::string& role_code);
// POST /api/admin/v1/auth/login {username, password}; the raw answer.
ApiResponse AdminLoginRaw(const std::string& username, const std::string& password);
// MakeAdmin + login; fails the test unless the login answers 200.
AdminSession AdminLogin(const std::string& role_code);

// Admin API calls (path relative to /api/admin/v1, e.g. "/orders?status=paid").
inline ApiResponse AdminGet(const AdminSession& a, const std::string& path) {
  return Call("GET", std::string(kAdminBase) + path, "", a.access_token);
}
inline ApiResponse AdminPost(const AdminSession& a, const std::string& path,
                             const std::string& body) {
  return Call("POST", std::string(kAdminBase) + path, body, a.access_token);
}
inline ApiResponse AdminPut(const AdminSession& a, const std::string& path,
                            const std::string& body) {
  return Call("PUT", std::string(kAdminBase) + path, body, a.access_token);
}
inline ApiResponse AdminDelete(const AdminSession& a, const std::string& path,
                               const std::string& body = "") {
  return Call("DELETE", std::string(kAdminBase) + path, body, a.access_token);
}

}  // namespace rz::test
