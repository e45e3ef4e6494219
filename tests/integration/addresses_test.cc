// Integration tests of the addresses worker over HTTP through nginx: CRUD, the
// "exactly one default" rules (also under concurrent requests), the 20-address
// limit, validation, phone encryption at rest and ownership.
#define BOOST_TEST_MODULE addresses
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/integration/support/api.h"

using namespace rz::test;

namespace {

const char kAddresses[] = "/api/v1/addresses";

std::string Path(int64_t id) { return std::string(kAddresses) + "/" + std::to_string(id); }

std::string Body(const std::string& name, const std::string& extra = "") {
  return "{\"name\":\"" + name +
         "\",\"phone\":\"13800138000\",\"province\":\"上海市\",\"city\":\"上海市\","
         "\"district\":\"浦东新区\",\"detail\":\"世纪大道100号\"" +
         extra + "}";
}

// Creates an address and returns its id; fails the test on error.
int64_t Create(const Session& s, const std::string& name, const std::string& extra = "") {
  ApiResponse r = Post(kAddresses, Body(name, extra), s.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  return Int(r.data(), "id");
}

std::string Uid(const Session& s) { return std::to_string(s.user_id); }

std::string DefaultCount(const Session& s) {
  return SqlScalar("SELECT COUNT(*) FROM user_addresses WHERE is_default = 1 AND user_id = " +
                   Uid(s));
}

std::string DefaultId(const Session& s) {
  return SqlScalar("SELECT id FROM user_addresses WHERE is_default = 1 AND user_id = " + Uid(s));
}

std::string Count(const Session& s) {
  return SqlScalar("SELECT COUNT(*) FROM user_addresses WHERE user_id = " + Uid(s));
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_address_endpoint_needs_a_token) {
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"GET", kAddresses}, {"POST", kAddresses}, {"PUT", Path(1)}, {"DELETE", Path(1)}};
  for (const auto& [method, path] : calls) {
    BOOST_TEST_CONTEXT(method << " " << path) {
      ApiResponse r = Call(method, path, method == "POST" || method == "PUT" ? Body("x") : "");
      BOOST_TEST(r.status == 401);
      BOOST_TEST(r.code() == 4001);
    }
  }
}

BOOST_AUTO_TEST_CASE(create_returns_the_address_with_the_phone_in_full) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kAddresses, Body("张三"), s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 201);
  const auto& d = r.data();
  BOOST_TEST(Str(d, "name") == "张三");
  BOOST_TEST(Str(d, "phone") == "13800138000");
  BOOST_TEST(Str(d, "province") == "上海市");
  BOOST_TEST(Str(d, "city") == "上海市");
  BOOST_TEST(Str(d, "district") == "浦东新区");
  BOOST_TEST(Str(d, "detail") == "世纪大道100号");
  BOOST_TEST(d["is_default"].GetBool());
  ApiResponse listed = Get(kAddresses, s.access_token);
  const auto& items = listed.data()["items"];
  BOOST_REQUIRE_EQUAL(items.Size(), 1u);
  BOOST_TEST(Str(items[0], "phone") == "13800138000");
}

BOOST_AUTO_TEST_CASE(the_phone_is_encrypted_at_rest) {
  Session s = Login(UniqueCode());
  int64_t id = Create(s, "李四");
  std::string where = " FROM user_addresses WHERE id = " + std::to_string(id);
  std::string stored = SqlScalar("SELECT phone" + where);
  BOOST_TEST(!stored.empty());
  BOOST_TEST(stored.find("13800138000") == std::string::npos);
  BOOST_TEST(stored.find("8000") == std::string::npos);
  BOOST_TEST(SqlScalar("SELECT LENGTH(phone_hash)" + where) == "64");
}

BOOST_AUTO_TEST_CASE(the_first_address_becomes_default_whatever_it_asks) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kAddresses, Body("王五", ",\"is_default\":false"), s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 201);
  BOOST_TEST(r.data()["is_default"].GetBool());
  ApiResponse second = Post(kAddresses, Body("赵六"), s.access_token);
  BOOST_TEST(!second.data()["is_default"].GetBool());
  BOOST_TEST(DefaultId(s) == std::to_string(Int(r.data(), "id")));
}

BOOST_AUTO_TEST_CASE(creating_a_default_clears_the_previous_one) {
  Session s = Login(UniqueCode());
  int64_t first = Create(s, "甲");
  int64_t second = Create(s, "乙", ",\"is_default\":true");
  BOOST_TEST(DefaultCount(s) == "1");
  BOOST_TEST(DefaultId(s) == std::to_string(second));
  BOOST_TEST(SqlScalar("SELECT is_default FROM user_addresses WHERE id = " +
                       std::to_string(first)) == "0");
}

BOOST_AUTO_TEST_CASE(list_is_default_first_then_newest) {
  Session s = Login(UniqueCode());
  int64_t a = Create(s, "一");  // default
  int64_t b = Create(s, "二");
  int64_t c = Create(s, "三");
  int64_t d = Create(s, "四");
  ApiResponse r = Get(kAddresses, s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& items = r.data()["items"];
  BOOST_REQUIRE_EQUAL(items.Size(), 4u);
  BOOST_TEST(Int(items[0], "id") == a);
  BOOST_TEST(items[0]["is_default"].GetBool());
  BOOST_TEST(Int(items[1], "id") == d);
  BOOST_TEST(Int(items[2], "id") == c);
  BOOST_TEST(Int(items[3], "id") == b);
  for (const char* k :
       {"id", "name", "phone", "province", "city", "district", "detail", "is_default"}) {
    BOOST_TEST_CONTEXT(k) { BOOST_TEST(items[0].HasMember(k)); }
  }
}

BOOST_AUTO_TEST_CASE(create_rejects_each_invalid_field) {
  Session s = Login(UniqueCode());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"name", "\"\""},
      {"name", "\"" + std::string(33, 'n') + "\""},
      {"name", "42"},
      {"phone", "\"12345\""},
      {"phone", "\"23800138000\""},
      {"phone", "\"1380013800a\""},
      {"phone", "\"138001380001\""},
      {"phone", "13800138000"},
      {"province", "\"\""},
      {"province", "\"" + std::string(33, 'p') + "\""},
      {"city", "\"\""},
      {"city", "\"" + std::string(33, 'c') + "\""},
      {"district", "\"\""},
      {"district", "[]"},
      {"detail", "\"\""},
      {"detail", "\"" + std::string(201, 'd') + "\""},
      {"is_default", "\"true\""},
      {"is_default", "1"},
  };
  for (const auto& [field, value] : cases) {
    BOOST_TEST_CONTEXT(field << "=" << value.substr(0, 40)) {
      // A valid body with `field` replaced by the bad value.
      std::string json = "{";
      for (const char* k : {"name", "phone", "province", "city", "district", "detail"}) {
        if (json.size() > 1) json += ",";
        json += std::string("\"") + k + "\":" +
                (field == k ? value : (std::string(k) == "phone" ? "\"13800138000\"" : "\"v\""));
      }
      if (field == "is_default") json += ",\"is_default\":" + value;
      json += "}";
      ApiResponse r = Post(kAddresses, json, s.access_token);
      BOOST_TEST(r.status == 400);
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.has_field_error(field));
    }
  }
  BOOST_TEST(Count(s) == "0");
}

BOOST_AUTO_TEST_CASE(create_needs_every_field) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kAddresses, "{}", s.access_token);
  BOOST_TEST(r.code() == 4004);
  for (const char* k : {"name", "phone", "province", "city", "district", "detail"}) {
    BOOST_TEST_CONTEXT(k) { BOOST_TEST(r.has_field_error(k)); }
  }
  BOOST_TEST(Count(s) == "0");
}

BOOST_AUTO_TEST_CASE(unknown_fields_and_malformed_json_are_4004) {
  Session s = Login(UniqueCode());
  ApiResponse unknown = Post(kAddresses, Body("x", ",\"user_id\":1"), s.access_token);
  BOOST_TEST(unknown.code() == 4004);
  BOOST_TEST(unknown.has_field_error("user_id"));
  ApiResponse zip = Post(kAddresses, Body("x", ",\"zip\":\"200000\""), s.access_token);
  BOOST_TEST(zip.code() == 4004);
  BOOST_TEST(zip.has_field_error("zip"));
  ApiResponse bad = Post(kAddresses, "{\"name\":", s.access_token);
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(bad.code() == 4004);
  BOOST_TEST(Count(s) == "0");
  int64_t id = Create(s, "y");
  BOOST_TEST(Put(Path(id), "{\"name\":\"z\",\"id\":5}", s.access_token).code() == 4004);
  BOOST_TEST(Put(Path(id), "{\"name\"", s.access_token).code() == 4004);
  BOOST_TEST(SqlScalar("SELECT name FROM user_addresses WHERE id = " + std::to_string(id)) == "y");
}

BOOST_AUTO_TEST_CASE(a_user_has_at_most_20_addresses) {
  Session s = Login(UniqueCode());
  for (int i = 0; i < 20; ++i) Create(s, "地址" + std::to_string(i));
  ApiResponse r = Post(kAddresses, Body("二十一", ",\"is_default\":true"), s.access_token);
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(Count(s) == "20");
  BOOST_TEST(DefaultCount(s) == "1");
  // Another user is not affected by this user's limit.
  Session other = Login(UniqueCode());
  Create(other, "别人");
}

BOOST_AUTO_TEST_CASE(concurrent_default_creates_leave_exactly_one_default) {
  Session s = Login(UniqueCode());
  std::atomic<int> created{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&, i] {
      ApiResponse r = Post(kAddresses, Body("并发" + std::to_string(i), ",\"is_default\":true"),
                           s.access_token);
      if (r.status == 201) ++created;
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(created.load() == 10);
  BOOST_TEST(Count(s) == "10");
  BOOST_TEST(DefaultCount(s) == "1");
  ApiResponse listed = Get(kAddresses, s.access_token);
  const auto& items = listed.data()["items"];
  int defaults = 0;
  for (const auto& a : items.GetArray()) defaults += a["is_default"].GetBool() ? 1 : 0;
  BOOST_TEST(defaults == 1);
}

BOOST_AUTO_TEST_CASE(concurrent_first_creates_leave_exactly_one_default) {
  // No address yet: there is no address row to lock, the user's row serialises them.
  Session s = Login(UniqueCode());
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back(
        [&, i] { Post(kAddresses, Body("首个" + std::to_string(i)), s.access_token); });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(Count(s) == "6");
  BOOST_TEST(DefaultCount(s) == "1");
}

BOOST_AUTO_TEST_CASE(concurrent_make_default_updates_leave_exactly_one_default) {
  Session s = Login(UniqueCode());
  std::vector<int64_t> ids;
  for (int i = 0; i < 8; ++i) ids.push_back(Create(s, "改" + std::to_string(i)));
  std::vector<std::thread> threads;
  for (int64_t id : ids) {
    threads.emplace_back([&, id] { Put(Path(id), "{\"is_default\":true}", s.access_token); });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(DefaultCount(s) == "1");
}

BOOST_AUTO_TEST_CASE(put_updates_only_the_given_fields) {
  Session s = Login(UniqueCode());
  int64_t id = Create(s, "原名");
  std::string old_hash =
      SqlScalar("SELECT phone_hash FROM user_addresses WHERE id = " + std::to_string(id));
  ApiResponse r =
      Put(Path(id), "{\"detail\":\"新地址 8 号\",\"phone\":\"13912345678\"}", s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "id") == id);
  BOOST_TEST(Str(d, "detail") == "新地址 8 号");
  BOOST_TEST(Str(d, "phone") == "13912345678");
  BOOST_TEST(Str(d, "name") == "原名");
  BOOST_TEST(Str(d, "city") == "上海市");
  BOOST_TEST(d["is_default"].GetBool());
  std::string where = " FROM user_addresses WHERE id = " + std::to_string(id);
  BOOST_TEST(SqlScalar("SELECT phone" + where).find("13912345678") == std::string::npos);
  BOOST_TEST(SqlScalar("SELECT phone_hash" + where) != old_hash);
}

BOOST_AUTO_TEST_CASE(put_rejects_invalid_fields) {
  Session s = Login(UniqueCode());
  int64_t id = Create(s, "校验");
  for (const char* body :
       {"{\"phone\":\"123\"}", "{\"name\":\"\"}", "{\"detail\":5}", "{\"is_default\":\"yes\"}"}) {
    BOOST_TEST_CONTEXT(body) {
      ApiResponse r = Put(Path(id), body, s.access_token);
      BOOST_TEST(r.code() == 4004);
    }
  }
  BOOST_TEST(SqlScalar("SELECT name FROM user_addresses WHERE id = " + std::to_string(id)) ==
             "校验");
}

BOOST_AUTO_TEST_CASE(put_is_default_moves_the_default) {
  Session s = Login(UniqueCode());
  int64_t a = Create(s, "A");
  int64_t b = Create(s, "B");
  ApiResponse r = Put(Path(b), "{\"is_default\":true}", s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.data()["is_default"].GetBool());
  BOOST_TEST(DefaultCount(s) == "1");
  BOOST_TEST(DefaultId(s) == std::to_string(b));
  // Making the default the default again changes nothing.
  BOOST_TEST(Put(Path(b), "{\"is_default\":true}", s.access_token).status == 200);
  BOOST_TEST(DefaultId(s) == std::to_string(b));
  ApiResponse listed = Get(kAddresses, s.access_token);
  const auto& items = listed.data()["items"];
  BOOST_TEST(Int(items[0], "id") == b);
  BOOST_TEST(Int(items[1], "id") == a);
}

BOOST_AUTO_TEST_CASE(put_cannot_undefault_the_default_address) {
  Session s = Login(UniqueCode());
  int64_t a = Create(s, "A");
  int64_t b = Create(s, "B");
  ApiResponse r = Put(Path(a), "{\"is_default\":false,\"name\":\"A2\"}", s.access_token);
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(DefaultId(s) == std::to_string(a));
  BOOST_TEST(SqlScalar("SELECT name FROM user_addresses WHERE id = " + std::to_string(a)) == "A");
  // is_default:false on a non-default address is fine.
  BOOST_TEST(Put(Path(b), "{\"is_default\":false}", s.access_token).status == 200);
  BOOST_TEST(DefaultId(s) == std::to_string(a));
}

BOOST_AUTO_TEST_CASE(another_users_address_is_4003_and_stays_unchanged) {
  Session a = Login(UniqueCode());
  Session b = Login(UniqueCode());
  int64_t id = Create(a, "主人");
  Create(b, "他人");
  ApiResponse put = Put(Path(id), "{\"name\":\"改\",\"is_default\":true}", b.access_token);
  BOOST_TEST(put.status == 404);
  BOOST_TEST(put.code() == 4003);
  ApiResponse del = Delete(Path(id), b.access_token);
  BOOST_TEST(del.status == 404);
  BOOST_TEST(del.code() == 4003);
  std::string where = " FROM user_addresses WHERE id = " + std::to_string(id);
  BOOST_TEST(SqlScalar("SELECT name" + where) == "主人");
  BOOST_TEST(SqlScalar("SELECT is_default" + where) == "1");
  BOOST_TEST(SqlScalar("SELECT user_id" + where) == Uid(a));
  BOOST_TEST(Get(kAddresses, b.access_token).data()["items"].Size() == 1u);
  BOOST_TEST(DefaultCount(b) == "1");
}

BOOST_AUTO_TEST_CASE(unknown_or_malformed_ids_are_4003) {
  Session s = Login(UniqueCode());
  for (const char* id : {"999999999999", "abc", "0", "-5"}) {
    BOOST_TEST_CONTEXT(id) {
      std::string path = std::string(kAddresses) + "/" + id;
      BOOST_TEST(Put(path, "{\"name\":\"x\"}", s.access_token).code() == 4003);
      BOOST_TEST(Delete(path, s.access_token).code() == 4003);
    }
  }
}

BOOST_AUTO_TEST_CASE(deleting_the_default_promotes_the_newest_remaining) {
  Session s = Login(UniqueCode());
  int64_t a = Create(s, "A");  // default
  int64_t b = Create(s, "B");
  int64_t c = Create(s, "C");
  int64_t d = Create(s, "D");
  // B is the newest by created_at (C and D share the second, broken by id DESC:
  // D), so created_at, not only id, decides.
  Sql("UPDATE user_addresses SET created_at = '2030-01-01 00:00:00' WHERE id = " +
      std::to_string(b));
  Sql("UPDATE user_addresses SET created_at = '2020-01-01 00:00:00' WHERE id IN (" +
      std::to_string(c) + "," + std::to_string(d) + ")");
  ApiResponse r = Delete(Path(a), s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.data().IsNull());
  BOOST_TEST(DefaultCount(s) == "1");
  BOOST_TEST(DefaultId(s) == std::to_string(b));
  BOOST_TEST(Count(s) == "3");
  ApiResponse listed = Get(kAddresses, s.access_token);
  const auto& items = listed.data()["items"];
  BOOST_REQUIRE_EQUAL(items.Size(), 3u);
  BOOST_TEST(Int(items[0], "id") == b);
  BOOST_TEST(Int(items[1], "id") == d);  // same created_at as C: id DESC
  BOOST_TEST(Int(items[2], "id") == c);
}

BOOST_AUTO_TEST_CASE(deleting_a_non_default_keeps_the_default) {
  Session s = Login(UniqueCode());
  int64_t a = Create(s, "A");
  int64_t b = Create(s, "B");
  BOOST_REQUIRE_EQUAL(Delete(Path(b), s.access_token).status, 200);
  BOOST_TEST(DefaultId(s) == std::to_string(a));
  BOOST_TEST(Count(s) == "1");
  BOOST_TEST(Delete(Path(b), s.access_token).code() == 4003);  // already gone
}

BOOST_AUTO_TEST_CASE(deleting_the_last_address_leaves_none) {
  Session s = Login(UniqueCode());
  int64_t a = Create(s, "唯一");
  BOOST_REQUIRE_EQUAL(Delete(Path(a), s.access_token).status, 200);
  BOOST_TEST(Get(kAddresses, s.access_token).data()["items"].Size() == 0u);
  // The next address is the first again, so it becomes the default.
  ApiResponse r = Post(kAddresses, Body("新的"), s.access_token);
  BOOST_TEST(r.data()["is_default"].GetBool());
}
