// Admin accounts and login for integration tests; see admin.h.
#include "tests/integration/support/admin.h"

#include <boost/test/unit_test.hpp>

#include "admin/password.h"

namespace rz::test {

AdminSession MakeAdmin(const std::string& role_code) {
  // One scrypt hash for every test account: hashing costs ~0.1 s by design.
  static const std::string hash = rz::admin::HashPassword(kAdminTestPassword);
  AdminSession a;
  std::string code = UniqueCode();
  for (char& c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) c = '_';
  }
  a.username = ("a_" + code).substr(0, 32);
  Sql("INSERT INTO admins (username, display_name, password_hash, role_id) SELECT '" + a.username +
      "', '测试管理员', '" + hash + "', id FROM roles WHERE code = '" + role_code + "'");
  const std::string id = SqlScalar("SELECT id FROM admins WHERE username = '" + a.username + "'");
  BOOST_REQUIRE_MESSAGE(!id.empty(), "no role " + role_code);
  a.admin_id = std::stoll(id);
  return a;
}

ApiResponse AdminLoginRaw(const std::string& username, const std::string& password) {
  const std::string body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  return PostWaitingForRateLimit(std::string(kAdminBase) + "/auth/login", body);
}

AdminSession AdminLogin(const std::string& role_code) {
  AdminSession a = MakeAdmin(role_code);
  ApiResponse r = AdminLoginRaw(a.username, kAdminTestPassword);
  BOOST_REQUIRE_MESSAGE(r.status == 200,
                        "admin login failed: " + std::to_string(r.status) + " " + r.body);
  a.access_token = Str(r.data(), "access_token");
  a.refresh_token = Str(r.data(), "refresh_token");
  return a;
}

}  // namespace rz::test
