// Profile field format checks shared by the auth and users workers.
#define BOOST_TEST_MODULE profile_checks
#include <boost/test/unit_test.hpp>

#include "users/profile_checks.h"

BOOST_AUTO_TEST_CASE(mainland_mobile_is_1_and_ten_digits) {
  BOOST_TEST(rz::IsMainlandMobile("13812348000"));
  BOOST_TEST(!rz::IsMainlandMobile("23812348000"));
  BOOST_TEST(!rz::IsMainlandMobile("1381234800"));
  BOOST_TEST(!rz::IsMainlandMobile("138123480000"));
  BOOST_TEST(!rz::IsMainlandMobile("1381234800a"));
  BOOST_TEST(!rz::IsMainlandMobile("+8613812348000"));
  BOOST_TEST(!rz::IsMainlandMobile(""));
}

BOOST_AUTO_TEST_CASE(http_url_needs_scheme_host_and_no_spaces) {
  BOOST_TEST(rz::IsHttpUrl("https://cdn.example.com/a.png"));
  BOOST_TEST(rz::IsHttpUrl("http://127.0.0.1:8080/x"));
  BOOST_TEST(!rz::IsHttpUrl("https://"));
  BOOST_TEST(!rz::IsHttpUrl("https:///path"));
  BOOST_TEST(!rz::IsHttpUrl("ftp://example.com/a"));
  BOOST_TEST(!rz::IsHttpUrl("javascript:alert(1)"));
  BOOST_TEST(!rz::IsHttpUrl("HTTPS://example.com"));
  BOOST_TEST(!rz::IsHttpUrl("https://example.com/a b"));
  BOOST_TEST(!rz::IsHttpUrl("https://example.com/\n"));
}

BOOST_AUTO_TEST_CASE(plausible_email_has_one_at_and_a_dotted_domain) {
  BOOST_TEST(rz::IsPlausibleEmail("ming@example.com"));
  BOOST_TEST(rz::IsPlausibleEmail("a.b+tag@mail.example.cn"));
  BOOST_TEST(!rz::IsPlausibleEmail("not-an-email"));
  BOOST_TEST(!rz::IsPlausibleEmail("@example.com"));
  BOOST_TEST(!rz::IsPlausibleEmail("a@b@example.com"));
  BOOST_TEST(!rz::IsPlausibleEmail("a@example"));
  BOOST_TEST(!rz::IsPlausibleEmail("a@.com"));
  BOOST_TEST(!rz::IsPlausibleEmail("a@example."));
  BOOST_TEST(!rz::IsPlausibleEmail("a b@example.com"));
}
