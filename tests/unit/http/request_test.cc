// Tests for request helpers: query decoding and typed accessors, paging, path ids, bearer token.
#define BOOST_TEST_MODULE request
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

#include "core/error.h"
#include "http/request.h"

using rz::Paging;
using rz::Query;
using rz::Request;

namespace {

// Runs `fn`, expects an ApiError, returns "<code> <field>=<why>;..." for exact comparison.
template <typename Fn>
std::string ErrorOf(Fn fn) {
  try {
    fn();
  } catch (const rz::ApiError& e) {
    std::string out = std::to_string(static_cast<int>(e.code()));
    for (const auto& [k, v] : e.fields()) out += " " + k + "=" + v;
    return out;
  }
  return "no error";
}

Request WithParam(const std::string& name, const std::string& value) {
  Request r;
  r.params[name] = value;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(query_percent_decoding) {
  Query q("q=%E4%B8%AD%E6%96%87&x=%2B1&lower=%e4%b8%ad");
  BOOST_TEST(q.Str("q") == "中文");
  BOOST_TEST(q.Str("x") == "+1");
  BOOST_TEST(q.Str("lower") == "中");
}

BOOST_AUTO_TEST_CASE(query_plus_is_space) {
  Query q("q=red+dress&k+1=v");
  BOOST_TEST(q.Str("q") == "red dress");
  BOOST_TEST(q.Str("k 1") == "v");
}

BOOST_AUTO_TEST_CASE(query_malformed_escapes_kept_literally) {
  Query q("a=%zz&b=100%&c=%4&d=%41");
  BOOST_TEST(q.Str("a") == "%zz");
  BOOST_TEST(q.Str("b") == "100%");
  BOOST_TEST(q.Str("c") == "%4");
  BOOST_TEST(q.Str("d") == "A");
}

BOOST_AUTO_TEST_CASE(query_shape) {
  Query q("a=1&&b&c=&=x&a=2&d=x=y");
  BOOST_TEST(q.Str("a") == "1");  // first occurrence wins
  BOOST_TEST(q.Has("b"));
  BOOST_TEST(q.Str("b") == "");
  BOOST_TEST(q.Has("c"));
  BOOST_TEST(q.Str("d") == "x=y");
  BOOST_TEST(!q.Has("zzz"));
  BOOST_TEST(q.Str("zzz") == "");
  BOOST_TEST(Query("").all().empty());
}

BOOST_AUTO_TEST_CASE(query_int_values) {
  Query q("page=3&neg=-4&empty=");
  BOOST_TEST(q.Int("page", 1, 1, 100) == 3);
  BOOST_TEST(q.Int("neg", 0, -10, 10) == -4);
  BOOST_TEST(q.Int("missing", 7, 1, 100) == 7);
  BOOST_TEST(q.Int("empty", 7, 1, 100) == 7);
  BOOST_TEST(!q.OptInt("missing", 0, 1).has_value());
}

BOOST_AUTO_TEST_CASE(query_int_range_error_names_field) {
  Query q("per_page=101&page=0");
  BOOST_TEST(ErrorOf([&] { q.Int("per_page", 10, 1, 100); }) ==
             "4004 per_page=out of range (1..100)");
  BOOST_TEST(ErrorOf([&] { q.Int("page", 1, 1, 100000); }) == "4004 page=out of range (1..100000)");
}

BOOST_AUTO_TEST_CASE(query_int_junk_error_names_field) {
  for (const char* v : {"abc", "1.5", "+1", " 1", "1e3", "0x10", "-", "--1", "9999999999999999999",
                        "99999999999999999999999", "9223372036854775808"}) {
    BOOST_TEST_INFO("category_id=" << v);
    Query q(std::string("category_id=") + v);
    BOOST_TEST(ErrorOf([&] { q.OptInt("category_id", 1, INT64_MAX); }) ==
               "4004 category_id=must be an integer");
  }
}

BOOST_AUTO_TEST_CASE(query_int_extremes) {
  Query q("max=9223372036854775807&min=-9223372036854775808");
  BOOST_TEST(q.OptInt("max", INT64_MIN, INT64_MAX).value() == INT64_MAX);
  BOOST_TEST(q.OptInt("min", INT64_MIN, INT64_MAX).value() == INT64_MIN);
}

BOOST_AUTO_TEST_CASE(query_opt_bool) {
  Query q("a=1&b=0&c=true&d=false&e=yes&f=TRUE&g=");
  BOOST_TEST(q.OptBool("a").value() == true);
  BOOST_TEST(q.OptBool("b").value() == false);
  BOOST_TEST(q.OptBool("c").value() == true);
  BOOST_TEST(q.OptBool("d").value() == false);
  BOOST_TEST(!q.OptBool("g").has_value());
  BOOST_TEST(!q.OptBool("missing").has_value());
  BOOST_TEST(ErrorOf([&] { q.OptBool("e"); }) == "4004 e=must be 1/0/true/false");
  BOOST_TEST(ErrorOf([&] { q.OptBool("f"); }) == "4004 f=must be 1/0/true/false");
}

BOOST_AUTO_TEST_CASE(query_opt_str) {
  Query q("s=%E4%B8%AD%E6%96%87&e=");
  BOOST_TEST(q.OptStr("s", 6).value() == "中文");
  BOOST_TEST(!q.OptStr("e", 6).has_value());
  BOOST_TEST(ErrorOf([&] { q.OptStr("s", 5); }) == "4004 s=too long");
}

BOOST_AUTO_TEST_CASE(query_opt_money) {
  Query q("min=199.5&max=0&neg=-1&bad=1.234&junk=abc");
  BOOST_TEST(q.OptMoney("min").value() == 19950);
  BOOST_TEST(q.OptMoney("max").value() == 0);
  BOOST_TEST(!q.OptMoney("missing").has_value());
  BOOST_TEST(ErrorOf([&] { q.OptMoney("neg"); }) == "4004 neg=must be a non-negative amount");
  BOOST_TEST(ErrorOf([&] { q.OptMoney("bad"); }) == "4004 bad=must be a non-negative amount");
  BOOST_TEST(ErrorOf([&] { q.OptMoney("junk"); }) == "4004 junk=must be a non-negative amount");
}

BOOST_AUTO_TEST_CASE(paging_defaults) {
  Paging p = Paging::From(Query(""));
  BOOST_TEST(p.page == 1);
  BOOST_TEST(p.per_page == 10);
  BOOST_TEST(p.offset() == 0);
}

BOOST_AUTO_TEST_CASE(paging_values_and_offset) {
  Paging p = Paging::From(Query("page=3&per_page=20"));
  BOOST_TEST(p.page == 3);
  BOOST_TEST(p.per_page == 20);
  BOOST_TEST(p.offset() == 40);
  Paging edge = Paging::From(Query("page=1&per_page=100"));
  BOOST_TEST(edge.per_page == 100);
  Paging one = Paging::From(Query("per_page=1"));
  BOOST_TEST(one.per_page == 1);
}

BOOST_AUTO_TEST_CASE(paging_bounds_rejected) {
  BOOST_TEST(ErrorOf([] { Paging::From(Query("per_page=0")); }) ==
             "4004 per_page=out of range (1..100)");
  BOOST_TEST(ErrorOf([] { Paging::From(Query("per_page=101")); }) ==
             "4004 per_page=out of range (1..100)");
  BOOST_TEST(ErrorOf([] { Paging::From(Query("page=0")); }) ==
             "4004 page=out of range (1..100000)");
  BOOST_TEST(ErrorOf([] { Paging::From(Query("page=-1")); }) ==
             "4004 page=out of range (1..100000)");
  BOOST_TEST(ErrorOf([] { Paging::From(Query("page=abc")); }) == "4004 page=must be an integer");
  BOOST_TEST(ErrorOf([] { Paging::From(Query("per_page=abc")); }) ==
             "4004 per_page=must be an integer");
}

BOOST_AUTO_TEST_CASE(path_id_valid) {
  BOOST_TEST(WithParam("id", "42").PathId() == 42);
  BOOST_TEST(WithParam("order_id", "7").PathId("order_id") == 7);
  BOOST_TEST(WithParam("id", "9223372036854775807").PathId() == INT64_MAX);
}

BOOST_AUTO_TEST_CASE(path_id_invalid_is_not_found) {
  for (const char* v :
       {"abc", "-1", "0", "1.5", "+1", "1a", "", "9223372036854775808", "99999999999999999999"}) {
    BOOST_TEST_INFO("id=" << v);
    Request r = WithParam("id", v);
    BOOST_TEST(ErrorOf([&] { r.PathId(); }) == "4003");
  }
  Request none;
  BOOST_TEST(ErrorOf([&] { none.PathId(); }) == "4003");
}

BOOST_AUTO_TEST_CASE(path_param) {
  Request r = WithParam("slug", "about-us");
  BOOST_TEST(r.PathParam("slug") == "about-us");
  BOOST_TEST(r.PathParam("missing") == "");
}

BOOST_AUTO_TEST_CASE(bearer_token) {
  Request r;
  BOOST_TEST(r.BearerToken() == "");
  r.authorization = "Bearer abc.def.ghi";
  BOOST_TEST(r.BearerToken() == "abc.def.ghi");
  r.authorization = "Bearer ";
  BOOST_TEST(r.BearerToken() == "");
  r.authorization = "Basic dXNlcjpwYXNz";
  BOOST_TEST(r.BearerToken() == "");
  r.authorization = "Bearerabc";
  BOOST_TEST(r.BearerToken() == "");
  r.authorization = "abc";
  BOOST_TEST(r.BearerToken() == "");
}

BOOST_AUTO_TEST_CASE(authenticated_flag) {
  Request r;
  BOOST_TEST(!r.authenticated());
  r.principal.id = 7;
  BOOST_TEST(r.authenticated());
}
