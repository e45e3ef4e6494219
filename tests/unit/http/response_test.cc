// Tests for envelope rendering (Response) and the ApiError code tables.
#define BOOST_TEST_MODULE response
#include <boost/test/unit_test.hpp>

#include "tests/unit/iso_shape.h"

#include <rapidjson/document.h>

#include <cctype>
#include <string>

#include "core/error.h"
#include "core/json_out.h"
#include "http/response.h"

using rz::ApiError;
using rz::ErrorCode;
using rz::Response;

namespace {

rapidjson::Document Json(const std::string& body) {
  rapidjson::Document d;
  d.Parse(body.c_str());
  BOOST_REQUIRE_MESSAGE(!d.HasParseError() && d.IsObject(), "valid JSON object: " << body);
  return d;
}

using rz::test::IsIsoShape;

}  // namespace

BOOST_AUTO_TEST_CASE(http_status_for_each_code) {
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kUnauthorized) == 401);
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kForbidden) == 403);
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kNotFound) == 404);
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kBadRequest) == 400);
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kConflict) == 409);
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kRateLimited) == 429);
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kPayloadTooLarge) == 413);
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kInternal) == 500);
  BOOST_TEST(rz::HttpStatusFor(ErrorCode::kUnavailable) == 503);
}

BOOST_AUTO_TEST_CASE(error_helpers) {
  ApiError bad = rz::BadRequest("per_page", "out of range");
  BOOST_TEST(static_cast<int>(bad.code()) == 4004);
  BOOST_TEST(bad.type() == "bad_request");
  BOOST_TEST(bad.detail() == "per_page: out of range");
  BOOST_TEST(bad.fields().at("per_page") == "out of range");
  ApiError multi = rz::BadRequestFields({{"b", "y"}, {"a", "x"}});
  BOOST_TEST(multi.detail() == "a: x; b: y");
  ApiError c = rz::Conflict("out_of_stock", "sold out");
  BOOST_TEST(static_cast<int>(c.code()) == 4005);
  BOOST_TEST(c.type() == "out_of_stock");
  BOOST_TEST(std::string(c.what()) == "sold out");
  BOOST_TEST(rz::NotFound().type() == "not_found");
  BOOST_TEST(rz::Unauthorized().type() == "unauthorized");
  BOOST_TEST(rz::Forbidden().type() == "forbidden");
  BOOST_TEST(rz::Unavailable("x").type() == "unavailable");
}

BOOST_AUTO_TEST_CASE(ok_envelope) {
  Response r;
  rz::JsonOut j;
  j.StartObject().Key("price").Money(1790050).Key("name").String("旗袍").EndObject();
  r.Ok(j);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.api_code == 0);
  BOOST_TEST(
      r.body.rfind(
          R"({"code":0,"message":"success","data":{"price":17900.5,"name":"旗袍"},"timestamp":")",
          0) == 0u);
  auto d = Json(r.body);
  BOOST_TEST(d.MemberCount() == 4u);
  BOOST_TEST(IsIsoShape(d["timestamp"].GetString()));
}

BOOST_AUTO_TEST_CASE(created_and_empty) {
  Response r;
  rz::JsonOut j;
  j.StartObject().Key("id").Int(3).EndObject();
  r.Created(j);
  BOOST_TEST(r.status == 201);
  BOOST_TEST(Json(r.body)["data"]["id"].GetInt() == 3);
  Response e;
  e.OkEmpty();
  BOOST_TEST(e.status == 200);
  BOOST_TEST(Json(e.body)["data"].IsNull());
}

BOOST_AUTO_TEST_CASE(error_envelope_with_fields) {
  Response r;
  r.Error(rz::BadRequestFields({{"per_page", "out of range"}, {"page", "must be an integer"}}));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.api_code == 4004);
  auto d = Json(r.body);
  BOOST_TEST(d["code"].GetInt() == 4004);
  BOOST_TEST(d["message"].GetString() == std::string("请求参数错误"));
  BOOST_TEST(d["error"]["type"].GetString() == std::string("bad_request"));
  BOOST_TEST(d["error"]["detail"].GetString() ==
             std::string("page: must be an integer; per_page: out of range"));
  BOOST_TEST(d["error"]["fields"]["per_page"].GetString() == std::string("out of range"));
  BOOST_TEST(d["error"]["fields"]["page"].GetString() == std::string("must be an integer"));
  BOOST_TEST(!d.HasMember("data"));
  BOOST_TEST(IsIsoShape(d["timestamp"].GetString()));
}

BOOST_AUTO_TEST_CASE(error_envelope_without_fields_escapes_detail) {
  Response r;
  r.Error(rz::Conflict("out_of_stock", "quote \" and \\ and\nnewline"));
  BOOST_TEST(r.status == 409);
  auto d = Json(r.body);
  BOOST_TEST(d["error"]["type"].GetString() == std::string("out_of_stock"));
  BOOST_TEST(d["error"]["detail"].GetString() == std::string("quote \" and \\ and\nnewline"));
  BOOST_TEST(!d["error"].HasMember("fields"));
}

BOOST_AUTO_TEST_CASE(error_replaces_previous_ok_body) {
  Response r;
  r.Ok(std::string("{\"x\":1}"));
  r.Error(rz::NotFound());
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.body.find("\"x\"") == std::string::npos);
}
