// Tests for the Dispatcher pipeline: routing errors, body limits, JSON parsing,
// authentication and permissions, error envelopes, built-in _health/_metrics.
#define BOOST_TEST_MODULE dispatcher
#include <boost/test/unit_test.hpp>

#include "tests/unit/iso_shape.h"

#include <rapidjson/document.h>

#include <cctype>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/error.h"
#include "core/json_in.h"
#include "core/json_out.h"
#include "http/dispatcher.h"

using rz::Realm;
using rz::Request;
using rz::Response;

namespace {

// "good" -> user 7; "disabled" -> 4002; anything else -> 4001. Only "p:ok" is granted.
class TestAuth : public rz::Authenticator {
 public:
  rz::Principal Authenticate(const std::string& token, Realm realm) override {
    last_realm = realm;
    if (token == "good") {
      rz::Principal p;
      p.id = 7;
      p.jti = "jti-7";
      return p;
    }
    if (token == "disabled") throw rz::Forbidden("account disabled");
    throw rz::Unauthorized("bad token");
  }
  bool HasPermission(const rz::Principal& p, const std::string& permission) override {
    return p.id == 7 && permission == "p:ok";
  }
  Realm last_realm = Realm::kPublic;
};

// Shared state the handlers record into.
struct Calls {
  int admin_denied = 0;
  int admin_ok = 0;
  int boom = 0;
};

void DataId(Response& res, int64_t id) {
  rz::JsonOut j;
  j.StartObject().Key("id").Int(id).EndObject();
  res.Ok(j);
}

struct Fixture {
  std::shared_ptr<Calls> calls = std::make_shared<Calls>();
  std::shared_ptr<TestAuth> auth = std::make_shared<TestAuth>();
  std::unique_ptr<rz::Dispatcher> d;
  bool mysql_up = true;

  Fixture() {
    auto c = calls;
    rz::Router r;
    r.Add("GET", "/api/v1/things/{id}", [](Request& q, Response& s) { DataId(s, q.PathId()); });
    r.Add(
        "PUT", "/api/v1/things/{id}",
        [c](Request& q, Response& s) {
          c->admin_ok++;
          DataId(s, q.PathId());
        },
        Realm::kAdmin, "p:ok");
    r.Add(
        "DELETE", "/api/v1/things/{id}",
        [c](Request&, Response& s) {
          c->admin_denied++;
          s.OkEmpty();
        },
        Realm::kAdmin, "p:missing");
    r.Add("POST", "/api/v1/things", [](Request& q, Response& s) {
      rz::JsonIn in(q.json);
      in.AllowOnly({"name"});
      std::string name = in.ReqString("name", 1, 10);
      in.Finish();
      rz::JsonOut j;
      j.StartObject().Key("name").String(name).EndObject();
      s.Created(j);
    });
    r.Add(
        "GET", "/api/v1/things/me", [](Request& q, Response& s) { DataId(s, q.principal.id); },
        Realm::kUser);
    r.Add(
        "GET", "/api/v1/things/feed", [](Request& q, Response& s) { DataId(s, q.principal.id); },
        Realm::kOptionalUser);
    r.Add(
        "POST", "/api/v1/things/{id}/buy",
        [](Request&, Response&) { throw rz::Conflict("out_of_stock", "only 0 left"); },
        Realm::kUser);
    r.Add("GET", "/api/v1/things/boom", [c](Request&, Response&) {
      c->boom++;
      throw std::runtime_error("secret detail");
    });
    r.Add("GET", "/api/v1/things/unavailable",
          [](Request&, Response&) { throw rz::Unavailable("redis down"); });
    r.Add("GET", "/api/v1/things/limited", [](Request&, Response&) {
      throw rz::ApiError(rz::ErrorCode::kRateLimited, "slow down");
    });
    rz::Route small;
    small.method = "POST";
    small.pattern = "/api/v1/things/small";
    small.handler = [](Request&, Response& s) { s.OkEmpty(); };
    small.body_limit = 10;
    r.Add(small);

    rz::DispatcherOptions o;
    o.area = "things";
    o.version = "1.2.3";
    o.max_body = 64;
    o.access_log = false;
    o.health = [this](bool* mysql, bool* redis) {
      *mysql = mysql_up;
      *redis = true;
    };
    d = std::make_unique<rz::Dispatcher>(std::move(r), auth, o);
  }

  Response Call(const std::string& method, const std::string& path, const std::string& body = "",
                const std::string& auth_header = "", long declared = -1) {
    Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    req.authorization = auth_header;
    req.content_type = "application/json";
    req.request_id = "req-1";
    Response res;
    d->Handle(req, res, declared < 0 ? body.size() : static_cast<size_t>(declared));
    return res;
  }
};

rapidjson::Document Json(const Response& res) {
  rapidjson::Document doc;
  doc.Parse(res.body.c_str());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError() && doc.IsObject(),
                        "body is a JSON object: " << res.body);
  return doc;
}

std::string Header(const Response& res, const std::string& name) {
  for (const auto& [k, v] : res.headers) {
    if (k == name) return v;
  }
  return "<absent>";
}

using rz::test::IsIsoShape;

bool IsIsoTimestamp(const rapidjson::Value& v) { return v.IsString() && IsIsoShape(v.GetString()); }

// Checks the error envelope and returns it for further assertions.
rapidjson::Document ExpectError(const Response& res, int http, int code, const std::string& type) {
  BOOST_TEST(res.status == http);
  BOOST_TEST(res.api_code == code);
  rapidjson::Document doc = Json(res);
  BOOST_TEST(doc["code"].GetInt() == code);
  BOOST_TEST(doc["message"].GetString() ==
             std::string(rz::MessageFor(static_cast<rz::ErrorCode>(code))));
  BOOST_REQUIRE(doc.HasMember("error"));
  BOOST_TEST(doc["error"]["type"].GetString() == type);
  BOOST_TEST(doc["error"]["detail"].IsString());
  BOOST_TEST(!doc.HasMember("data"));
  BOOST_TEST(IsIsoTimestamp(doc["timestamp"]));
  return doc;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(dispatcher, Fixture)

BOOST_AUTO_TEST_CASE(success_envelope_shape) {
  Response res = Call("GET", "/api/v1/things/42");
  BOOST_TEST(res.status == 200);
  BOOST_TEST(res.api_code == 0);
  BOOST_TEST(res.content_type == "application/json; charset=utf-8");
  auto doc = Json(res);
  BOOST_TEST(doc.MemberCount() == 4u);
  BOOST_TEST(doc["code"].GetInt() == 0);
  BOOST_TEST(doc["message"].GetString() == std::string("success"));
  BOOST_TEST(doc["data"]["id"].GetInt64() == 42);
  BOOST_TEST(IsIsoTimestamp(doc["timestamp"]));
  BOOST_TEST(!doc.HasMember("error"));
}

BOOST_AUTO_TEST_CASE(literal_route_wins_over_param) {
  Response res = Call("GET", "/api/v1/things/me", "", "Bearer good");
  BOOST_TEST(res.status == 200);
  BOOST_TEST(Json(res)["data"]["id"].GetInt64() == 7);
}

BOOST_AUTO_TEST_CASE(unknown_path_is_404_4003) {
  Response res = Call("GET", "/api/v1/nothing/here");
  auto doc = ExpectError(res, 404, 4003, "not_found");
  BOOST_TEST(doc["error"]["detail"].GetString() == std::string("no such endpoint"));
}

BOOST_AUTO_TEST_CASE(bad_path_id_is_404_4003) {
  ExpectError(Call("GET", "/api/v1/things/abc"), 404, 4003, "not_found");
  ExpectError(Call("GET", "/api/v1/things/-3"), 404, 4003, "not_found");
}

BOOST_AUTO_TEST_CASE(wrong_method_is_405_with_allow) {
  Response res = Call("PATCH", "/api/v1/things/5");
  auto doc = ExpectError(res, 405, 4004, "method_not_allowed");
  BOOST_TEST(Header(res, "Allow") == "GET, PUT, DELETE");
  BOOST_TEST(std::string(doc["error"]["detail"].GetString()).find("GET, PUT, DELETE") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(post_json_body_parsed) {
  Response res = Call("POST", "/api/v1/things", R"({"name":"中文"})");
  BOOST_TEST(res.status == 201);
  auto doc = Json(res);
  BOOST_TEST(doc["code"].GetInt() == 0);
  BOOST_TEST(doc["data"]["name"].GetString() == std::string("中文"));
}

BOOST_AUTO_TEST_CASE(malformed_json_is_4004_with_body_field) {
  Response res = Call("POST", "/api/v1/things", R"({"name":)");
  auto doc = ExpectError(res, 400, 4004, "bad_request");
  BOOST_REQUIRE(doc["error"].HasMember("fields"));
  BOOST_TEST(doc["error"]["fields"]["body"].GetString() == std::string("malformed JSON"));
  BOOST_TEST(doc["error"]["fields"].MemberCount() == 1u);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_json_is_4004) {
  Response res = Call("POST", "/api/v1/things", "{\"name\":\"a\xFF\"}");
  auto doc = ExpectError(res, 400, 4004, "bad_request");
  BOOST_TEST(doc["error"]["fields"]["body"].GetString() == std::string("malformed JSON"));
}

BOOST_AUTO_TEST_CASE(non_object_json_is_4004_via_json_in) {
  Response res = Call("POST", "/api/v1/things", "[1,2]");
  auto doc = ExpectError(res, 400, 4004, "bad_request");
  BOOST_TEST(doc["error"]["fields"]["body"].GetString() == std::string("must be a JSON object"));
}

BOOST_AUTO_TEST_CASE(validation_errors_list_fields) {
  Response res = Call("POST", "/api/v1/things", R"({"name":"","color":"red"})");
  auto doc = ExpectError(res, 400, 4004, "bad_request");
  const auto& f = doc["error"]["fields"];
  BOOST_TEST(f.MemberCount() == 2u);
  BOOST_TEST(f["name"].GetString() == std::string("length must be 1..10"));
  BOOST_TEST(f["color"].GetString() == std::string("unknown field"));
}

BOOST_AUTO_TEST_CASE(empty_post_body_is_empty_object) {
  Response res = Call("POST", "/api/v1/things", "");
  auto doc = ExpectError(res, 400, 4004, "bad_request");
  BOOST_TEST(doc["error"]["fields"]["name"].GetString() == std::string("required"));
  BOOST_TEST(!doc["error"]["fields"].HasMember("body"));
}

BOOST_AUTO_TEST_CASE(body_over_max_is_413_4007) {
  std::string body = R"({"name":")" + std::string(60, 'a') + R"("})";
  BOOST_REQUIRE(body.size() > 64u);
  ExpectError(Call("POST", "/api/v1/things", body), 413, 4007, "payload_too_large");
}

BOOST_AUTO_TEST_CASE(declared_length_over_max_is_413) {
  // The server reads at most max_body+1 bytes; the declared length alone decides.
  ExpectError(Call("POST", "/api/v1/things", R"({"name":"a"})", "", 100000), 413, 4007,
              "payload_too_large");
}

BOOST_AUTO_TEST_CASE(body_exactly_max_is_accepted) {
  std::string body = R"({"name":"abc"})";
  body += std::string(64 - body.size(), ' ');
  BOOST_REQUIRE(body.size() == 64u);
  Response res = Call("POST", "/api/v1/things", body);
  BOOST_TEST(res.status == 201);
}

BOOST_AUTO_TEST_CASE(route_body_limit_overrides_default) {
  ExpectError(Call("POST", "/api/v1/things/small", R"({"a":12345})"), 413, 4007,
              "payload_too_large");
  BOOST_TEST(Call("POST", "/api/v1/things/small", R"({"a":1})").status == 200);
}

BOOST_AUTO_TEST_CASE(missing_token_on_user_route_is_401) {
  auto doc = ExpectError(Call("GET", "/api/v1/things/me"), 401, 4001, "unauthorized");
  BOOST_TEST(doc["error"]["detail"].GetString() == std::string("missing bearer token"));
  ExpectError(Call("GET", "/api/v1/things/me", "", "Basic Z29vZA=="), 401, 4001, "unauthorized");
}

BOOST_AUTO_TEST_CASE(bad_token_on_user_route_is_401) {
  ExpectError(Call("GET", "/api/v1/things/me", "", "Bearer nope"), 401, 4001, "unauthorized");
}

BOOST_AUTO_TEST_CASE(disabled_account_is_403) {
  auto doc =
      ExpectError(Call("GET", "/api/v1/things/me", "", "Bearer disabled"), 403, 4002, "forbidden");
  BOOST_TEST(doc["error"]["detail"].GetString() == std::string("account disabled"));
}

BOOST_AUTO_TEST_CASE(authentication_before_body_validation) {
  // Anonymous caller gets 401, not the 4004 a malformed body would produce.
  ExpectError(Call("POST", "/api/v1/things/5/buy", "{not json"), 401, 4001, "unauthorized");
}

BOOST_AUTO_TEST_CASE(optional_auth_without_token_runs_anonymous) {
  Response res = Call("GET", "/api/v1/things/feed");
  BOOST_TEST(res.status == 200);
  BOOST_TEST(Json(res)["data"]["id"].GetInt64() == 0);
}

BOOST_AUTO_TEST_CASE(optional_auth_with_token_runs_as_user) {
  Response res = Call("GET", "/api/v1/things/feed", "", "Bearer good");
  BOOST_TEST(res.status == 200);
  BOOST_TEST(Json(res)["data"]["id"].GetInt64() == 7);
  BOOST_TEST((auth->last_realm == Realm::kOptionalUser));
}

BOOST_AUTO_TEST_CASE(optional_auth_with_bad_token_is_401) {
  ExpectError(Call("GET", "/api/v1/things/feed", "", "Bearer nope"), 401, 4001, "unauthorized");
}

BOOST_AUTO_TEST_CASE(admin_without_permission_is_403_before_handler) {
  Response res = Call("DELETE", "/api/v1/things/5", "", "Bearer good");
  auto doc = ExpectError(res, 403, 4002, "forbidden");
  BOOST_TEST(doc["error"]["detail"].GetString() == std::string("missing permission p:missing"));
  BOOST_TEST(calls->admin_denied == 0);
  BOOST_TEST((auth->last_realm == Realm::kAdmin));
}

BOOST_AUTO_TEST_CASE(admin_without_token_is_401_before_handler) {
  ExpectError(Call("DELETE", "/api/v1/things/5"), 401, 4001, "unauthorized");
  ExpectError(Call("PUT", "/api/v1/things/5", "{}"), 401, 4001, "unauthorized");
  BOOST_TEST(calls->admin_denied == 0);
  BOOST_TEST(calls->admin_ok == 0);
}

BOOST_AUTO_TEST_CASE(admin_with_permission_runs_handler) {
  Response res = Call("PUT", "/api/v1/things/5", "{}", "Bearer good");
  BOOST_TEST(res.status == 200);
  BOOST_TEST(calls->admin_ok == 1);
  BOOST_TEST(Json(res)["data"]["id"].GetInt64() == 5);
}

BOOST_AUTO_TEST_CASE(conflict_is_409_with_type) {
  Response res = Call("POST", "/api/v1/things/5/buy", "{}", "Bearer good");
  auto doc = ExpectError(res, 409, 4005, "out_of_stock");
  BOOST_TEST(doc["error"]["detail"].GetString() == std::string("only 0 left"));
  BOOST_TEST(!doc["error"].HasMember("fields"));
}

BOOST_AUTO_TEST_CASE(unexpected_exception_is_500_without_details) {
  Response res = Call("GET", "/api/v1/things/boom");
  BOOST_TEST(calls->boom == 1);
  auto doc = ExpectError(res, 500, 5001, "internal");
  BOOST_TEST(res.body.find("secret detail") == std::string::npos);
  BOOST_TEST(res.body.find("secret") == std::string::npos);
  BOOST_TEST(doc["error"]["detail"].GetString() == std::string("internal error"));
}

BOOST_AUTO_TEST_CASE(unavailable_is_503_and_counted) {
  ExpectError(Call("GET", "/api/v1/things/unavailable"), 503, 5002, "unavailable");
  std::string m = d->metrics().Render();
  BOOST_TEST(m.find("ruizhu_dependency_errors_total{area=\"things\",dependency=\"mysql\"} 1\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(rate_limited_is_429_with_retry_after) {
  Response res = Call("GET", "/api/v1/things/limited");
  ExpectError(res, 429, 4006, "rate_limited");
  BOOST_TEST(Header(res, "Retry-After") == "1");
}

BOOST_AUTO_TEST_CASE(health_ok) {
  Response res = Call("GET", "/api/v1/things/_health");
  BOOST_TEST(res.status == 200);
  auto doc = Json(res);
  BOOST_TEST(doc["code"].GetInt() == 0);
  BOOST_TEST(doc["data"]["status"].GetString() == std::string("ok"));
  BOOST_TEST(doc["data"]["mysql"].GetBool() == true);
  BOOST_TEST(doc["data"]["redis"].GetBool() == true);
  BOOST_TEST(doc["data"]["version"].GetString() == std::string("1.2.3"));
  BOOST_TEST(IsIsoTimestamp(doc["timestamp"]));
}

BOOST_AUTO_TEST_CASE(health_degraded_is_503) {
  mysql_up = false;
  Response res = Call("GET", "/api/v1/things/_health");
  BOOST_TEST(res.status == 503);
  auto doc = Json(res);
  BOOST_TEST(doc["data"]["status"].GetString() == std::string("degraded"));
  BOOST_TEST(doc["data"]["mysql"].GetBool() == false);
}

BOOST_AUTO_TEST_CASE(health_only_for_get) {
  // Not the built-in: falls through to the route table, where /things/{id} has no POST.
  Response res = Call("POST", "/api/v1/things/_health", "{}");
  ExpectError(res, 405, 4004, "method_not_allowed");
}

BOOST_AUTO_TEST_CASE(metrics_builtin) {
  Call("GET", "/api/v1/things/42");
  Call("GET", "/api/v1/things/43");
  Call("GET", "/api/v1/things/boom");
  Call("GET", "/api/v1/nowhere");
  Response res = Call("GET", "/api/v1/things/_metrics");
  BOOST_TEST(res.status == 200);
  BOOST_TEST(res.content_type == "text/plain; version=0.0.4");
  const std::string& m = res.body;
  BOOST_TEST(m.find("ruizhu_requests_total{area=\"things\",route=\"GET "
                    "/api/v1/things/{id}\",status=\"2xx\"} 2\n") != std::string::npos);
  BOOST_TEST(m.find("ruizhu_requests_total{area=\"things\",route=\"GET "
                    "/api/v1/things/boom\",status=\"5xx\"} 1\n") != std::string::npos);
  BOOST_TEST(
      m.find("ruizhu_requests_total{area=\"things\",route=\"unmatched\",status=\"4xx\"} 1\n") !=
      std::string::npos);
  BOOST_TEST(m.find("ruizhu_request_duration_ms_count{area=\"things\",route=\"GET "
                    "/api/v1/things/{id}\"} 2\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(admin_area_builtin_paths) {
  rz::DispatcherOptions o;
  o.area = "admin-products";
  o.access_log = false;
  o.health = [](bool* mysql, bool* redis) { *mysql = *redis = true; };
  rz::Dispatcher admin(rz::Router(), nullptr, o);
  Request req;
  req.method = "GET";
  req.path = "/api/admin/v1/products/_health";
  Response res;
  admin.Handle(req, res, 0);
  BOOST_TEST(res.status == 200);
  Request req2;
  req2.method = "GET";
  // nginx's probe path of admin workers (/api/v1/admin-<module>/...) answers too.
  req2.path = "/api/v1/admin-products/_health";
  Response res2;
  admin.Handle(req2, res2, 0);
  BOOST_TEST(res2.status == 200);
  Request req4;
  req4.method = "GET";
  req4.path = "/api/v1/products/_health";  // not this area's
  Response res4;
  admin.Handle(req4, res4, 0);
  BOOST_TEST(res4.status == 404);
  Request req3;
  req3.method = "POST";
  req3.path = "/api/admin/v1/products/_health";
  Response res3;
  admin.Handle(req3, res3, 0);
  BOOST_TEST(res3.status == 404);
  BOOST_TEST(res3.api_code == 4003);
}

BOOST_AUTO_TEST_SUITE_END()
