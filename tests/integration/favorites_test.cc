// Integration tests of the favorites worker over HTTP through nginx: idempotent
// add and remove, the paged list with catalog list fields, favorites of
// products gone off sale, validation, isolation between users and the catalog
// detail's is_favorite.
#define BOOST_TEST_MODULE favorites
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "tests/integration/support/api.h"

using namespace rz::test;

namespace {

const char kFavorites[] = "/api/v1/favorites";

std::string Path(int64_t product_id) {
  return std::string(kFavorites) + "/" + std::to_string(product_id);
}

std::string AddBody(int64_t product_id) {
  return "{\"product_id\":" + std::to_string(product_id) + "}";
}

// A product of this test's own (never a shared demo product), on sale.
int64_t MakeProduct() {
  std::string sku = "T-FAV-" + UniqueCode();
  Sql("INSERT INTO products (category_id, sku, name, price, original_price, stock, status) "
      "VALUES (1, '" +
      sku + "', '收藏测试 " + sku + "', 12345, 15000, 7, 1)");
  return std::stoll(SqlScalar("SELECT id FROM products WHERE sku = '" + sku + "'"));
}

std::string FavCount(const Session& s) {
  return SqlScalar("SELECT COUNT(*) FROM favorites WHERE user_id = " + std::to_string(s.user_id));
}

void Add(const Session& s, int64_t product_id) {
  ApiResponse r = Post(kFavorites, AddBody(product_id), s.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 201 || r.status == 200, r.body);
}

bool IsFavoriteInCatalog(const Session& s, int64_t product_id) {
  ApiResponse r = Get("/api/v1/products/" + std::to_string(product_id), s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  return r.data()["is_favorite"].GetBool();
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_favorites_endpoint_needs_a_token) {
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"GET", kFavorites}, {"POST", kFavorites}, {"DELETE", Path(1)}};
  for (const auto& [method, path] : calls) {
    BOOST_TEST_CONTEXT(method << " " << path) {
      ApiResponse r = Call(method, path, method == "POST" ? AddBody(1) : "");
      BOOST_TEST(r.status == 401);
      BOOST_TEST(r.code() == 4001);
    }
  }
}

BOOST_AUTO_TEST_CASE(add_returns_the_favorite_with_catalog_list_fields) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct();
  ApiResponse r = Post(kFavorites, AddBody(p), s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 201);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "id") > 0);
  std::string created = Str(d, "created_at");
  BOOST_TEST(created.size() == 20u);
  BOOST_TEST(created.back() == 'Z');
  const auto& prod = d["product"];
  BOOST_TEST(Int(prod, "id") == p);
  for (const char* k : {"sku", "name", "price", "original_price", "main_image", "category_id",
                        "is_new", "is_hot", "sold_count", "stock", "available"}) {
    BOOST_TEST_CONTEXT(k) { BOOST_TEST(prod.HasMember(k)); }
  }
  BOOST_TEST(std::llround(prod["price"].GetDouble() * 100) == 12345);
  BOOST_TEST(Int(prod, "stock") == 7);
  BOOST_TEST(prod["available"].GetBool());
  BOOST_TEST(FavCount(s) == "1");
}

BOOST_AUTO_TEST_CASE(adding_twice_is_still_one_favorite) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct();
  ApiResponse first = Post(kFavorites, AddBody(p), s.access_token);
  ApiResponse again = Post(kFavorites, AddBody(p), s.access_token);
  BOOST_TEST(first.status == 201);
  BOOST_TEST(again.status == 200);
  BOOST_TEST(Int(again.data(), "id") == Int(first.data(), "id"));
  BOOST_TEST(Str(again.data(), "created_at") == Str(first.data(), "created_at"));
  BOOST_TEST(FavCount(s) == "1");
}

BOOST_AUTO_TEST_CASE(add_unknown_or_unsellable_product_is_4003) {
  Session s = Login(UniqueCode());
  // 999999999: no such product; 221 off sale; 226 deleted; 231 draft.
  for (int64_t id : {int64_t{999999999}, int64_t{221}, int64_t{226}, int64_t{231}}) {
    BOOST_TEST_CONTEXT("product " << id) {
      ApiResponse r = Post(kFavorites, AddBody(id), s.access_token);
      BOOST_TEST(r.status == 404);
      BOOST_TEST(r.code() == 4003);
    }
  }
  BOOST_TEST(FavCount(s) == "0");
}

BOOST_AUTO_TEST_CASE(add_rejects_a_bad_product_id) {
  Session s = Login(UniqueCode());
  for (const char* id : {"0", "-1", "\"5\"", "1.5", "true", "null", "99999999999999999999"}) {
    BOOST_TEST_CONTEXT("product_id=" << id) {
      ApiResponse r = Post(kFavorites, std::string("{\"product_id\":") + id + "}", s.access_token);
      BOOST_TEST(r.status == 400);
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.has_field_error("product_id"));
    }
  }
  BOOST_TEST(FavCount(s) == "0");
}

BOOST_AUTO_TEST_CASE(add_rejects_unknown_fields_and_malformed_json) {
  Session s = Login(UniqueCode());
  ApiResponse unknown = Post(kFavorites, "{\"product_id\":1,\"user_id\":2}", s.access_token);
  BOOST_TEST(unknown.code() == 4004);
  BOOST_TEST(unknown.has_field_error("user_id"));
  for (const char* body : {"{\"product_id\":", "[1]", "1"}) {
    BOOST_TEST_CONTEXT(body) {
      ApiResponse r = Post(kFavorites, body, s.access_token);
      BOOST_TEST(r.status == 400);
      BOOST_TEST(r.code() == 4004);
    }
  }
  BOOST_TEST(FavCount(s) == "0");
}

BOOST_AUTO_TEST_CASE(list_is_newest_first_and_paged) {
  Session s = Login(UniqueCode());
  std::vector<int64_t> products;
  for (int i = 0; i < 5; ++i) {
    products.push_back(MakeProduct());
    Add(s, products.back());
  }
  // All added within a second or two: pin distinct times, and two equal ones
  // (ties broken by id DESC).
  std::string uid = std::to_string(s.user_id);
  const char* times[] = {"2024-01-01 00:00:00", "2024-01-02 00:00:00", "2024-01-03 00:00:00",
                         "2024-01-03 00:00:00", "2024-01-05 00:00:00"};
  for (int i = 0; i < 5; ++i) {
    Sql(std::string("UPDATE favorites SET created_at = '") + times[i] + "' WHERE user_id = " + uid +
        " AND product_id = " + std::to_string(products[i]));
  }
  ApiResponse page1 = Get(std::string(kFavorites) + "?per_page=2", s.access_token);
  BOOST_REQUIRE_EQUAL(page1.status, 200);
  const auto& d1 = page1.data();
  BOOST_TEST(Int(d1, "total") == 5);
  BOOST_TEST(Int(d1, "page") == 1);
  BOOST_TEST(Int(d1, "per_page") == 2);
  BOOST_TEST(d1["has_more"].GetBool());
  BOOST_REQUIRE_EQUAL(d1["items"].Size(), 2u);
  BOOST_TEST(Int(d1["items"][0]["product"], "id") == products[4]);
  BOOST_TEST(Str(d1["items"][0], "created_at") == "2024-01-05T00:00:00Z");
  BOOST_TEST(Int(d1["items"][1]["product"], "id") == products[3]);

  ApiResponse page2 = Get(std::string(kFavorites) + "?per_page=2&page=2", s.access_token);
  const auto& d2 = page2.data();
  BOOST_REQUIRE_EQUAL(d2["items"].Size(), 2u);
  BOOST_TEST(Int(d2["items"][0]["product"], "id") == products[2]);
  BOOST_TEST(Int(d2["items"][1]["product"], "id") == products[1]);

  ApiResponse page3 = Get(std::string(kFavorites) + "?per_page=2&page=3", s.access_token);
  BOOST_REQUIRE_EQUAL(page3.data()["items"].Size(), 1u);
  BOOST_TEST(!page3.data()["has_more"].GetBool());
  ApiResponse beyond = Get(std::string(kFavorites) + "?per_page=2&page=9", s.access_token);
  BOOST_TEST(beyond.data()["items"].Size() == 0u);
  BOOST_TEST(Int(beyond.data(), "total") == 5);
}

BOOST_AUTO_TEST_CASE(list_rejects_bad_paging) {
  Session s = Login(UniqueCode());
  for (const char* q : {"?per_page=0", "?per_page=101", "?page=0", "?page=x"}) {
    BOOST_TEST_CONTEXT(q) {
      ApiResponse r = Get(std::string(kFavorites) + q, s.access_token);
      BOOST_TEST(r.status == 400);
      BOOST_TEST(r.code() == 4004);
    }
  }
}

BOOST_AUTO_TEST_CASE(favorites_of_products_gone_off_sale_stay_listed_as_unavailable) {
  Session s = Login(UniqueCode());
  int64_t off = MakeProduct();
  int64_t on = MakeProduct();
  Add(s, off);
  Add(s, on);
  Sql("UPDATE products SET status = 0 WHERE id = " + std::to_string(off));
  ApiResponse r = Get(kFavorites, s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Int(r.data(), "total") == 2);
  int seen = 0;
  for (const auto& f : r.data()["items"].GetArray()) {
    int64_t id = Int(f["product"], "id");
    if (id == off) BOOST_TEST(!f["product"]["available"].GetBool());
    if (id == on) BOOST_TEST(f["product"]["available"].GetBool());
    ++seen;
  }
  BOOST_TEST(seen == 2);
  // It cannot be added again while off sale, but it can be removed.
  BOOST_TEST(Post(kFavorites, AddBody(off), s.access_token).code() == 4003);
  BOOST_TEST(Delete(Path(off), s.access_token).status == 200);
  BOOST_TEST(FavCount(s) == "1");
}

BOOST_AUTO_TEST_CASE(delete_is_idempotent) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct();
  Add(s, p);
  ApiResponse first = Delete(Path(p), s.access_token);
  BOOST_TEST(first.status == 200);
  BOOST_TEST(first.code() == 0);
  BOOST_TEST(FavCount(s) == "0");
  ApiResponse again = Delete(Path(p), s.access_token);
  BOOST_TEST(again.status == 200);
  BOOST_TEST(again.code() == 0);
  // Never favorited, or no such product: still fine.
  BOOST_TEST(Delete(Path(999999999), s.access_token).status == 200);
}

BOOST_AUTO_TEST_CASE(delete_with_a_malformed_product_id_is_4003) {
  Session s = Login(UniqueCode());
  for (const char* id : {"abc", "0", "-1"}) {
    BOOST_TEST_CONTEXT(id) {
      BOOST_TEST(Delete(std::string(kFavorites) + "/" + id, s.access_token).code() == 4003);
    }
  }
}

BOOST_AUTO_TEST_CASE(users_see_and_remove_only_their_own_favorites) {
  Session a = Login(UniqueCode());
  Session b = Login(UniqueCode());
  int64_t p = MakeProduct();
  Add(a, p);
  ApiResponse list = Get(kFavorites, b.access_token);
  BOOST_TEST(Int(list.data(), "total") == 0);
  // B removing "its" favorite of the same product leaves A's untouched.
  BOOST_TEST(Delete(Path(p), b.access_token).status == 200);
  BOOST_TEST(FavCount(a) == "1");
  Add(b, p);
  BOOST_TEST(FavCount(a) == "1");
  BOOST_TEST(FavCount(b) == "1");
}

BOOST_AUTO_TEST_CASE(catalog_detail_is_favorite_follows_changes_at_once) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct();
  BOOST_TEST(!IsFavoriteInCatalog(s, p));
  Add(s, p);
  BOOST_TEST(IsFavoriteInCatalog(s, p));
  BOOST_REQUIRE_EQUAL(Delete(Path(p), s.access_token).status, 200);
  BOOST_TEST(!IsFavoriteInCatalog(s, p));
  Session other = Login(UniqueCode());
  Add(s, p);
  BOOST_TEST(!IsFavoriteInCatalog(other, p));
}
