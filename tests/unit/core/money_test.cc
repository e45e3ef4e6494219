// Tests for exact yuan <-> fen conversion (ParseYuan, FormatYuan, PercentOf).
#define BOOST_TEST_MODULE money
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "core/money.h"

using rz::Fen;
using rz::FormatYuan;
using rz::kMaxFen;
using rz::ParseYuan;
using rz::PercentOf;

namespace {

// Renders an optional for readable failure messages.
std::string Show(const std::optional<Fen>& v) { return v ? std::to_string(*v) : "nullopt"; }

void ExpectFen(const std::string& text, Fen want) {
  BOOST_TEST_INFO("ParseYuan(\"" << text << "\")");
  BOOST_TEST(Show(ParseYuan(text)) == std::to_string(want));
}

void ExpectRejected(const std::string& text) {
  BOOST_TEST_INFO("ParseYuan(\"" << text << "\")");
  BOOST_TEST(Show(ParseYuan(text)) == "nullopt");
}

}  // namespace

BOOST_AUTO_TEST_CASE(parse_zero) {
  ExpectFen("0", 0);
  ExpectFen("0.0", 0);
  ExpectFen("0.00", 0);
  ExpectFen("-0", 0);
}

BOOST_AUTO_TEST_CASE(parse_one_fen) { ExpectFen("0.01", 1); }

BOOST_AUTO_TEST_CASE(parse_whole_yuan) {
  ExpectFen("17900", 1790000);
  ExpectFen("1", 100);
  ExpectFen("007", 700);
}

BOOST_AUTO_TEST_CASE(parse_one_decimal) {
  ExpectFen("35810.5", 3581050);
  ExpectFen("0.1", 10);
}

BOOST_AUTO_TEST_CASE(parse_two_decimals) {
  ExpectFen("35810.50", 3581050);
  ExpectFen("19.99", 1999);
  ExpectFen("0.09", 9);
}

BOOST_AUTO_TEST_CASE(parse_trailing_zero_third_decimal_ok) {
  ExpectFen("1.230", 123);
  ExpectFen("1.2300000", 123);
}

BOOST_AUTO_TEST_CASE(parse_third_significant_decimal_rejected) {
  ExpectRejected("1.234");
  ExpectRejected("1.001");
  ExpectRejected("0.005");
  ExpectRejected("1.2301");
}

BOOST_AUTO_TEST_CASE(parse_empty_and_sign_only_rejected) {
  ExpectRejected("");
  ExpectRejected("-");
  ExpectRejected("--1");
  ExpectRejected("-.5");
}

BOOST_AUTO_TEST_CASE(parse_missing_integer_or_fraction_digits_rejected) {
  ExpectRejected(".5");
  ExpectRejected("5.");
  ExpectRejected(".");
  ExpectRejected("1.2.3");
}

BOOST_AUTO_TEST_CASE(parse_exponent_rejected) {
  ExpectRejected("1e3");
  ExpectRejected("1E3");
  ExpectRejected("1.5e2");
}

BOOST_AUTO_TEST_CASE(parse_plus_sign_rejected) { ExpectRejected("+1"); }

BOOST_AUTO_TEST_CASE(parse_whitespace_rejected) {
  ExpectRejected(" 1");
  ExpectRejected("1 ");
  ExpectRejected("1\n");
  ExpectRejected("- 1");
}

BOOST_AUTO_TEST_CASE(parse_separators_and_hex_rejected) {
  ExpectRejected("1,000");
  ExpectRejected("1,5");
  ExpectRejected("0x10");
  ExpectRejected("abc");
  ExpectRejected("1yuan");
  ExpectRejected(std::string("1\0", 2));
}

BOOST_AUTO_TEST_CASE(parse_max_accepted_overflow_rejected) {
  // kMaxFen = 10^12 fen = 10^10 yuan.
  ExpectFen("10000000000", kMaxFen);
  ExpectFen("10000000000.00", kMaxFen);
  ExpectFen("9999999999.99", kMaxFen - 1);
  ExpectFen("-10000000000", -kMaxFen);
  ExpectRejected("10000000000.01");
  ExpectRejected("10000000001");
  ExpectRejected("-10000000000.01");
  ExpectRejected("99999999999999999999999999");  // would overflow int64 without the guard
  ExpectRejected("9223372036854775808");
}

BOOST_AUTO_TEST_CASE(parse_negative) {
  ExpectFen("-1.5", -150);
  ExpectFen("-0.01", -1);
  ExpectFen("-17900", -1790000);
}

BOOST_AUTO_TEST_CASE(format_small_values) {
  BOOST_TEST(FormatYuan(0) == "0");
  BOOST_TEST(FormatYuan(1) == "0.01");
  BOOST_TEST(FormatYuan(10) == "0.1");
  BOOST_TEST(FormatYuan(100) == "1");
  BOOST_TEST(FormatYuan(150) == "1.5");
  BOOST_TEST(FormatYuan(101) == "1.01");
  BOOST_TEST(FormatYuan(199) == "1.99");
}

BOOST_AUTO_TEST_CASE(format_large_values) {
  BOOST_TEST(FormatYuan(1790000) == "17900");
  BOOST_TEST(FormatYuan(3581050) == "35810.5");
  BOOST_TEST(FormatYuan(kMaxFen) == "10000000000");
  BOOST_TEST(FormatYuan(std::numeric_limits<Fen>::max()) == "92233720368547758.07");
}

BOOST_AUTO_TEST_CASE(format_negative_values) {
  BOOST_TEST(FormatYuan(-150) == "-1.5");
  BOOST_TEST(FormatYuan(-1) == "-0.01");
  BOOST_TEST(FormatYuan(-100) == "-1");
  BOOST_TEST(FormatYuan(std::numeric_limits<Fen>::min()) == "-92233720368547758.08");
}

BOOST_AUTO_TEST_CASE(round_trip_over_range) {
  for (Fen f = -20000; f <= 20000; ++f) {
    auto back = ParseYuan(FormatYuan(f));
    BOOST_REQUIRE_MESSAGE(back && *back == f, "round trip of " << f << " via " << FormatYuan(f));
  }
  for (Fen f : {kMaxFen, kMaxFen - 1, kMaxFen - 99, -kMaxFen, Fen{123456789012}}) {
    auto back = ParseYuan(FormatYuan(f));
    BOOST_REQUIRE_MESSAGE(back && *back == f, "round trip of " << f << " via " << FormatYuan(f));
  }
}

BOOST_AUTO_TEST_CASE(percent_of_rounds_half_up) {
  BOOST_TEST(PercentOf(999, 95) == 949);  // 949.05
  BOOST_TEST(PercentOf(10, 95) == 10);    // 9.5 -> 10
  BOOST_TEST(PercentOf(30, 95) == 29);    // 28.5 -> 29
  BOOST_TEST(PercentOf(1, 49) == 0);      // 0.49 -> 0
  BOOST_TEST(PercentOf(1, 50) == 1);      // 0.5 -> 1
  BOOST_TEST(PercentOf(1790000, 80) == 1432000);
  BOOST_TEST(PercentOf(12345, 100) == 12345);
  BOOST_TEST(PercentOf(12345, 0) == 0);
  BOOST_TEST(PercentOf(0, 95) == 0);
  BOOST_TEST(PercentOf(kMaxFen, 100) == kMaxFen);
}
