// Integration-test support: HTTP through nginx, SQL and Redis of the test stack.
#include "tests/integration/support/api.h"

#include <httplib.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>

#include "cache/catalog_cache.h"
#include "cache/redis.h"
#include "db/db.h"

namespace rz::test {
namespace {

std::string Env(const char* name, const char* def) {
  const char* v = std::getenv(name);
  return v && *v ? v : def;
}

const rapidjson::Value& NullValue() {
  static const rapidjson::Value v;
  return v;
}

}  // namespace

int ApiResponse::code() const {
  if (!json.IsObject() || !json.HasMember("code") || !json["code"].IsInt()) return -1;
  return json["code"].GetInt();
}

const rapidjson::Value& ApiResponse::data() const {
  if (!json.IsObject() || !json.HasMember("data")) return NullValue();
  return json["data"];
}

std::string ApiResponse::error_type() const {
  if (!json.IsObject() || !json.HasMember("error") || !json["error"].IsObject()) return "";
  const auto& e = json["error"];
  return e.HasMember("type") && e["type"].IsString() ? e["type"].GetString() : "";
}

bool ApiResponse::has_field_error(const std::string& field) const {
  if (!json.IsObject() || !json.HasMember("error") || !json["error"].IsObject()) return false;
  const auto& e = json["error"];
  return e.HasMember("fields") && e["fields"].IsObject() && e["fields"].HasMember(field.c_str());
}

std::string ApiResponse::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string BaseUrl() { return Env("RZ_BASE_URL", "http://127.0.0.1:28080"); }

ApiResponse Call(const std::string& method, const std::string& path, const std::string& body,
                 const std::string& bearer, const std::map<std::string, std::string>& extra) {
  httplib::Client cli(BaseUrl());
  cli.set_connection_timeout(5, 0);
  cli.set_read_timeout(30, 0);
  httplib::Headers h;
  if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
  for (const auto& [k, v] : extra) h.emplace(k, v);
  httplib::Result r(nullptr, httplib::Error::Unknown);
  const char* ct = "application/json";
  if (method == "GET")
    r = cli.Get(path, h);
  else if (method == "POST")
    r = cli.Post(path, h, body, ct);
  else if (method == "PUT")
    r = cli.Put(path, h, body, ct);
  else if (method == "DELETE")
    r = body.empty() ? cli.Delete(path, h) : cli.Delete(path, h, body, ct);
  else if (method == "PATCH")
    r = cli.Patch(path, h, body, ct);
  ApiResponse out;
  if (!r) return out;
  out.status = r->status;
  out.body = r->body;
  for (const auto& [k, v] : r->headers) {
    std::string lk = k;
    for (auto& c : lk) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[lk] = v;
  }
  out.json.Parse(out.body.c_str());
  if (out.json.HasParseError()) out.json.SetNull();
  return out;
}

std::string UniqueCode(const std::string& suffix) {
  static std::atomic<int> n{0};
  return "t-" + std::to_string(getpid()) + "-" + std::to_string(++n) + "-" +
         std::to_string(std::rand() % 100000) + (suffix.empty() ? "" : "-" + suffix);
}

ApiResponse PostWaitingForRateLimit(const std::string& path, const std::string& body) {
  ApiResponse r = Post(path, body);
  for (int wait = 0; r.status == 429 && wait < 20; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    r = Post(path, body);
  }
  return r;
}

Session Login(const std::string& code) {
  ApiResponse r =
      PostWaitingForRateLimit("/api/v1/auth/wechat/login", "{\"code\":\"" + code + "\"}");
  BOOST_REQUIRE_MESSAGE(r.status == 200,
                        "login failed: " + std::to_string(r.status) + " " + r.body);
  Session s;
  s.access_token = Str(r.data(), "access_token");
  s.refresh_token = Str(r.data(), "refresh_token");
  s.user_id = Int(r.data()["user"], "id");
  return s;
}

const Config& StackConfig() {
  static Config cfg = Config::Load(Env("RZ_CONFIG", "build/test-stack/ruizhu.conf"));
  return cfg;
}

static Db& TestDb() {
  static Db db(StackConfig());
  return db;
}

void Sql(const std::string& statement) {
  TestDb().Run([&](soci::session& s) {
    s << statement;
    return 0;
  });
}

std::string SqlScalar(const std::string& query) {
  return TestDb().Run([&](soci::session& s) {
    soci::row row;
    s << query, soci::into(row);
    if (!s.got_data() || row.size() == 0 || row.get_indicator(0) == soci::i_null)
      return std::string();
    std::ostringstream out;
    switch (row.get_properties(0).get_data_type()) {
      case soci::dt_string:
        out << row.get<std::string>(0);
        break;
      case soci::dt_integer:
        out << row.get<int>(0);
        break;
      case soci::dt_long_long:
        out << row.get<long long>(0);
        break;
      case soci::dt_unsigned_long_long:
        out << row.get<unsigned long long>(0);
        break;
      case soci::dt_double:
        out << row.get<double>(0);
        break;
      case soci::dt_date: {
        std::tm t = row.get<std::tm>(0);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &t);
        out << buf;
        break;
      }
      default:
        out << "?";
        break;
    }
    return out.str();
  });
}

static Redis& TestRedis() {
  static Redis redis(StackConfig());
  return redis;
}

void InvalidateCatalog(int64_t product_id) {
  BOOST_REQUIRE(rz::InvalidateCatalog(TestRedis(), product_id));
}

std::string RedisCli(const std::string& args) {
  Redis& redis = TestRedis();
  std::vector<std::string> argv;
  std::istringstream in(args);
  std::string a;
  while (in >> a) argv.push_back(a);
  RedisReply r = redis.Command(argv);
  if (!r.ok) return "";
  // Arrays (XRANGE, LRANGE ...) come back flattened, one element per line.
  std::function<std::string(const RedisReply&)> text = [&](const RedisReply& e) -> std::string {
    if (e.type == REDIS_REPLY_INTEGER) return std::to_string(e.integer);
    if (e.type != REDIS_REPLY_ARRAY) return e.str;
    std::string out;
    for (const RedisReply& x : e.elements) out += text(x) + "\n";
    return out;
  };
  return text(r);
}

int Stack(const std::string& subcommand) {
  std::string cmd = "scripts/stack " + subcommand + " --profile " + Env("RZ_PROFILE", "test") +
                    " >/dev/null 2>&1";
  return std::system(cmd.c_str());
}

std::string Str(const rapidjson::Value& v, const char* m) {
  if (!v.IsObject() || !v.HasMember(m) || !v[m].IsString()) return "";
  return v[m].GetString();
}

int64_t Int(const rapidjson::Value& v, const char* m) {
  if (!v.IsObject() || !v.HasMember(m) || !v[m].IsInt64()) return 0;
  return v[m].GetInt64();
}

}  // namespace rz::test
