// Tests for UTC time formatting and parsing (ISO 8601 and MySQL DATETIME text).
#define BOOST_TEST_MODULE time_util
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/time_util.h"

using rz::FormatIsoUtc;
using rz::ParseIsoUtc;

namespace {

std::string Show(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "nullopt"; }

void ExpectParse(const std::string& text, int64_t want) {
  BOOST_TEST_INFO("ParseIsoUtc(\"" << text << "\")");
  BOOST_TEST(Show(ParseIsoUtc(text)) == std::to_string(want));
}

void ExpectReject(const std::string& text) {
  BOOST_TEST_INFO("ParseIsoUtc(\"" << text << "\")");
  BOOST_TEST(Show(ParseIsoUtc(text)) == "nullopt");
}

constexpr int64_t kT = 1729857600;  // 2024-10-25T12:00:00Z

}  // namespace

BOOST_AUTO_TEST_CASE(format_iso_utc) {
  BOOST_TEST(FormatIsoUtc(kT) == "2024-10-25T12:00:00Z");
  BOOST_TEST(FormatIsoUtc(0) == "1970-01-01T00:00:00Z");
  BOOST_TEST(FormatIsoUtc(1709164799) == "2024-02-28T23:59:59Z");
  BOOST_TEST(FormatIsoUtc(1709251199) == "2024-02-29T23:59:59Z");
  BOOST_TEST(FormatIsoUtc(4102444800) == "2100-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(format_sql_and_ymd) {
  BOOST_TEST(rz::FormatSqlUtc(kT) == "2024-10-25 12:00:00");
  BOOST_TEST(rz::FormatYmd(kT) == "20241025");
  BOOST_TEST(rz::FormatYmd(1735689599) == "20241231");  // 23:59:59 UTC, not local time
}

BOOST_AUTO_TEST_CASE(parse_iso_with_z) {
  ExpectParse("2024-10-25T12:00:00Z", kT);
  ExpectParse("1970-01-01T00:00:00Z", 0);
}

BOOST_AUTO_TEST_CASE(parse_sql_datetime) {
  ExpectParse("2024-10-25 12:00:00", kT);
  ExpectParse("2024-10-25 12:34:56", kT + 34 * 60 + 56);
  BOOST_TEST(Show(rz::ParseSqlUtc("2024-10-25 12:00:00")) == std::to_string(kT));
}

BOOST_AUTO_TEST_CASE(parse_t_without_z) { ExpectParse("2024-10-25T12:00:00", kT); }

BOOST_AUTO_TEST_CASE(parse_date_only_is_midnight) {
  ExpectParse("2024-10-25", kT - 12 * 3600);
  ExpectParse("2024-02-29", 1709164800);
}

BOOST_AUTO_TEST_CASE(parse_boundaries) {
  ExpectParse("2024-12-31T23:59:59Z", 1735689599);
  ExpectParse("2000-02-29", 951782400);  // divisible by 400: leap
}

BOOST_AUTO_TEST_CASE(round_trip) {
  for (int64_t t : {int64_t{0}, kT, int64_t{951782400}, int64_t{1735689599}, int64_t{2147483648}}) {
    BOOST_TEST(Show(ParseIsoUtc(FormatIsoUtc(t))) == std::to_string(t));
    BOOST_TEST(Show(ParseIsoUtc(rz::FormatSqlUtc(t))) == std::to_string(t));
  }
}

BOOST_AUTO_TEST_CASE(invalid_calendar_dates_rejected) {
  ExpectReject("2024-02-30");
  ExpectReject("2023-02-29");  // not a leap year
  ExpectReject("1900-02-29");  // divisible by 100, not 400
  ExpectReject("2024-04-31");
  ExpectReject("2024-13-01");
  ExpectReject("2024-00-10");
  ExpectReject("2024-10-00");
  ExpectReject("2024-10-32");
  ExpectReject("0000-00-00 00:00:00");  // MySQL zero date
}

BOOST_AUTO_TEST_CASE(invalid_times_rejected) {
  ExpectReject("2024-10-25T24:00:00Z");
  ExpectReject("2024-10-25T12:60:00Z");
  ExpectReject("2024-10-25T12:00:61Z");
  ExpectReject("2024-10-25T-1:00:00Z");
  ExpectReject("2024-10-25T12:-5:00Z");
}

BOOST_AUTO_TEST_CASE(offsets_and_trailing_text_rejected) {
  // An offset must never be silently read as UTC.
  ExpectReject("2024-10-25T12:00:00+08:00");
  ExpectReject("2024-10-25T12:00:00-05:00");
  ExpectReject("2024-10-25T12:00:00Zjunk");
  ExpectReject("2024-10-25T12:00:00.123Z");
  ExpectReject("2024-10-25x");
  ExpectReject("2024-10-25 12:00:00 ");
}

BOOST_AUTO_TEST_CASE(malformed_shapes_rejected) {
  ExpectReject("");
  ExpectReject("garbage");
  ExpectReject("2024-1-5");
  ExpectReject("2024/10/25");
  ExpectReject(" 2024-10-25");
  ExpectReject("2024-10-25X12:00:00Z");
  ExpectReject("2024-10-25 12:00:00Z");  // 'Z' only with 'T'
  ExpectReject("2024-10-25T12:00");
  ExpectReject("2024-10-25T12-00-00Z");
  ExpectReject("+024-10-25");
  ExpectReject("2024-+1-25");
}

BOOST_AUTO_TEST_CASE(sql_to_iso) {
  BOOST_TEST(rz::SqlToIso("2024-10-25 12:00:00") == "2024-10-25T12:00:00Z");
  BOOST_TEST(rz::SqlToIso("2024-10-25") == "2024-10-25T00:00:00Z");
  BOOST_TEST(rz::SqlToIso("") == "");
  BOOST_TEST(rz::SqlToIso("not a date") == "not a date");  // unparsable text passes through
}

BOOST_AUTO_TEST_CASE(now_is_sane) {
  int64_t s = rz::NowUnix();
  int64_t ms = rz::NowMillis();
  BOOST_TEST(s > 1700000000);
  BOOST_TEST(ms / 1000 >= s);
  BOOST_TEST(ms / 1000 - s <= 2);
}
