// Integration tests of the catalog worker through nginx: products, search, categories, banners,
// recommendations, content pages, events, routing errors and health (api.md "Catalog").
#define BOOST_TEST_MODULE catalog
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <set>
#include <string>
#include <vector>

#include "cache/redis.h"
#include "crypto/jwt.h"
#include "tests/integration/support/api.h"

using namespace rz::test;

namespace {

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string Enc(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int64_t SqlInt(const std::string& query) {
  std::string v = SqlScalar(query);
  BOOST_REQUIRE_MESSAGE(!v.empty(), "no value for: " + query);
  return std::stoll(v);
}

// Comma-separated ids (GROUP_CONCAT) as a vector.
std::vector<int64_t> SqlIds(const std::string& query) {
  std::vector<int64_t> out;
  std::string v = SqlScalar(query);
  size_t pos = 0;
  while (pos < v.size()) {
    size_t comma = v.find(',', pos);
    if (comma == std::string::npos) comma = v.size();
    out.push_back(std::stoll(v.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return out;
}

int64_t OnSaleCount() { return SqlInt("SELECT COUNT(*) FROM products WHERE status = 1"); }

std::string Describe(const ApiResponse& r) {
  return "HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 400);
}

void RequireOk(const ApiResponse& r) {
  BOOST_REQUIRE_MESSAGE(r.status == 200 && r.code() == 0, Describe(r));
  BOOST_REQUIRE(r.data().IsObject());
}

void CheckBadRequest(const ApiResponse& r, const std::string& field) {
  BOOST_TEST_CONTEXT(Describe(r)) {
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.code() == 4004);
    BOOST_TEST(r.error_type() == "bad_request");
    BOOST_TEST(r.has_field_error(field), "error.fields names " << field);
  }
}

void CheckNotFound(const ApiResponse& r) {
  BOOST_TEST_CONTEXT(Describe(r)) {
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.code() == 4003);
    BOOST_TEST(r.error_type() == "not_found");
  }
}

const rapidjson::Value& Items(const ApiResponse& r) {
  static const rapidjson::Value kEmpty(rapidjson::kArrayType);
  const auto& d = r.data();
  if (!d.IsObject() || !d.HasMember("items") || !d["items"].IsArray()) return kEmpty;
  return d["items"];
}

std::vector<int64_t> ItemIds(const ApiResponse& r) {
  std::vector<int64_t> ids;
  for (const auto& it : Items(r).GetArray()) ids.push_back(Int(it, "id"));
  return ids;
}

double Num(const rapidjson::Value& v, const char* m) {
  if (!v.IsObject() || !v.HasMember(m) || !v[m].IsNumber()) return std::nan("");
  return v[m].GetDouble();
}

bool Bool(const rapidjson::Value& v, const char* m, bool* out) {
  if (!v.IsObject() || !v.HasMember(m) || !v[m].IsBool()) return false;
  *out = v[m].GetBool();
  return true;
}

// Every on-sale product id over all pages of a list URL (which must not carry paging).
std::vector<int64_t> AllPages(const std::string& path) {
  std::vector<int64_t> ids;
  std::string sep = path.find('?') == std::string::npos ? "?" : "&";
  for (int page = 1; page <= 20; ++page) {
    ApiResponse r = Get(path + sep + "per_page=100&page=" + std::to_string(page));
    RequireOk(r);
    for (int64_t id : ItemIds(r)) ids.push_back(id);
    bool more = false;
    BOOST_REQUIRE(Bool(r.data(), "has_more", &more));
    if (!more) break;
  }
  return ids;
}

std::string ForgedToken(int64_t sub) {
  rz::crypto::JwtClaims c;
  c.sub = sub;
  c.aud = "mini";
  c.typ = "access";
  c.iat = static_cast<int64_t>(std::time(nullptr));
  c.exp = c.iat + 3600;
  c.jti = "forged-jti-1";
  return rz::crypto::JwtSign(c, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
}

// Direct Redis client for reading stream entries (RedisCli returns scalars only).
rz::Redis& TestRedis() {
  static rz::Redis redis(StackConfig());
  return redis;
}

int64_t StreamLength() {
  std::string n = RedisCli("XLEN stream:events");
  return n.empty() ? -1 : std::stoll(n);
}

// Whether one of the newest stream entries has position == marker; *user gets its user_id.
bool FindEvent(const std::string& marker, std::string* user) {
  rz::RedisReply r = TestRedis().Command({"XREVRANGE", "stream:events", "+", "-", "COUNT", "200"});
  if (!r.ok) return false;
  for (const auto& entry : r.elements) {
    if (entry.elements.size() != 2) continue;
    const auto& kv = entry.elements[1].elements;
    std::string pos, uid;
    for (size_t i = 0; i + 1 < kv.size(); i += 2) {
      if (kv[i].str == "position") pos = kv[i + 1].str;
      if (kv[i].str == "user_id") uid = kv[i + 1].str;
    }
    if (pos == marker) {
      *user = uid;
      return true;
    }
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------- product list

BOOST_AUTO_TEST_CASE(list_has_the_paged_envelope) {
  ApiResponse r = Get("/api/v1/products");
  RequireOk(r);
  BOOST_TEST(Str(r.json, "message") == "success");
  std::string ts = Str(r.json, "timestamp");
  BOOST_TEST(!ts.empty());
  BOOST_TEST((!ts.empty() && ts.back() == 'Z'), "timestamp " << ts << " ends with Z");
  BOOST_TEST(!r.header("x-request-id").empty());

  const auto& d = r.data();
  BOOST_REQUIRE(d.HasMember("items") && d["items"].IsArray());
  BOOST_TEST(d["items"].Size() == 10u);  // default per_page
  BOOST_TEST(Int(d, "total") == OnSaleCount());
  BOOST_TEST(Int(d, "page") == 1);
  BOOST_TEST(Int(d, "per_page") == 10);
  bool more = false;
  BOOST_TEST(Bool(d, "has_more", &more));
  BOOST_TEST(more);

  for (const auto& it : d["items"].GetArray()) {
    BOOST_TEST_CONTEXT("item " << Int(it, "id")) {
      BOOST_TEST(Int(it, "id") > 0);
      BOOST_TEST(!Str(it, "sku").empty());
      BOOST_TEST(!Str(it, "name").empty());
      BOOST_TEST(it.HasMember("price"));
      BOOST_TEST((it.HasMember("price") && it["price"].IsNumber()));
      BOOST_TEST((it.HasMember("original_price") && it["original_price"].IsNumber()));
      BOOST_TEST(!Str(it, "main_image").empty());
      BOOST_TEST(Int(it, "category_id") > 0);
      bool b;
      BOOST_TEST(Bool(it, "is_new", &b));
      BOOST_TEST(Bool(it, "is_hot", &b));
      BOOST_TEST((it.HasMember("sold_count") && it["sold_count"].IsInt64()));
      BOOST_TEST((it.HasMember("stock") && it["stock"].IsInt64()));
    }
  }
}

BOOST_AUTO_TEST_CASE(per_page_3_gives_3_items) {
  ApiResponse r = Get("/api/v1/products?per_page=3");
  RequireOk(r);
  BOOST_TEST(Items(r).Size() == 3u);
  BOOST_TEST(Int(r.data(), "per_page") == 3);
}

BOOST_AUTO_TEST_CASE(paging_moves_through_the_list_and_has_more_ends) {
  ApiResponse p1 = Get("/api/v1/products?per_page=5&page=1");
  ApiResponse p2 = Get("/api/v1/products?per_page=5&page=2");
  RequireOk(p1);
  RequireOk(p2);
  auto a = ItemIds(p1), b = ItemIds(p2);
  BOOST_TEST(a.size() == 5u);
  BOOST_TEST(b.size() == 5u);
  BOOST_TEST(Int(p2.data(), "page") == 2);
  for (int64_t id : b) {
    BOOST_TEST((std::find(a.begin(), a.end(), id) == a.end()), "id " << id << " on both pages");
  }

  int64_t total = Int(p1.data(), "total");
  BOOST_REQUIRE(total > 50);
  int64_t last = (total + 49) / 50;
  ApiResponse before = Get("/api/v1/products?per_page=50&page=" + std::to_string(last - 1));
  ApiResponse end = Get("/api/v1/products?per_page=50&page=" + std::to_string(last));
  ApiResponse beyond = Get("/api/v1/products?per_page=50&page=" + std::to_string(last + 1));
  RequireOk(before);
  RequireOk(end);
  RequireOk(beyond);
  bool more = false;
  BOOST_TEST(Bool(before.data(), "has_more", &more));
  BOOST_TEST(more);
  BOOST_TEST(Bool(end.data(), "has_more", &more));
  BOOST_TEST(!more);
  BOOST_TEST(static_cast<int64_t>(Items(end).Size()) == total - (last - 1) * 50);
  BOOST_TEST(Bool(beyond.data(), "has_more", &more));
  BOOST_TEST(!more);
  BOOST_TEST(Items(beyond).Size() == 0u);
  BOOST_TEST(Int(beyond.data(), "total") == total);
}

BOOST_AUTO_TEST_CASE(bad_list_parameters_are_4004_naming_the_field) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"per_page=0", "per_page"},
      {"per_page=101", "per_page"},
      {"per_page=abc", "per_page"},
      {"page=0", "page"},
      {"page=-1", "page"},
      {"sort=bogus", "sort"},
      {"price_min=abc", "price_min"},
      {"price_max=-5", "price_max"},
      {"is_new=yes", "is_new"},
      {"is_hot=2", "is_hot"},
      {"category=abc", "category"},
      {"category=0", "category"},
  };
  for (const auto& [query, field] : cases) {
    BOOST_TEST_CONTEXT("?" << query) { CheckBadRequest(Get("/api/v1/products?" + query), field); }
  }
  // price_min above price_max is a contradiction, not an empty result.
  CheckBadRequest(Get("/api/v1/products?price_min=500&price_max=100"), "price_min");
}

BOOST_AUTO_TEST_CASE(category_filter_returns_only_that_category) {
  ApiResponse r = Get("/api/v1/products?category=3&per_page=100");
  RequireOk(r);
  BOOST_TEST(Int(r.data(), "total") ==
             SqlInt("SELECT COUNT(*) FROM products WHERE status = 1 AND category_id = 3"));
  BOOST_TEST(Items(r).Size() > 0u);
  for (const auto& it : Items(r).GetArray()) {
    BOOST_TEST(Int(it, "category_id") == 3, "item " << Int(it, "id"));
  }
  // Category 9 exists but has no products.
  ApiResponse empty = Get("/api/v1/products?category=9");
  RequireOk(empty);
  BOOST_TEST(Int(empty.data(), "total") == 0);
  BOOST_TEST(Items(empty).Size() == 0u);
}

BOOST_AUTO_TEST_CASE(category_all_is_no_filter) {
  ApiResponse all = Get("/api/v1/products?category=all&per_page=20");
  ApiResponse plain = Get("/api/v1/products?per_page=20");
  RequireOk(all);
  RequireOk(plain);
  BOOST_TEST(Int(all.data(), "total") == OnSaleCount());
  BOOST_TEST(ItemIds(all) == ItemIds(plain));
}

BOOST_AUTO_TEST_CASE(sort_price_asc_and_desc_order_by_price) {
  for (const char* sort : {"price_asc", "price_desc"}) {
    BOOST_TEST_CONTEXT("sort=" << sort) {
      bool asc = std::string(sort) == "price_asc";
      for (int page = 1; page <= 2; ++page) {
        ApiResponse r = Get(std::string("/api/v1/products?per_page=100&sort=") + sort +
                            "&page=" + std::to_string(page));
        RequireOk(r);
        const auto& items = Items(r);
        BOOST_TEST(items.Size() == 100u);
        for (rapidjson::SizeType i = 1; i < items.Size(); ++i) {
          double prev = Num(items[i - 1], "price"), cur = Num(items[i], "price");
          BOOST_TEST((asc ? prev <= cur : prev >= cur),
                     "item " << Int(items[i - 1], "id") << " (" << prev << ") before "
                             << Int(items[i], "id") << " (" << cur << ")");
        }
      }
      // The first item is the cheapest / dearest on-sale product.
      ApiResponse first = Get(std::string("/api/v1/products?per_page=1&sort=") + sort);
      RequireOk(first);
      int64_t extreme = SqlInt(std::string("SELECT ") + (asc ? "MIN" : "MAX") +
                               "(price) FROM products WHERE status = 1");
      BOOST_TEST(std::llround(Num(Items(first)[0], "price") * 100) == extreme);
    }
  }
}

BOOST_AUTO_TEST_CASE(sort_hot_orders_by_sold_count) {
  ApiResponse r = Get("/api/v1/products?per_page=100&sort=hot");
  RequireOk(r);
  const auto& items = Items(r);
  BOOST_TEST(items.Size() == 100u);
  for (rapidjson::SizeType i = 1; i < items.Size(); ++i) {
    BOOST_TEST(Int(items[i - 1], "sold_count") >= Int(items[i], "sold_count"),
               "item " << Int(items[i - 1], "id") << " before " << Int(items[i], "id"));
  }
  BOOST_TEST(Int(items[0], "sold_count") ==
             SqlInt("SELECT MAX(sold_count) FROM products WHERE status = 1"));
}

BOOST_AUTO_TEST_CASE(sort_newest_is_created_at_desc_then_id_desc) {
  std::vector<int64_t> expected = SqlIds(
      "SELECT GROUP_CONCAT(id ORDER BY created_at DESC, id DESC SEPARATOR ',') "
      "FROM products WHERE status = 1");
  std::vector<int64_t> got = AllPages("/api/v1/products?sort=newest");
  BOOST_TEST(got == expected, boost::test_tools::per_element());
  // Default sort is newest.
  ApiResponse def = Get("/api/v1/products?per_page=30");
  RequireOk(def);
  std::vector<int64_t> head(expected.begin(),
                            expected.begin() + std::min<size_t>(30, expected.size()));
  BOOST_TEST(ItemIds(def) == head, boost::test_tools::per_element());
  // Seeded ties: products 10k and 10k+1 share created_at, so 10k+1 comes right before 10k.
  auto pos = [&](int64_t id) { return std::find(got.begin(), got.end(), id) - got.begin(); };
  for (int64_t k : {10, 20, 30, 100, 150}) {
    BOOST_TEST(pos(k + 1) + 1 == pos(k), "product " << k + 1 << " right before " << k);
  }
}

BOOST_AUTO_TEST_CASE(price_range_filters_in_yuan) {
  ApiResponse r = Get("/api/v1/products?price_min=1000&price_max=5000&per_page=100");
  RequireOk(r);
  BOOST_TEST(
      Int(r.data(), "total") ==
      SqlInt("SELECT COUNT(*) FROM products WHERE status = 1 AND price BETWEEN 100000 AND 500000"));
  BOOST_TEST(Items(r).Size() > 0u);
  for (const auto& it : Items(r).GetArray()) {
    double p = Num(it, "price");
    BOOST_TEST((p >= 1000 && p <= 5000), "item " << Int(it, "id") << " price " << p);
  }
  // Decimal bounds: product 5 costs exactly 35810.50.
  ApiResponse exact = Get("/api/v1/products?price_min=35810.5&price_max=35810.50&per_page=100");
  RequireOk(exact);
  auto ids = ItemIds(exact);
  BOOST_TEST((std::find(ids.begin(), ids.end(), 5) != ids.end()));
  for (const auto& it : Items(exact).GetArray()) BOOST_TEST(Num(it, "price") == 35810.5);
}

BOOST_AUTO_TEST_CASE(is_new_and_is_hot_filters) {
  struct Case {
    const char* query;
    const char* field;
    bool want;
    const char* sql;
  };
  const Case cases[] = {
      {"is_new=1", "is_new", true, "is_new = 1"},
      {"is_new=false", "is_new", false, "is_new = 0"},
      {"is_hot=true", "is_hot", true, "is_hot = 1"},
      {"is_hot=0", "is_hot", false, "is_hot = 0"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("?" << c.query) {
      ApiResponse r = Get(std::string("/api/v1/products?per_page=100&") + c.query);
      RequireOk(r);
      BOOST_TEST(
          Int(r.data(), "total") ==
          SqlInt(std::string("SELECT COUNT(*) FROM products WHERE status = 1 AND ") + c.sql));
      BOOST_TEST(Items(r).Size() > 0u);
      for (const auto& it : Items(r).GetArray()) {
        bool v = !c.want;
        BOOST_TEST(Bool(it, c.field, &v));
        BOOST_TEST(v == c.want, "item " << Int(it, "id"));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(off_sale_deleted_and_draft_products_are_hidden) {
  std::vector<int64_t> ids = AllPages("/api/v1/products");
  BOOST_TEST(static_cast<int64_t>(ids.size()) == OnSaleCount());
  std::set<int64_t> seen(ids.begin(), ids.end());
  BOOST_TEST(seen.size() == ids.size(), "no product listed twice");
  std::vector<int64_t> hidden =
      SqlIds("SELECT GROUP_CONCAT(id ORDER BY id) FROM products WHERE status <> 1");
  BOOST_TEST(hidden.size() > 0u);
  for (int64_t id : hidden) BOOST_TEST(seen.count(id) == 0u, "product " << id << " listed");
  for (int64_t id : {221, 225, 226, 230, 231, 232})
    BOOST_TEST(seen.count(id) == 0u, "product " << id);

  for (int64_t id : {221, 226, 231, 232, 999999}) {
    BOOST_TEST_CONTEXT("detail " << id) {
      CheckNotFound(Get("/api/v1/products/" + std::to_string(id)));
      // Twice: the second read may come from the negative cache and must agree.
      CheckNotFound(Get("/api/v1/products/" + std::to_string(id)));
    }
  }
}

// ---------------------------------------------------------------- product detail

BOOST_AUTO_TEST_CASE(detail_has_the_documented_shape) {
  ApiResponse r = Get("/api/v1/products/1");
  RequireOk(r);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "id") == 1);
  BOOST_TEST(Str(d, "sku") == "RZ-000001");
  BOOST_TEST(Str(d, "name") == SqlScalar("SELECT name FROM products WHERE id = 1"));
  BOOST_TEST(!Str(d, "description").empty());
  BOOST_TEST(Num(d, "price") == 17900);
  BOOST_TEST(Num(d, "original_price") == 19900);
  BOOST_TEST(Int(d, "stock") == SqlInt("SELECT stock FROM products WHERE id = 1"));
  BOOST_TEST((d.HasMember("sold_count") && d["sold_count"].IsInt64()));
  BOOST_TEST(!Str(d, "main_image").empty());
  BOOST_TEST(Str(d, "brand") == "RUIZHU");
  BOOST_TEST((d.HasMember("materials") && d["materials"].IsString()));

  BOOST_REQUIRE((d.HasMember("images") && d["images"].IsArray()));
  BOOST_TEST(d["images"].Size() == 3u);
  for (const auto& img : d["images"].GetArray()) BOOST_TEST(img.IsString());
  BOOST_REQUIRE((d.HasMember("colors") && d["colors"].IsArray()));
  BOOST_REQUIRE(d["colors"].Size() == 2u);
  BOOST_TEST(std::string(d["colors"][0].GetString()) == "黑色");
  BOOST_TEST(std::string(d["colors"][1].GetString()) == "白色");
  BOOST_REQUIRE((d.HasMember("sizes") && d["sizes"].IsArray()));
  BOOST_REQUIRE(d["sizes"].Size() == 1u);
  BOOST_TEST(std::string(d["sizes"][0].GetString()) == "均码");

  BOOST_REQUIRE((d.HasMember("category") && d["category"].IsObject()));
  BOOST_TEST(Int(d["category"], "id") == 1);
  BOOST_TEST(Str(d["category"], "name") == "手袋");
  bool b = false;
  BOOST_TEST(Bool(d, "is_new", &b));
  BOOST_TEST(b);
  BOOST_TEST(Bool(d, "is_hot", &b));
  BOOST_TEST(b);
  b = true;
  BOOST_TEST(Bool(d, "is_favorite", &b));
  BOOST_TEST(!b);

  // Money with a fraction, and a perfume with no colour choice (colors []).
  ApiResponse five = Get("/api/v1/products/5");
  RequireOk(five);
  BOOST_TEST(Num(five.data(), "price") == 35810.5);
  int64_t perfume = SqlInt("SELECT MIN(id) FROM products WHERE status = 1 AND category_id = 5");
  ApiResponse p = Get("/api/v1/products/" + std::to_string(perfume));
  RequireOk(p);
  BOOST_REQUIRE((p.data().HasMember("colors") && p.data()["colors"].IsArray()));
  BOOST_TEST(p.data()["colors"].Size() == 0u);
  BOOST_TEST(Str(p.data()["category"], "name") == "香水");
}

BOOST_AUTO_TEST_CASE(detail_is_favorite_follows_the_token) {
  Session s = Login(UniqueCode("catalog-fav"));
  Sql("INSERT IGNORE INTO favorites (user_id, product_id) VALUES (" + std::to_string(s.user_id) +
      ", 6)");
  struct Cleanup {
    int64_t uid;
    ~Cleanup() { Sql("DELETE FROM favorites WHERE user_id = " + std::to_string(uid)); }
  } cleanup{s.user_id};

  bool fav = false;
  ApiResponse mine = Get("/api/v1/products/6", s.access_token);
  RequireOk(mine);
  BOOST_TEST(Bool(mine.data(), "is_favorite", &fav));
  BOOST_TEST(fav);

  ApiResponse anon = Get("/api/v1/products/6");
  RequireOk(anon);
  fav = true;
  BOOST_TEST(Bool(anon.data(), "is_favorite", &fav));
  BOOST_TEST(!fav);

  ApiResponse other = Get("/api/v1/products/7", s.access_token);
  RequireOk(other);
  fav = true;
  BOOST_TEST(Bool(other.data(), "is_favorite", &fav));
  BOOST_TEST(!fav);

  // Someone else's favorite does not leak.
  Session t = Login(UniqueCode("catalog-fav2"));
  ApiResponse theirs = Get("/api/v1/products/6", t.access_token);
  RequireOk(theirs);
  fav = true;
  BOOST_TEST(Bool(theirs.data(), "is_favorite", &fav));
  BOOST_TEST(!fav);
}

BOOST_AUTO_TEST_CASE(detail_of_a_non_numeric_id_is_4003) {
  for (const char* id : {"abc", "0", "-1", "1.5", "99999999999999999999999"}) {
    BOOST_TEST_CONTEXT("id " << id) { CheckNotFound(Get(std::string("/api/v1/products/") + id)); }
  }
}

BOOST_AUTO_TEST_CASE(unknown_path_is_404_4003) {
  CheckNotFound(Get("/api/v1/products/1/zzz"));
  CheckNotFound(Get("/api/v1/categories/1/zzz"));
  // Unrouted prefix: nginx's own refusal, same envelope.
  CheckNotFound(Get("/api/v1/productsx"));
}

BOOST_AUTO_TEST_CASE(wrong_method_is_405_with_allow) {
  ApiResponse r = Delete("/api/v1/products");
  BOOST_TEST_CONTEXT(Describe(r)) {
    BOOST_TEST(r.status == 405);
    BOOST_TEST(r.code() == 4004);
    BOOST_TEST(r.header("allow").find("GET") != std::string::npos, "Allow: " << r.header("allow"));
  }
  ApiResponse p = Post("/api/v1/products/1", "{}");
  BOOST_TEST_CONTEXT(Describe(p)) {
    BOOST_TEST(p.status == 405);
    BOOST_TEST(p.code() == 4004);
    BOOST_TEST(p.header("allow").find("GET") != std::string::npos, "Allow: " << p.header("allow"));
  }
  ApiResponse e = Get("/api/v1/events");
  BOOST_TEST_CONTEXT(Describe(e)) {
    BOOST_TEST(e.status == 405);
    BOOST_TEST(e.code() == 4004);
    BOOST_TEST(e.header("allow").find("POST") != std::string::npos, "Allow: " << e.header("allow"));
  }
}

BOOST_AUTO_TEST_CASE(product_write_with_cache_delete_is_visible_on_next_read) {
  const std::string key = "product:7";
  std::string original = SqlScalar("SELECT name FROM products WHERE id = 7");
  BOOST_REQUIRE(!original.empty());
  // What the admin write path does: change the row, then InvalidateCatalog (bump the list version,
  // delete the Redis entries and publish them to every worker's local cache).
  struct Restore {
    ~Restore() {
      Sql("UPDATE products SET name = SUBSTRING_INDEX(name, ' [it-renamed]', 1) WHERE id = 7");
      InvalidateCatalog(7);
    }
  } restore;

  ApiResponse before = Get("/api/v1/products/7");
  RequireOk(before);
  BOOST_TEST(Str(before.data(), "name") == original);
  BOOST_TEST(RedisCli("EXISTS " + key) == "1", "detail cached after a read");

  Sql("UPDATE products SET name = CONCAT(name, ' [it-renamed]') WHERE id = 7");
  InvalidateCatalog(7);
  ApiResponse after = Get("/api/v1/products/7");
  RequireOk(after);
  BOOST_TEST(Str(after.data(), "name") == original + " [it-renamed]");
  ApiResponse again = Get("/api/v1/products/7");  // now from the cache
  RequireOk(again);
  BOOST_TEST(Str(again.data(), "name") == original + " [it-renamed]");
}

// ---------------------------------------------------------------- search

BOOST_AUTO_TEST_CASE(search_finds_chinese_words_in_names) {
  const std::string word = "托特包";  // product 1 is 星辰系列 经典托特包
  ApiResponse r = Get("/api/v1/products/search?per_page=100&q=" + Enc(word));
  RequireOk(r);
  BOOST_TEST(Str(r.data(), "search_keyword") == word);
  int64_t expected = SqlInt(
      "SELECT COUNT(*) FROM products WHERE status = 1 AND (INSTR(name, '托特包') > 0 "
      "OR INSTR(sku, '托特包') > 0 OR INSTR(description, '托特包') > 0)");
  BOOST_TEST(expected > 0);
  BOOST_TEST(Int(r.data(), "total") == expected);
  auto ids = ItemIds(r);
  BOOST_TEST((std::find(ids.begin(), ids.end(), 1) != ids.end()));
  for (const auto& it : Items(r).GetArray()) {
    BOOST_TEST(Str(it, "name").find(word) != std::string::npos, "item " << Str(it, "name"));
  }
  // The whole product name and the sku work too.
  ApiResponse full = Get("/api/v1/products/search?q=" + Enc("星辰系列 经典托特包"));
  RequireOk(full);
  ids = ItemIds(full);
  BOOST_TEST((std::find(ids.begin(), ids.end(), 1) != ids.end()));
  ApiResponse sku = Get("/api/v1/products/search?q=RZ-000004");
  RequireOk(sku);
  BOOST_TEST(ItemIds(sku) == std::vector<int64_t>{4}, boost::test_tools::per_element());
  // Off-sale products are not found.
  ApiResponse off = Get("/api/v1/products/search?q=RZ-000221");
  RequireOk(off);
  BOOST_TEST(Int(off.data(), "total") == 0);
}

BOOST_AUTO_TEST_CASE(search_q_is_required_and_at_most_50_characters) {
  CheckBadRequest(Get("/api/v1/products/search"), "q");
  CheckBadRequest(Get("/api/v1/products/search?q="), "q");
  CheckBadRequest(Get("/api/v1/products/search?q=" + std::string(51, 'a')), "q");
  std::string zh50, zh51;
  for (int i = 0; i < 50; ++i) zh50 += "包";
  zh51 = zh50 + "包";
  CheckBadRequest(Get("/api/v1/products/search?q=" + Enc(zh51)), "q");
  // Exactly 50 characters (150 bytes of UTF-8) is allowed.
  ApiResponse ok = Get("/api/v1/products/search?q=" + Enc(zh50));
  RequireOk(ok);
  BOOST_TEST(Int(ok.data(), "total") == 0);
  RequireOk(Get("/api/v1/products/search?q=" + std::string(50, 'a')));
}

BOOST_AUTO_TEST_CASE(search_like_metacharacters_are_literal) {
  int64_t on_sale = OnSaleCount();
  for (const char* meta : {"%", "_", "%%", "\\"}) {
    BOOST_TEST_CONTEXT("q=" << meta) {
      ApiResponse r = Get("/api/v1/products/search?per_page=100&q=" + Enc(meta));
      RequireOk(r);
      std::string lit = std::string(meta) == "\\" ? "\\\\" : meta;
      int64_t expected = SqlInt(
          "SELECT COUNT(*) FROM products WHERE status = 1 AND (INSTR(name, '" + lit +
          "') > 0 OR INSTR(sku, '" + lit + "') > 0 OR INSTR(description, '" + lit + "') > 0)");
      BOOST_TEST(Int(r.data(), "total") == expected);
      BOOST_TEST(Int(r.data(), "total") < on_sale);
    }
  }
}

// ---------------------------------------------------------------- categories, banners, slots,
// pages

BOOST_AUTO_TEST_CASE(categories_are_active_only_with_on_sale_counts) {
  ApiResponse r = Get("/api/v1/categories");
  RequireOk(r);
  std::vector<int64_t> expected =
      SqlIds("SELECT GROUP_CONCAT(id ORDER BY sort_order, id) FROM categories WHERE is_active = 1");
  BOOST_TEST(ItemIds(r) == expected, boost::test_tools::per_element());
  std::vector<int64_t> inactive =
      SqlIds("SELECT GROUP_CONCAT(id ORDER BY id) FROM categories WHERE is_active = 0");
  BOOST_TEST(inactive.size() > 0u, "the demo data has an inactive category");
  auto got = ItemIds(r);
  for (int64_t id : inactive) {
    BOOST_TEST((std::find(got.begin(), got.end(), id) == got.end()),
               "inactive " << id << " listed");
  }
  for (const auto& it : Items(r).GetArray()) {
    int64_t id = Int(it, "id");
    BOOST_TEST_CONTEXT("category " << id) {
      BOOST_TEST(!Str(it, "name").empty());
      BOOST_TEST((it.HasMember("icon_url") && it["icon_url"].IsString()));
      BOOST_TEST(Int(it, "product_count") ==
                 SqlInt("SELECT COUNT(*) FROM products WHERE status = 1 AND category_id = " +
                        std::to_string(id)));
    }
  }
  // Seeded order: 丝巾 (8) sorts after 珠宝 (3).
  BOOST_TEST(got == (std::vector<int64_t>{1, 2, 3, 8, 4, 5, 6, 7, 9}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(banners_are_enabled_and_within_their_window) {
  ApiResponse r = Get("/api/v1/banners");
  RequireOk(r);
  auto ids = ItemIds(r);
  BOOST_TEST(ids == (std::vector<int64_t>{1, 2, 3}), boost::test_tools::per_element());
  for (const auto& it : Items(r).GetArray()) {
    BOOST_TEST(!Str(it, "title").empty());
    BOOST_TEST(!Str(it, "image_url").empty());
    std::string lt = Str(it, "link_type");
    BOOST_TEST((lt == "product" || lt == "category" || lt == "url"), "link_type " << lt);
    BOOST_TEST((it.HasMember("link_value") && it["link_value"].IsString()));
  }
  ApiResponse home = Get("/api/v1/banners?position=home");
  RequireOk(home);
  BOOST_TEST(ItemIds(home) == ids, boost::test_tools::per_element());
  ApiResponse cat = Get("/api/v1/banners?position=category");
  RequireOk(cat);
  BOOST_TEST(ItemIds(cat) == std::vector<int64_t>{7}, boost::test_tools::per_element());
  CheckBadRequest(Get("/api/v1/banners?position=" + Enc("a b")), "position");
}

BOOST_AUTO_TEST_CASE(recommendations_respect_slot_window_and_limit) {
  ApiResponse r = Get("/api/v1/recommendations?position=home_recommend");
  RequireOk(r);
  BOOST_TEST(Str(r.data(), "position") == "home_recommend");
  BOOST_TEST(ItemIds(r) == (std::vector<int64_t>{1, 3, 5, 8, 13, 21, 34, 55}),
             boost::test_tools::per_element());
  for (const auto& it : Items(r).GetArray()) {
    BOOST_TEST((it.HasMember("price") && it["price"].IsNumber()));
    BOOST_TEST(!Str(it, "name").empty());
  }

  ApiResponse three = Get("/api/v1/recommendations?position=home_recommend&limit=3");
  RequireOk(three);
  BOOST_TEST(ItemIds(three) == (std::vector<int64_t>{1, 3, 5}), boost::test_tools::per_element());

  ApiResponse cart = Get("/api/v1/recommendations?position=cart_recommend&limit=50");
  RequireOk(cart);
  BOOST_TEST(ItemIds(cart) == (std::vector<int64_t>{4, 12, 16, 24, 30, 40}),
             boost::test_tools::per_element());

  CheckBadRequest(Get("/api/v1/recommendations?position=home_recommend&limit=51"), "limit");
  CheckBadRequest(Get("/api/v1/recommendations?position=home_recommend&limit=0"), "limit");
  CheckBadRequest(Get("/api/v1/recommendations?position=home_recommend&limit=x"), "limit");
  CheckNotFound(Get("/api/v1/recommendations?position=no_such_slot"));
}

BOOST_AUTO_TEST_CASE(content_pages_privacy_and_terms) {
  ApiResponse p = Get("/api/v1/pages/privacy");
  RequireOk(p);
  BOOST_TEST(Str(p.data(), "key") == "privacy");
  BOOST_TEST(Str(p.data(), "title") == "隐私政策");
  BOOST_TEST(Str(p.data(), "body").find("个人信息") != std::string::npos);
  std::string updated = Str(p.data(), "updated_at");
  BOOST_TEST((!updated.empty() && updated.back() == 'Z'), "updated_at " << updated);

  ApiResponse t = Get("/api/v1/pages/terms");
  RequireOk(t);
  BOOST_TEST(Str(t.data(), "key") == "terms");
  BOOST_TEST(Str(t.data(), "title") == "用户服务协议");
  BOOST_TEST(Str(t.data(), "body").find("订单") != std::string::npos);

  CheckNotFound(Get("/api/v1/pages/no-such-page"));
  CheckNotFound(Get("/api/v1/pages/" + std::string(100, 'x')));
}

// ---------------------------------------------------------------- events

BOOST_AUTO_TEST_CASE(events_are_appended_to_the_stream) {
  int64_t before = StreamLength();
  BOOST_REQUIRE_MESSAGE(before >= 0, "XLEN stream:events failed");
  std::string anon_marker = "it-anon-" + std::to_string(::getpid());
  std::string user_marker = "it-user-" + std::to_string(::getpid());

  ApiResponse a = Post("/api/v1/events",
                       "{\"type\":\"view\",\"product_id\":1,\"position\":\"" + anon_marker + "\"}");
  BOOST_TEST_CONTEXT(Describe(a)) {
    BOOST_TEST(a.status == 200);
    BOOST_TEST(a.code() == 0);
  }
  Session s = Login(UniqueCode("catalog-events"));
  ApiResponse u = Post("/api/v1/events",
                       "{\"type\":\"click\",\"product_id\":3,\"position\":\"" + user_marker + "\"}",
                       s.access_token);
  BOOST_TEST_CONTEXT(Describe(u)) {
    BOOST_TEST(u.status == 200);
    BOOST_TEST(u.code() == 0);
  }
  for (const char* type : {"add_to_cart", "share"}) {
    ApiResponse r = Post("/api/v1/events", std::string("{\"type\":\"") + type + "\"}");
    BOOST_TEST(r.status == 200, type << ": " << Describe(r));
  }
  BOOST_TEST(StreamLength() >= before + 4);

  std::string uid;
  BOOST_TEST(FindEvent(anon_marker, &uid));
  BOOST_TEST(uid == "0");
  BOOST_TEST(FindEvent(user_marker, &uid));
  BOOST_TEST(uid == std::to_string(s.user_id));
}

BOOST_AUTO_TEST_CASE(bad_events_are_4004) {
  CheckBadRequest(Post("/api/v1/events", "{\"type\":\"buy\"}"), "type");
  CheckBadRequest(Post("/api/v1/events", "{}"), "type");
  CheckBadRequest(Post("/api/v1/events", "{\"type\":\"view\",\"foo\":1}"), "foo");
  CheckBadRequest(Post("/api/v1/events", "{\"type\":\"view\",\"product_id\":\"5\"}"), "product_id");
  CheckBadRequest(Post("/api/v1/events", "{\"type\":\"view\",\"product_id\":-1}"), "product_id");
  CheckBadRequest(
      Post("/api/v1/events", "{\"type\":\"view\",\"position\":\"" + std::string(33, 'p') + "\"}"),
      "position");
  for (const char* body : {"{\"type\":", "not json", "[1,2", "{\"type\":\"view\"}x"}) {
    BOOST_TEST_CONTEXT("body " << body) {
      ApiResponse r = Post("/api/v1/events", body);
      BOOST_TEST(r.status == 400, Describe(r));
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.error_type() == "bad_request");
    }
  }
  // A JSON value that is not an object.
  ApiResponse arr = Post("/api/v1/events", "[]");
  BOOST_TEST(arr.status == 400, Describe(arr));
  BOOST_TEST(arr.code() == 4004);
}

BOOST_AUTO_TEST_CASE(event_body_over_1mb_is_413_4007) {
  std::string body = "{\"type\":\"view\",\"position\":\"" + std::string(1100 * 1024, 'x') + "\"}";
  ApiResponse r = Post("/api/v1/events", body);
  BOOST_TEST_CONTEXT(Describe(r)) {
    BOOST_TEST(r.status == 413);
    BOOST_TEST(r.code() == 4007);
    BOOST_TEST(r.error_type() == "payload_too_large");
  }
}

// ---------------------------------------------------------------- auth on optional routes

BOOST_AUTO_TEST_CASE(forged_bearer_on_optional_auth_route_is_4001) {
  for (const std::string& token :
       {ForgedToken(1), std::string("not-a-jwt"), std::string("a.b.c")}) {
    BOOST_TEST_CONTEXT("token " << token.substr(0, 20)) {
      ApiResponse r = Get("/api/v1/products/1", token);
      BOOST_TEST(r.status == 401, Describe(r));
      BOOST_TEST(r.code() == 4001);
      BOOST_TEST(r.error_type() == "unauthorized");
      ApiResponse e = Post("/api/v1/events", "{\"type\":\"view\"}", token);
      BOOST_TEST(e.status == 401, Describe(e));
      BOOST_TEST(e.code() == 4001);
    }
  }
  // Public routes ignore the header.
  RequireOk(Get("/api/v1/products?per_page=1", "not-a-jwt"));
}

// ---------------------------------------------------------------- health

BOOST_AUTO_TEST_CASE(health_reports_mysql_and_redis) {
  ApiResponse r = Get("/api/v1/catalog/_health");
  RequireOk(r);
  BOOST_TEST(Str(r.data(), "status") == "ok");
  bool mysql = false, redis = false;
  BOOST_TEST(Bool(r.data(), "mysql", &mysql));
  BOOST_TEST(Bool(r.data(), "redis", &redis));
  BOOST_TEST(mysql);
  BOOST_TEST(redis);
  BOOST_TEST((r.data().HasMember("version") && r.data()["version"].IsString()));
}
