// Tests for the Router: literal/parameter precedence, 404 vs 405, Duplicates().
#define BOOST_TEST_MODULE router
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "http/router.h"

using rz::Request;
using rz::Response;
using rz::Router;

namespace {

void Noop(Request&, Response&) {}

Router Catalog() {
  Router r;
  r.Add("GET", "/api/v1/products/{id}", Noop);                              // 0
  r.Add("GET", "/api/v1/products/search", Noop);                            // 1
  r.Add("GET", "/api/v1/products", Noop);                                   // 2
  r.Add("POST", "/api/v1/products", Noop);                                  // 3
  r.Add("PUT", "/api/v1/products/{id}", Noop);                              // 4
  r.Add("DELETE", "/api/v1/products/{id}", Noop);                           // 5
  r.Add("GET", "/api/v1/products/{id}/reviews/{review_id}", Noop);          // 6
  r.Add("POST", "/api/v1/products/{id}/favorite", Noop, rz::Realm::kUser);  // 7
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(split_path) {
  BOOST_TEST((rz::SplitPath("/a/b/") == std::vector<std::string>{"a", "b"}));
  BOOST_TEST((rz::SplitPath("//a//b") == std::vector<std::string>{"a", "b"}));
  BOOST_TEST(rz::SplitPath("/").empty());
  BOOST_TEST(rz::SplitPath("").empty());
}

BOOST_AUTO_TEST_CASE(literal_beats_param_regardless_of_order) {
  Router r = Catalog();
  auto res = r.Find("GET", "/api/v1/products/search");
  BOOST_TEST((res.match == Router::Match::kFound));
  BOOST_TEST(res.index == 1u);
  BOOST_TEST(res.route->pattern == "/api/v1/products/search");
  BOOST_TEST(res.params.empty());

  Router r2;  // literal registered first this time
  r2.Add("GET", "/x/search", Noop);
  r2.Add("GET", "/x/{id}", Noop);
  auto res2 = r2.Find("GET", "/x/search");
  BOOST_TEST(res2.index == 0u);
  BOOST_TEST(r2.Find("GET", "/x/5").index == 1u);
}

BOOST_AUTO_TEST_CASE(param_route_matches_other_values) {
  Router r = Catalog();
  auto res = r.Find("GET", "/api/v1/products/42");
  BOOST_TEST((res.match == Router::Match::kFound));
  BOOST_TEST(res.index == 0u);
  BOOST_TEST(res.params.size() == 1u);
  BOOST_TEST(res.params["id"] == "42");
}

BOOST_AUTO_TEST_CASE(multiple_params_extracted) {
  Router r = Catalog();
  auto res = r.Find("GET", "/api/v1/products/7/reviews/abc");
  BOOST_TEST((res.match == Router::Match::kFound));
  BOOST_TEST(res.index == 6u);
  BOOST_TEST(res.params.size() == 2u);
  BOOST_TEST(res.params["id"] == "7");
  BOOST_TEST(res.params["review_id"] == "abc");
}

BOOST_AUTO_TEST_CASE(route_carries_realm) {
  Router r = Catalog();
  auto res = r.Find("POST", "/api/v1/products/9/favorite");
  BOOST_TEST((res.match == Router::Match::kFound));
  BOOST_TEST((res.route->realm == rz::Realm::kUser));
  BOOST_TEST(res.params["id"] == "9");
}

BOOST_AUTO_TEST_CASE(unknown_path_is_not_found) {
  Router r = Catalog();
  for (const char* p : {"/api/v1/nothing", "/api/v1/products/1/2", "/api/v1", "/",
                        "/api/v1/products/7/reviews", "/api/v1/Products"}) {
    BOOST_TEST_INFO(p);
    auto res = r.Find("GET", p);
    BOOST_TEST((res.match == Router::Match::kNotFound));
    BOOST_TEST(res.route == nullptr);
    BOOST_TEST(res.allow.empty());
  }
}

BOOST_AUTO_TEST_CASE(wrong_method_lists_allowed_methods) {
  Router r = Catalog();
  auto res = r.Find("PATCH", "/api/v1/products/5");
  BOOST_TEST((res.match == Router::Match::kWrongMethod));
  BOOST_TEST(res.route == nullptr);
  BOOST_TEST(res.allow == "GET, PUT, DELETE");

  auto res2 = r.Find("DELETE", "/api/v1/products");
  BOOST_TEST((res2.match == Router::Match::kWrongMethod));
  BOOST_TEST(res2.allow == "GET, POST");
}

BOOST_AUTO_TEST_CASE(wrong_method_on_literal_path_includes_param_routes) {
  Router r = Catalog();
  // /products/search exists for GET; PUT/DELETE match /products/{id}, so POST is 405.
  auto res = r.Find("POST", "/api/v1/products/search");
  BOOST_TEST((res.match == Router::Match::kWrongMethod));
  BOOST_TEST(res.allow == "GET, PUT, DELETE");
  // PUT on the literal path falls through to the {id} route.
  auto put = r.Find("PUT", "/api/v1/products/search");
  BOOST_TEST((put.match == Router::Match::kFound));
  BOOST_TEST(put.index == 4u);
  BOOST_TEST(put.params["id"] == "search");
}

BOOST_AUTO_TEST_CASE(method_is_case_sensitive) {
  Router r = Catalog();
  auto res = r.Find("get", "/api/v1/products");
  BOOST_TEST((res.match == Router::Match::kWrongMethod));
}

BOOST_AUTO_TEST_CASE(trailing_and_double_slashes_ignored) {
  Router r = Catalog();
  auto a = r.Find("GET", "/api/v1/products/");
  BOOST_TEST((a.match == Router::Match::kFound));
  BOOST_TEST(a.index == 2u);
  auto b = r.Find("GET", "/api/v1/products/42/");
  BOOST_TEST((b.match == Router::Match::kFound));
  BOOST_TEST(b.params["id"] == "42");
  auto c = r.Find("GET", "//api/v1//products");
  BOOST_TEST(c.index == 2u);
}

BOOST_AUTO_TEST_CASE(no_duplicates_in_distinct_table) {
  Router r = Catalog();
  BOOST_TEST(r.Duplicates().empty());
}

BOOST_AUTO_TEST_CASE(duplicates_same_method_and_shape) {
  Router r;
  r.Add("GET", "/a/{id}", Noop);
  r.Add("GET", "/a/{key}", Noop);   // same shape as /a/{id}
  r.Add("POST", "/a/{key}", Noop);  // other method: fine
  r.Add("GET", "/a/b", Noop);       // literal: fine
  r.Add("GET", "/a/b/", Noop);      // same as /a/b after splitting
  r.Add("GET", "/a/{x}/c", Noop);
  auto d = r.Duplicates();
  BOOST_TEST(d.size() == 2u);
  BOOST_TEST((d == std::vector<std::string>{"GET /a/{key}", "GET /a/b/"}));
}

BOOST_AUTO_TEST_CASE(add_route_struct_keeps_fields) {
  Router r;
  rz::Route route;
  route.method = "POST";
  route.pattern = "/api/admin/v1/products";
  route.handler = Noop;
  route.realm = rz::Realm::kAdmin;
  route.permission = "product:write";
  route.body_limit = 4096;
  r.Add(route);
  auto res = r.Find("POST", "/api/admin/v1/products");
  BOOST_REQUIRE((res.match == Router::Match::kFound));
  BOOST_TEST(res.route->permission == "product:write");
  BOOST_TEST(res.route->body_limit == 4096u);
  BOOST_TEST(r.routes().size() == 1u);
}
