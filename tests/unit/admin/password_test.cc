// scrypt password hashing: round trip, wrong passwords, stored form, malformed
// hashes, generated passwords and the strength rule.
#define BOOST_TEST_MODULE password
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "admin/password.h"

using namespace rz::admin;

BOOST_AUTO_TEST_CASE(hash_verifies_only_its_password) {
  const std::string h = HashPassword("Correct-Horse-9");
  BOOST_TEST(VerifyPassword("Correct-Horse-9", h));
  BOOST_TEST(!VerifyPassword("Correct-Horse-8", h));
  BOOST_TEST(!VerifyPassword("", h));
}

BOOST_AUTO_TEST_CASE(stored_form_names_the_kdf_and_cost_and_salts_each_hash) {
  const std::string a = HashPassword("same-password-1");
  const std::string b = HashPassword("same-password-1");
  BOOST_TEST(a.rfind("scrypt$15$8$1$", 0) == 0);
  BOOST_TEST(a != b);  // a fresh salt each time
  BOOST_TEST(a.find("same-password-1") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_or_tampered_hashes_never_verify) {
  const std::string h = HashPassword("pw-123456789");
  std::string tampered = h;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  BOOST_TEST(!VerifyPassword("pw-123456789", tampered));
  for (const char* bad : {"", "scrypt", "scrypt$15$8$1$$", "bcrypt$15$8$1$c2FsdA==$a2V5",
                          "scrypt$99$8$1$c2FsdA==$a2V5", "scrypt$15$8$1$!!$a2V5"}) {
    BOOST_TEST(!VerifyPassword("pw-123456789", bad), bad);
  }
}

BOOST_AUTO_TEST_CASE(generated_passwords_are_strong_and_distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    const std::string p = GeneratePassword();
    BOOST_TEST(p.size() == 16u);
    BOOST_TEST(PasswordProblem(p).empty(), p);
    seen.insert(p);
  }
  BOOST_TEST(seen.size() == 20u);
}

BOOST_AUTO_TEST_CASE(strength_rule) {
  BOOST_TEST(!PasswordProblem("short1").empty());
  BOOST_TEST(!PasswordProblem("onlyletterslong").empty());
  BOOST_TEST(!PasswordProblem("1234567890123").empty());
  BOOST_TEST(PasswordProblem("letters-and-1-digit").empty());
}
