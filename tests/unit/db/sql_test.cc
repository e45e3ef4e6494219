// Tests for LikeEscape (the only DB-free helper in db/sql.h).
#define BOOST_TEST_MODULE sql
#include <boost/test/unit_test.hpp>

#include <string>

#include "db/sql.h"

BOOST_AUTO_TEST_CASE(like_escape_plain_text_unchanged) {
  BOOST_TEST(rz::LikeEscape("") == "");
  BOOST_TEST(rz::LikeEscape("red dress") == "red dress");
  BOOST_TEST(rz::LikeEscape("旗袍") == "旗袍");
}

BOOST_AUTO_TEST_CASE(like_escape_wildcards_and_backslash) {
  BOOST_TEST(rz::LikeEscape("100%") == "100\\%");
  BOOST_TEST(rz::LikeEscape("a_b") == "a\\_b");
  BOOST_TEST(rz::LikeEscape("c:\\x") == "c:\\\\x");
  BOOST_TEST(rz::LikeEscape("%_\\") == "\\%\\_\\\\");
}

BOOST_AUTO_TEST_CASE(like_escape_leaves_quotes_to_binding) {
  BOOST_TEST(rz::LikeEscape("it's \"x\"") == "it's \"x\"");
}
