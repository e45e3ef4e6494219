// Tests for JsonIn: strict typed validation of JSON request bodies.
#define BOOST_TEST_MODULE json_in
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include <map>
#include <string>

#include "core/error.h"
#include "core/json_in.h"

using rz::JsonIn;

namespace {

// Parses without encoding validation, so tests can feed raw invalid UTF-8.
rapidjson::Document Parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  BOOST_REQUIRE_MESSAGE(!d.HasParseError(), "test JSON must parse: " << text);
  return d;
}

// The field errors Finish() reports, or an empty map when it does not throw.
std::map<std::string, std::string> Errors(const JsonIn& in) {
  try {
    in.Finish();
  } catch (const rz::ApiError& e) {
    BOOST_TEST(static_cast<int>(e.code()) == 4004);
    return e.fields();
  }
  return {};
}

std::string ErrorFor(const JsonIn& in, const std::string& field) {
  auto errs = Errors(in);
  auto it = errs.find(field);
  return it == errs.end() ? "<none>" : it->second;
}

}  // namespace

BOOST_AUTO_TEST_CASE(unknown_fields_are_named) {
  auto d = Parse(R"({"nickname":"a","extra":1,"admin":true})");
  JsonIn in(d);
  in.AllowOnly({"nickname", "gender"});
  auto errs = Errors(in);
  BOOST_TEST(errs.size() == 2u);
  BOOST_TEST(errs["extra"] == "unknown field");
  BOOST_TEST(errs["admin"] == "unknown field");
  BOOST_TEST(errs.count("nickname") == 0u);
}

BOOST_AUTO_TEST_CASE(allowed_fields_only_is_ok) {
  auto d = Parse(R"({"nickname":"a","gender":1})");
  JsonIn in(d);
  in.AllowOnly({"nickname", "gender"});
  BOOST_TEST(in.ok());
  BOOST_CHECK_NO_THROW(in.Finish());
}

BOOST_AUTO_TEST_CASE(int_accepts_integer) {
  auto d = Parse(R"({"n":5,"neg":-3})");
  JsonIn in(d);
  BOOST_TEST(in.OptInt("n", 0, 10).value() == 5);
  BOOST_TEST(in.ReqInt("neg", -5, 5) == -3);
  BOOST_TEST(in.ok());
}

BOOST_AUTO_TEST_CASE(int_string_is_not_coerced) {
  auto d = Parse(R"({"n":"5"})");
  JsonIn in(d);
  BOOST_TEST(!in.OptInt("n", 0, 10).has_value());
  BOOST_TEST(ErrorFor(in, "n") == "must be an integer");
}

BOOST_AUTO_TEST_CASE(int_fraction_rejected) {
  auto d = Parse(R"({"n":5.5,"m":5.0})");
  JsonIn in(d);
  BOOST_TEST(!in.OptInt("n", 0, 10).has_value());
  BOOST_TEST(!in.OptInt("m", 0, 10).has_value());
  BOOST_TEST(ErrorFor(in, "n") == "must be an integer");
  BOOST_TEST(ErrorFor(in, "m") == "must be an integer");
}

BOOST_AUTO_TEST_CASE(int_other_types_rejected) {
  auto d = Parse(R"({"a":true,"b":[1],"c":{}})");
  JsonIn in(d);
  in.OptInt("a", 0, 10);
  in.OptInt("b", 0, 10);
  in.OptInt("c", 0, 10);
  auto errs = Errors(in);
  BOOST_TEST(errs["a"] == "must be an integer");
  BOOST_TEST(errs["b"] == "must be an integer");
  BOOST_TEST(errs["c"] == "must be an integer");
}

BOOST_AUTO_TEST_CASE(int_range_enforced) {
  auto d = Parse(R"({"lo":-1,"hi":3,"edge_lo":0,"edge_hi":2})");
  JsonIn in(d);
  BOOST_TEST(!in.OptInt("lo", 0, 2).has_value());
  BOOST_TEST(!in.OptInt("hi", 0, 2).has_value());
  BOOST_TEST(in.OptInt("edge_lo", 0, 2).value() == 0);
  BOOST_TEST(in.OptInt("edge_hi", 0, 2).value() == 2);
  auto errs = Errors(in);
  BOOST_TEST(errs.size() == 2u);
  BOOST_TEST(errs["lo"] == "must be 0..2");
  BOOST_TEST(errs["hi"] == "must be 0..2");
}

BOOST_AUTO_TEST_CASE(int_beyond_int64_out_of_range) {
  auto d = Parse(R"({"n":18446744073709551615})");
  JsonIn in(d);
  BOOST_TEST(!in.OptInt("n", 0, 10).has_value());
  BOOST_TEST(ErrorFor(in, "n") == "out of range");
}

BOOST_AUTO_TEST_CASE(missing_required_fields) {
  auto d = Parse(R"({"other":null})");
  JsonIn in(d);
  BOOST_TEST(in.ReqString("name", 1, 10) == "");
  BOOST_TEST(in.ReqInt("count", 0, 10) == 0);
  BOOST_TEST(in.ReqBool("flag") == false);
  BOOST_TEST(in.ReqString("other", 1, 10) == "");  // null counts as absent
  auto errs = Errors(in);
  BOOST_TEST(errs.size() == 4u);
  BOOST_TEST(errs["name"] == "required");
  BOOST_TEST(errs["count"] == "required");
  BOOST_TEST(errs["flag"] == "required");
  BOOST_TEST(errs["other"] == "required");
}

BOOST_AUTO_TEST_CASE(optional_absent_is_not_an_error) {
  auto d = Parse(R"({"x":null})");
  JsonIn in(d);
  BOOST_TEST(!in.OptString("x", 1, 10).has_value());
  BOOST_TEST(!in.OptString("y", 1, 10).has_value());
  BOOST_TEST(!in.OptInt("y", 0, 1).has_value());
  BOOST_TEST(!in.Has("x"));
  BOOST_TEST(in.ok());
}

BOOST_AUTO_TEST_CASE(string_length_counts_code_points) {
  // "中文名字" is 4 code points, 12 bytes.
  auto d = Parse(R"({"four":"中文名字","five":"中文名字五","ascii":"abcd"})");
  JsonIn in(d);
  BOOST_TEST(in.OptString("four", 1, 4).value() == "中文名字");
  BOOST_TEST(in.OptString("ascii", 4, 4).value() == "abcd");
  BOOST_TEST(!in.OptString("five", 1, 4).has_value());
  BOOST_TEST(ErrorFor(in, "five") == "length must be 1..4");
}

BOOST_AUTO_TEST_CASE(string_too_short) {
  auto d = Parse(R"({"s":""})");
  JsonIn in(d);
  BOOST_TEST(!in.OptString("s", 1, 4).has_value());
  BOOST_TEST(ErrorFor(in, "s") == "length must be 1..4");
}

BOOST_AUTO_TEST_CASE(string_wrong_type) {
  auto d = Parse(R"({"s":5})");
  JsonIn in(d);
  BOOST_TEST(!in.OptString("s", 0, 4).has_value());
  BOOST_TEST(ErrorFor(in, "s") == "must be a string");
}

BOOST_AUTO_TEST_CASE(string_with_nul_rejected) {
  auto d = Parse(R"({"s":"a\u0000b"})");
  JsonIn in(d);
  BOOST_TEST(!in.OptString("s", 0, 10).has_value());
  BOOST_TEST(ErrorFor(in, "s") == "must not contain NUL");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_rejected) {
  // Raw bytes: lone continuation byte; truncated 3-byte sequence; overlong '/'.
  auto d = Parse("{\"a\":\"x\x80y\",\"b\":\"\xE4\xB8\",\"c\":\"\xC0\xAF\"}");
  JsonIn in(d);
  BOOST_TEST(!in.OptString("a", 0, 10).has_value());
  BOOST_TEST(!in.OptString("b", 0, 10).has_value());
  BOOST_TEST(!in.OptString("c", 0, 10).has_value());
  auto errs = Errors(in);
  BOOST_TEST(errs["a"] == "invalid UTF-8");
  BOOST_TEST(errs["b"] == "invalid UTF-8");
  BOOST_TEST(errs["c"] == "invalid UTF-8");
}

BOOST_AUTO_TEST_CASE(utf8_length_values) {
  BOOST_TEST(rz::Utf8Length("") == 0);
  BOOST_TEST(rz::Utf8Length("abc") == 3);
  BOOST_TEST(rz::Utf8Length("中") == 1);
  BOOST_TEST(rz::Utf8Length("a中b") == 3);
  BOOST_TEST(rz::Utf8Length("\xF0\x9F\x98\x80") == 1);  // U+1F600
  BOOST_TEST(rz::Utf8Length("\xF4\x8F\xBF\xBF") == 1);  // U+10FFFF
  BOOST_TEST(rz::Utf8Length("\xED\x9F\xBF") == 1);      // U+D7FF
}

BOOST_AUTO_TEST_CASE(utf8_length_rejects_malformed) {
  BOOST_TEST(rz::Utf8Length("\x80") == -1);              // lone continuation
  BOOST_TEST(rz::Utf8Length("\xC3") == -1);              // truncated
  BOOST_TEST(rz::Utf8Length("\xC1\xBF") == -1);          // overlong 2-byte
  BOOST_TEST(rz::Utf8Length("\xE0\x80\xAF") == -1);      // overlong 3-byte
  BOOST_TEST(rz::Utf8Length("\xED\xA0\x80") == -1);      // surrogate U+D800
  BOOST_TEST(rz::Utf8Length("\xF0\x80\x80\xAF") == -1);  // overlong 4-byte
  BOOST_TEST(rz::Utf8Length("\xF4\x90\x80\x80") == -1);  // U+110000
  BOOST_TEST(rz::Utf8Length("\xF5\x80\x80\x80") == -1);
  BOOST_TEST(rz::Utf8Length("\xFF") == -1);
}

BOOST_AUTO_TEST_CASE(bool_is_strict) {
  auto d = Parse(R"({"t":true,"f":false,"one":1,"str":"true","zero":0})");
  JsonIn in(d);
  BOOST_TEST(in.OptBool("t").value() == true);
  BOOST_TEST(in.ReqBool("f") == false);
  BOOST_TEST(!in.OptBool("one").has_value());
  BOOST_TEST(!in.OptBool("str").has_value());
  BOOST_TEST(!in.OptBool("zero").has_value());
  auto errs = Errors(in);
  BOOST_TEST(errs.size() == 3u);
  BOOST_TEST(errs["one"] == "must be a boolean");
  BOOST_TEST(errs["str"] == "must be a boolean");
  BOOST_TEST(errs["zero"] == "must be a boolean");
}

BOOST_AUTO_TEST_CASE(money_decimal_values_exact) {
  auto d = Parse(R"({"a":19.99,"b":0.1,"c":0.01,"d":35810.5,"e":12345678.91})");
  JsonIn in(d);
  BOOST_TEST(in.OptMoney("a", 0, rz::kMaxFen).value() == 1999);
  BOOST_TEST(in.OptMoney("b", 0, rz::kMaxFen).value() == 10);
  BOOST_TEST(in.OptMoney("c", 0, rz::kMaxFen).value() == 1);
  BOOST_TEST(in.OptMoney("d", 0, rz::kMaxFen).value() == 3581050);
  BOOST_TEST(in.OptMoney("e", 0, rz::kMaxFen).value() == 1234567891);
  BOOST_TEST(in.ok());
}

BOOST_AUTO_TEST_CASE(money_integer_and_exponent) {
  auto d = Parse(R"({"i":17900,"z":0,"exp":1e2,"whole_double":5.0})");
  JsonIn in(d);
  BOOST_TEST(in.OptMoney("i", 0, rz::kMaxFen).value() == 1790000);
  BOOST_TEST(in.OptMoney("z", 0, rz::kMaxFen).value() == 0);
  // 1e2 is the JSON number 100: accepted as 100 yuan.
  BOOST_TEST(in.OptMoney("exp", 0, rz::kMaxFen).value() == 10000);
  BOOST_TEST(in.OptMoney("whole_double", 0, rz::kMaxFen).value() == 500);
  BOOST_TEST(in.ok());
}

BOOST_AUTO_TEST_CASE(money_three_decimals_rejected) {
  auto d = Parse(R"({"m":1.005})");
  JsonIn in(d);
  BOOST_TEST(!in.OptMoney("m", 0, rz::kMaxFen).has_value());
  BOOST_TEST(ErrorFor(in, "m") == "must be an amount with at most 2 decimals");
}

BOOST_AUTO_TEST_CASE(money_string_rejected) {
  auto d = Parse(R"({"m":"1"})");
  JsonIn in(d);
  BOOST_TEST(!in.OptMoney("m", 0, rz::kMaxFen).has_value());
  BOOST_TEST(ErrorFor(in, "m") == "must be a number");
}

BOOST_AUTO_TEST_CASE(money_range_and_overflow) {
  auto d = Parse(R"({"neg":-0.5,"big":100000000000,"huge":1e300,"cap":10.01})");
  JsonIn in(d);
  BOOST_TEST(!in.OptMoney("neg", 0, rz::kMaxFen).has_value());
  BOOST_TEST(!in.OptMoney("big", 0, rz::kMaxFen).has_value());
  BOOST_TEST(!in.OptMoney("huge", 0, rz::kMaxFen).has_value());
  BOOST_TEST(!in.OptMoney("cap", 1, 1000).has_value());
  auto errs = Errors(in);
  BOOST_TEST(errs["neg"] == "must be 0..10000000000");
  BOOST_TEST(errs["big"] == "must be an amount with at most 2 decimals");
  BOOST_TEST(errs["huge"] == "must be an amount with at most 2 decimals");
  BOOST_TEST(errs["cap"] == "must be 0.01..10");
}

BOOST_AUTO_TEST_CASE(string_array) {
  auto d = Parse(
      R"({"tags":["红色","blue"],"long":["五个中文字"],"mixed":["a",1],"many":["a","b","c"]})");
  JsonIn in(d);
  auto tags = in.OptStringArray("tags", 3, 4);
  BOOST_REQUIRE(tags.has_value());
  BOOST_TEST(tags->size() == 2u);
  BOOST_TEST((*tags)[0] == "红色");
  BOOST_TEST(!in.OptStringArray("long", 3, 4).has_value());
  BOOST_TEST(!in.OptStringArray("mixed", 3, 4).has_value());
  BOOST_TEST(!in.OptStringArray("many", 2, 4).has_value());
  auto errs = Errors(in);
  BOOST_TEST(errs.size() == 3u);
  BOOST_TEST(errs["long"] == "each item must be a string of 1..4");
  BOOST_TEST(errs["mixed"] == "each item must be a string of 1..4");
  BOOST_TEST(errs["many"] == "at most 2 items");
}

BOOST_AUTO_TEST_CASE(finish_throws_4004_with_every_bad_field) {
  auto d = Parse(R"({"nickname":"","gender":"x","birthday":5,"vip":1,"zz":0})");
  JsonIn in(d);
  in.AllowOnly({"nickname", "gender", "birthday", "vip"});
  in.OptString("nickname", 1, 32);
  in.OptInt("gender", 0, 2);
  in.OptString("birthday", 10, 10);
  in.OptBool("vip");
  in.ReqInt("age", 0, 200);
  BOOST_TEST(!in.ok());
  try {
    in.Finish();
    BOOST_FAIL("Finish did not throw");
  } catch (const rz::ApiError& e) {
    BOOST_TEST(static_cast<int>(e.code()) == 4004);
    BOOST_TEST(e.type() == "bad_request");
    const auto& f = e.fields();
    BOOST_TEST(f.size() == 6u);
    BOOST_TEST(f.at("nickname") == "length must be 1..32");
    BOOST_TEST(f.at("gender") == "must be an integer");
    BOOST_TEST(f.at("birthday") == "must be a string");
    BOOST_TEST(f.at("vip") == "must be a boolean");
    BOOST_TEST(f.at("age") == "required");
    BOOST_TEST(f.at("zz") == "unknown field");
    BOOST_TEST(e.detail().find("gender: must be an integer") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(first_error_per_field_wins) {
  auto d = Parse(R"({"a":"x"})");
  JsonIn in(d);
  in.OptInt("a", 0, 1);
  in.Fail("a", "something else");
  BOOST_TEST(ErrorFor(in, "a") == "must be an integer");
}

BOOST_AUTO_TEST_CASE(non_object_body_rejected) {
  for (const char* text : {"[1,2]", "\"str\"", "5", "null", "true"}) {
    BOOST_TEST_INFO("body " << text);
    auto d = Parse(text);
    JsonIn in(d);
    BOOST_TEST(!in.ok());
    BOOST_TEST(!in.Has("x"));
    BOOST_TEST(!in.OptString("x", 0, 5).has_value());
    in.AllowOnly({"x"});
    auto errs = Errors(in);
    BOOST_TEST(errs.size() == 1u);
    BOOST_TEST(errs["body"] == "must be a JSON object");
  }
}

BOOST_AUTO_TEST_CASE(nested_object_and_array) {
  auto d = Parse(R"({"o":{"k":1},"a":[1],"bad_o":[],"bad_a":{}})");
  JsonIn in(d);
  const auto* o = in.OptObject("o");
  BOOST_REQUIRE(o != nullptr);
  BOOST_TEST((*o)["k"].GetInt() == 1);
  BOOST_TEST(in.OptArray("a") != nullptr);
  BOOST_TEST(in.OptObject("missing") == nullptr);
  BOOST_TEST(in.OptObject("bad_o") == nullptr);
  BOOST_TEST(in.OptArray("bad_a") == nullptr);
  auto errs = Errors(in);
  BOOST_TEST(errs.size() == 2u);
  BOOST_TEST(errs["bad_o"] == "must be an object");
  BOOST_TEST(errs["bad_a"] == "must be an array");
}
