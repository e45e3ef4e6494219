// CSV writing (quoting, formula guard) and parsing (quotes, CRLF, BOM, errors).
#define BOOST_TEST_MODULE csv
#include <boost/test/unit_test.hpp>

#include "core/csv.h"

using rz::csv::Field;
using rz::csv::Parse;
using rz::csv::Row;

BOOST_AUTO_TEST_CASE(plain_fields_are_left_alone) {
  BOOST_TEST(Field("顺丰速运") == "顺丰速运");
  BOOST_TEST(Row({"a", "b", ""}) == "a,b,\r\n");
}

BOOST_AUTO_TEST_CASE(fields_with_separators_are_quoted) {
  BOOST_TEST(Field("a,b") == "\"a,b\"");
  BOOST_TEST(Field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(Field("two\nlines") == "\"two\nlines\"");
}

BOOST_AUTO_TEST_CASE(formula_like_fields_are_defused) {
  BOOST_TEST(Field("=SUM(A1)") == "'=SUM(A1)");
  BOOST_TEST(Field("+1") == "'+1");
  BOOST_TEST(Field("-2") == "'-2");
  BOOST_TEST(Field("@x") == "'@x");
}

BOOST_AUTO_TEST_CASE(parse_round_trips_what_row_writes) {
  std::string text = std::string(rz::csv::kUtf8Bom) + Row({"order_no", "express_code"}) +
                     Row({"ORD1", "a,\"b\"\nc"}) + "\r\n";
  auto rows = Parse(text);
  BOOST_REQUIRE(rows.has_value());
  BOOST_REQUIRE(rows->size() == 2u);
  BOOST_TEST((*rows)[0][0] == "order_no");
  BOOST_TEST((*rows)[1][1] == "a,\"b\"\nc");
}

BOOST_AUTO_TEST_CASE(parse_accepts_lf_and_a_missing_final_newline) {
  auto rows = Parse("a,b\nc,d");
  BOOST_REQUIRE(rows.has_value());
  BOOST_TEST(rows->size() == 2u);
  BOOST_TEST((*rows)[1][1] == "d");
}

BOOST_AUTO_TEST_CASE(parse_reports_an_unterminated_quote) {
  std::string err;
  BOOST_TEST(!Parse("a,\"b\nc", &err).has_value());
  BOOST_TEST(err.find("line") != std::string::npos);
}
