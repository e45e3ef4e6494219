// Integration tests of the cart worker over HTTP through nginx: the cart view
// at current prices, adding variants, per-line and per-cart limits, stock
// checks, input validation and ownership of lines.
#define BOOST_TEST_MODULE cart
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/integration/support/api.h"

using namespace rz::test;

namespace {

const char kCart[] = "/api/v1/cart";
const char kItems[] = "/api/v1/cart/items";

std::string ItemPath(int64_t id) { return std::string(kItems) + "/" + std::to_string(id); }
std::string ItemPath(const std::string& id) { return std::string(kItems) + "/" + id; }

// Yuan JSON number -> fen, for comparing amounts.
int64_t Fen(const rapidjson::Value& v, const char* member) {
  BOOST_REQUIRE(v.IsObject() && v.HasMember(member) && v[member].IsNumber());
  return std::llround(v[member].GetDouble() * 100);
}

// A product of this test's own (never a shared demo product), on sale unless told.
int64_t MakeProduct(int64_t price_fen, int64_t stock, const std::string& colors = "[]",
                    const std::string& sizes = "[]", int status = 1) {
  std::string sku = "T-CART-" + UniqueCode();
  Sql("INSERT INTO products (category_id, sku, name, price, original_price, stock, main_image, "
      "colors, sizes, status) VALUES (1, '" +
      sku + "', '测试商品 " + sku + "', " + std::to_string(price_fen) + ", " +
      std::to_string(price_fen) + ", " + std::to_string(stock) + ", 'https://img.example/" + sku +
      ".jpg', '" + colors + "', '" + sizes + "', " + std::to_string(status) + ")");
  return std::stoll(SqlScalar("SELECT id FROM products WHERE sku = '" + sku + "'"));
}

std::string AddBody(int64_t product_id, int64_t quantity, const std::string& extra = "") {
  return "{\"product_id\":" + std::to_string(product_id) +
         ",\"quantity\":" + std::to_string(quantity) + extra + "}";
}

// Adds a line and returns its id; fails the test on error.
int64_t AddLine(const Session& s, int64_t product_id, int64_t quantity,
                const std::string& extra = "") {
  ApiResponse r = Post(kItems, AddBody(product_id, quantity, extra), s.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 200 || r.status == 201, r.body);
  return Int(r.data(), "id");
}

std::string LineQuantity(int64_t line_id) {
  return SqlScalar("SELECT quantity FROM cart_items WHERE id = " + std::to_string(line_id));
}

std::string LineCount(const Session& s) {
  return SqlScalar("SELECT COUNT(*) FROM cart_items WHERE user_id = " + std::to_string(s.user_id));
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_cart_endpoint_needs_a_token) {
  const std::vector<std::pair<std::string, std::string>> calls = {{"GET", kCart},
                                                                  {"DELETE", kCart},
                                                                  {"POST", kItems},
                                                                  {"PUT", ItemPath(1)},
                                                                  {"DELETE", ItemPath(1)}};
  for (const auto& [method, path] : calls) {
    BOOST_TEST_CONTEXT(method << " " << path) {
      ApiResponse r = Call(method, path, method == "GET" || method == "DELETE" ? "" : "{}");
      BOOST_TEST(r.status == 401);
      BOOST_TEST(r.code() == 4001);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_new_users_cart_is_empty) {
  Session s = Login(UniqueCode());
  ApiResponse r = Get(kCart, s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.data()["items"].IsArray());
  BOOST_TEST(r.data()["items"].Size() == 0u);
  BOOST_TEST(Fen(r.data(), "subtotal") == 0);
  BOOST_TEST(Int(r.data(), "count") == 0);
}

BOOST_AUTO_TEST_CASE(add_creates_a_line_of_the_chosen_variant) {
  Session s = Login(UniqueCode());
  ApiResponse r =
      Post(kItems, AddBody(1, 2, ",\"color\":\"白色\",\"size\":\"均码\""), s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 201);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "product_id") == 1);
  BOOST_TEST(Str(d, "product_name") == SqlScalar("SELECT name FROM products WHERE id = 1"));
  BOOST_TEST(Str(d, "product_image") == SqlScalar("SELECT main_image FROM products WHERE id = 1"));
  BOOST_TEST(Fen(d, "price") == 1790000);
  BOOST_TEST(Str(d, "color") == "白色");
  BOOST_TEST(Str(d, "size") == "均码");
  BOOST_TEST(Int(d, "quantity") == 2);
  BOOST_TEST(Fen(d, "subtotal") == 3580000);
  BOOST_TEST(d["available"].GetBool());
  BOOST_TEST(d.HasMember("stock"));
  BOOST_TEST(LineQuantity(Int(d, "id")) == "2");
  BOOST_TEST(SqlScalar("SELECT user_id FROM cart_items WHERE id = " +
                       std::to_string(Int(d, "id"))) == std::to_string(s.user_id));
}

BOOST_AUTO_TEST_CASE(adding_the_same_variant_again_adds_to_its_line) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 50);
  int64_t first = AddLine(s, p, 3);
  ApiResponse r = Post(kItems, AddBody(p, 4), s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);  // an existing line grew: not a create
  BOOST_TEST(Int(r.data(), "id") == first);
  BOOST_TEST(Int(r.data(), "quantity") == 7);
  BOOST_TEST(LineCount(s) == "1");
  BOOST_TEST(LineQuantity(first) == "7");
}

BOOST_AUTO_TEST_CASE(different_variants_are_different_lines) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 50, "[\"红\",\"蓝\"]", "[\"S\",\"M\"]");
  int64_t a = AddLine(s, p, 1, ",\"color\":\"红\",\"size\":\"S\"");
  int64_t b = AddLine(s, p, 1, ",\"color\":\"蓝\",\"size\":\"S\"");
  int64_t c = AddLine(s, p, 1, ",\"color\":\"红\",\"size\":\"M\"");
  BOOST_TEST(a != b);
  BOOST_TEST(a != c);
  BOOST_TEST(b != c);
  BOOST_TEST(LineCount(s) == "3");
}

BOOST_AUTO_TEST_CASE(concurrent_adds_of_one_variant_all_count) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 500);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      ApiResponse r = Post(kItems, AddBody(p, 2), s.access_token);
      if (r.status == 200 || r.status == 201) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(ok.load() == 8);
  BOOST_TEST(LineCount(s) == "1");
  BOOST_TEST(SqlScalar("SELECT quantity FROM cart_items WHERE user_id = " +
                       std::to_string(s.user_id)) == "16");
}

BOOST_AUTO_TEST_CASE(add_rejects_a_bad_quantity) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 500);
  for (const char* q : {"0", "-1", "1000000000000", "100", "\"x\"", "\"5\"", "1.5", "true", "null",
                        "99999999999999999999"}) {
    BOOST_TEST_CONTEXT("quantity=" << q) {
      ApiResponse r =
          Post(kItems, "{\"product_id\":" + std::to_string(p) + ",\"quantity\":" + q + "}",
               s.access_token);
      BOOST_TEST(r.status == 400);
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.has_field_error("quantity"));
    }
  }
  ApiResponse missing = Post(kItems, "{\"product_id\":" + std::to_string(p) + "}", s.access_token);
  BOOST_TEST(missing.code() == 4004);
  BOOST_TEST(missing.has_field_error("quantity"));
  BOOST_TEST(LineCount(s) == "0");
}

BOOST_AUTO_TEST_CASE(add_rejects_a_bad_product_id) {
  Session s = Login(UniqueCode());
  for (const char* id : {"0", "-1", "\"1\"", "1.5", "true", "[1]"}) {
    BOOST_TEST_CONTEXT("product_id=" << id) {
      ApiResponse r =
          Post(kItems, std::string("{\"product_id\":") + id + ",\"quantity\":1}", s.access_token);
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.has_field_error("product_id"));
    }
  }
  ApiResponse missing = Post(kItems, "{\"quantity\":1}", s.access_token);
  BOOST_TEST(missing.code() == 4004);
  BOOST_TEST(missing.has_field_error("product_id"));
}

BOOST_AUTO_TEST_CASE(add_unknown_or_unsellable_product_is_4003) {
  Session s = Login(UniqueCode());
  // 999999999: no such product; 221 off sale; 226 deleted; 231 draft.
  for (int64_t id : {int64_t{999999999}, int64_t{221}, int64_t{226}, int64_t{231}}) {
    BOOST_TEST_CONTEXT("product " << id) {
      ApiResponse r = Post(kItems, AddBody(id, 1), s.access_token);
      BOOST_TEST(r.status == 404);
      BOOST_TEST(r.code() == 4003);
    }
  }
  BOOST_TEST(LineCount(s) == "0");
}

BOOST_AUTO_TEST_CASE(add_color_or_size_not_among_the_options_is_4004) {
  Session s = Login(UniqueCode());
  ApiResponse color =
      Post(kItems, AddBody(1, 1, ",\"color\":\"紫色\",\"size\":\"均码\""), s.access_token);
  BOOST_TEST(color.code() == 4004);
  BOOST_TEST(color.has_field_error("color"));
  BOOST_TEST(!color.has_field_error("size"));
  ApiResponse size =
      Post(kItems, AddBody(1, 1, ",\"color\":\"黑色\",\"size\":\"XXL\""), s.access_token);
  BOOST_TEST(size.code() == 4004);
  BOOST_TEST(size.has_field_error("size"));
  // Exact match only: case and surrounding spaces count.
  int64_t p = MakeProduct(1000, 10, "[\"Red\"]");
  for (const char* c : {"red", " Red", "RED"}) {
    BOOST_TEST_CONTEXT(c) {
      ApiResponse r =
          Post(kItems, AddBody(p, 1, std::string(",\"color\":\"") + c + "\""), s.access_token);
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.has_field_error("color"));
    }
  }
  BOOST_TEST(LineCount(s) == "0");
}

BOOST_AUTO_TEST_CASE(add_needs_a_choice_when_the_product_has_options) {
  Session s = Login(UniqueCode());
  ApiResponse r = Post(kItems, AddBody(1, 1), s.access_token);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("color"));
  BOOST_TEST(r.has_field_error("size"));
  BOOST_TEST(LineCount(s) == "0");
}

BOOST_AUTO_TEST_CASE(add_a_color_to_a_product_without_colors_is_4004) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 10);  // colors [] sizes []
  ApiResponse r = Post(kItems, AddBody(p, 1, ",\"color\":\"黑色\""), s.access_token);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("color"));
  // "" is the same as no choice.
  ApiResponse empty = Post(kItems, AddBody(p, 1, ",\"color\":\"\",\"size\":\"\""), s.access_token);
  BOOST_TEST(empty.status == 201);
  BOOST_TEST(Str(empty.data(), "color") == "");
}

BOOST_AUTO_TEST_CASE(add_rejects_unknown_fields_and_wrong_types) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 10);
  ApiResponse unknown = Post(kItems, AddBody(p, 1, ",\"price\":0.01"), s.access_token);
  BOOST_TEST(unknown.code() == 4004);
  BOOST_TEST(unknown.has_field_error("price"));
  ApiResponse user = Post(kItems, AddBody(p, 1, ",\"user_id\":1"), s.access_token);
  BOOST_TEST(user.code() == 4004);
  BOOST_TEST(user.has_field_error("user_id"));
  ApiResponse color = Post(kItems, AddBody(p, 1, ",\"color\":5"), s.access_token);
  BOOST_TEST(color.code() == 4004);
  BOOST_TEST(color.has_field_error("color"));
  BOOST_TEST(LineCount(s) == "0");
}

BOOST_AUTO_TEST_CASE(add_malformed_json_is_4004) {
  Session s = Login(UniqueCode());
  for (const char* body : {"{\"product_id\":1,", "not json", "[1,2]", "\"x\""}) {
    BOOST_TEST_CONTEXT(body) {
      ApiResponse r = Post(kItems, body, s.access_token);
      BOOST_TEST(r.status == 400);
      BOOST_TEST(r.code() == 4004);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_line_holds_at_most_99) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 1000);
  int64_t line = AddLine(s, p, 60);
  ApiResponse r = Post(kItems, AddBody(p, 40), s.access_token);
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("quantity"));
  BOOST_TEST(LineQuantity(line) == "60");
  BOOST_TEST(Post(kItems, AddBody(p, 39), s.access_token).status == 200);
  BOOST_TEST(LineQuantity(line) == "99");
}

BOOST_AUTO_TEST_CASE(add_beyond_stock_is_out_of_stock) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 3);
  int64_t line = AddLine(s, p, 2);
  ApiResponse r = Post(kItems, AddBody(p, 2), s.access_token);
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(r.error_type() == "out_of_stock");
  BOOST_TEST(LineQuantity(line) == "2");
  ApiResponse none = Post(kItems, AddBody(MakeProduct(1000, 0), 1), s.access_token);
  BOOST_TEST(none.code() == 4005);
  BOOST_TEST(none.error_type() == "out_of_stock");
  BOOST_TEST(LineCount(s) == "1");
}

BOOST_AUTO_TEST_CASE(a_cart_holds_at_most_50_lines) {
  Session s = Login(UniqueCode());
  std::string sizes = "[";
  for (int i = 1; i <= 51; ++i) sizes += (i > 1 ? ",\"s" : "\"s") + std::to_string(i) + "\"";
  sizes += "]";
  int64_t p = MakeProduct(100, 1000, "[]", sizes);
  int64_t first = 0;
  for (int i = 1; i <= 50; ++i) {
    int64_t id = AddLine(s, p, 1, ",\"size\":\"s" + std::to_string(i) + "\"");
    if (i == 1) first = id;
  }
  ApiResponse r = Post(kItems, AddBody(p, 1, ",\"size\":\"s51\""), s.access_token);
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(r.error_type() == "cart_full");
  BOOST_TEST(LineCount(s) == "50");
  // A full cart still takes more of a line it has.
  BOOST_TEST(Post(kItems, AddBody(p, 1, ",\"size\":\"s1\""), s.access_token).status == 200);
  BOOST_TEST(LineQuantity(first) == "2");
}

BOOST_AUTO_TEST_CASE(cart_flags_unavailable_lines_and_sums_available_ones) {
  Session s = Login(UniqueCode());
  int64_t ok = MakeProduct(1250, 10);
  int64_t off = MakeProduct(5000, 10);
  int64_t low = MakeProduct(7000, 10);
  int64_t ok_line = AddLine(s, ok, 2);
  int64_t off_line = AddLine(s, off, 1);
  int64_t low_line = AddLine(s, low, 3);
  Sql("UPDATE products SET status = 0 WHERE id = " + std::to_string(off));
  Sql("UPDATE products SET stock = 2 WHERE id = " + std::to_string(low));

  ApiResponse r = Get(kCart, s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& items = r.data()["items"];
  BOOST_REQUIRE_EQUAL(items.Size(), 3u);  // flagged, not dropped
  // Newest first.
  BOOST_TEST(Int(items[0], "id") == low_line);
  BOOST_TEST(Int(items[1], "id") == off_line);
  BOOST_TEST(Int(items[2], "id") == ok_line);
  BOOST_TEST(!items[0]["available"].GetBool());
  BOOST_TEST(Int(items[0], "stock") == 2);
  BOOST_TEST(!items[1]["available"].GetBool());
  BOOST_TEST(items[2]["available"].GetBool());
  BOOST_TEST(Fen(items[2], "subtotal") == 2500);
  BOOST_TEST(Fen(r.data(), "subtotal") == 2500);
  BOOST_TEST(Int(r.data(), "count") == 6);
}

BOOST_AUTO_TEST_CASE(cart_shows_current_prices) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 10);
  AddLine(s, p, 3);
  Sql("UPDATE products SET price = 1999 WHERE id = " + std::to_string(p));
  ApiResponse r = Get(kCart, s.access_token);
  const auto& line = r.data()["items"][0];
  BOOST_TEST(Fen(line, "price") == 1999);
  BOOST_TEST(Fen(line, "subtotal") == 5997);
  BOOST_TEST(Fen(r.data(), "subtotal") == 5997);
}

BOOST_AUTO_TEST_CASE(put_sets_the_quantity_and_returns_the_line) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 50);
  int64_t line = AddLine(s, p, 5);
  ApiResponse r = Put(ItemPath(line), "{\"quantity\":2}", s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Int(r.data(), "id") == line);
  BOOST_TEST(Int(r.data(), "quantity") == 2);
  BOOST_TEST(Fen(r.data(), "subtotal") == 2000);
  BOOST_TEST(LineQuantity(line) == "2");
  BOOST_TEST(Put(ItemPath(line), "{\"quantity\":2}", s.access_token).status == 200);  // no change
}

BOOST_AUTO_TEST_CASE(put_rejects_a_bad_quantity) {
  Session s = Login(UniqueCode());
  int64_t line = AddLine(s, MakeProduct(1000, 500), 5);
  for (const char* q : {"0", "-1", "1000000000000", "100", "\"x\"", "1.5", "null"}) {
    BOOST_TEST_CONTEXT("quantity=" << q) {
      ApiResponse r = Put(ItemPath(line), std::string("{\"quantity\":") + q + "}", s.access_token);
      BOOST_TEST(r.code() == 4004);
      BOOST_TEST(r.has_field_error("quantity"));
    }
  }
  ApiResponse unknown = Put(ItemPath(line), "{\"quantity\":1,\"product_id\":2}", s.access_token);
  BOOST_TEST(unknown.code() == 4004);
  BOOST_TEST(unknown.has_field_error("product_id"));
  BOOST_TEST(Put(ItemPath(line), "{\"quantity\":", s.access_token).code() == 4004);
  BOOST_TEST(LineQuantity(line) == "5");
}

BOOST_AUTO_TEST_CASE(put_beyond_stock_is_out_of_stock) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 4);
  int64_t line = AddLine(s, p, 1);
  ApiResponse r = Put(ItemPath(line), "{\"quantity\":5}", s.access_token);
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(r.error_type() == "out_of_stock");
  BOOST_TEST(LineQuantity(line) == "1");
  BOOST_TEST(Put(ItemPath(line), "{\"quantity\":4}", s.access_token).status == 200);
}

BOOST_AUTO_TEST_CASE(put_on_a_line_no_longer_on_sale_is_4005) {
  Session s = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 40);
  int64_t line = AddLine(s, p, 1);
  Sql("UPDATE products SET status = 0 WHERE id = " + std::to_string(p));
  ApiResponse r = Put(ItemPath(line), "{\"quantity\":2}", s.access_token);
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(LineQuantity(line) == "1");
}

BOOST_AUTO_TEST_CASE(another_users_line_is_4003_and_stays_unchanged) {
  Session a = Login(UniqueCode());
  Session b = Login(UniqueCode());
  int64_t line = AddLine(a, MakeProduct(1000, 50), 3);
  ApiResponse put = Put(ItemPath(line), "{\"quantity\":9}", b.access_token);
  BOOST_TEST(put.status == 404);
  BOOST_TEST(put.code() == 4003);
  ApiResponse del = Delete(ItemPath(line), b.access_token);
  BOOST_TEST(del.status == 404);
  BOOST_TEST(del.code() == 4003);
  BOOST_TEST(LineQuantity(line) == "3");
  BOOST_TEST(Get(kCart, b.access_token).data()["items"].Size() == 0u);
  BOOST_TEST(Get(kCart, a.access_token).data()["items"].Size() == 1u);
}

BOOST_AUTO_TEST_CASE(unknown_or_malformed_line_ids_are_4003) {
  Session s = Login(UniqueCode());
  for (const std::string& id :
       {std::string("999999999999"), std::string("abc"), std::string("0"), std::string("-1")}) {
    BOOST_TEST_CONTEXT(id) {
      BOOST_TEST(Put(ItemPath(id), "{\"quantity\":1}", s.access_token).code() == 4003);
      BOOST_TEST(Delete(ItemPath(id), s.access_token).code() == 4003);
    }
  }
}

BOOST_AUTO_TEST_CASE(delete_removes_the_line_and_returns_the_cart) {
  Session s = Login(UniqueCode());
  int64_t keep = AddLine(s, MakeProduct(1000, 50), 1);
  int64_t gone = AddLine(s, MakeProduct(2000, 50), 2);
  ApiResponse r = Delete(ItemPath(gone), s.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& items = r.data()["items"];
  BOOST_REQUIRE_EQUAL(items.Size(), 1u);
  BOOST_TEST(Int(items[0], "id") == keep);
  BOOST_TEST(Int(r.data(), "count") == 1);
  BOOST_TEST(Fen(r.data(), "subtotal") == 1000);
  BOOST_TEST(LineQuantity(gone) == "");
  BOOST_TEST(Delete(ItemPath(gone), s.access_token).code() == 4003);  // already gone
}

BOOST_AUTO_TEST_CASE(delete_cart_empties_only_the_callers_cart) {
  Session a = Login(UniqueCode());
  Session b = Login(UniqueCode());
  int64_t p = MakeProduct(1000, 50);
  AddLine(a, p, 1);
  AddLine(a, MakeProduct(1000, 50), 1);
  AddLine(b, p, 2);
  ApiResponse r = Delete(kCart, a.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.data()["items"].Size() == 0u);
  BOOST_TEST(Int(r.data(), "count") == 0);
  BOOST_TEST(LineCount(a) == "0");
  BOOST_TEST(LineCount(b) == "1");
  BOOST_TEST(Delete(kCart, a.access_token).status == 200);  // empty again: still fine
}
