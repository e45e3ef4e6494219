// Fixtures shared by the orders integration tests: the test's own products,
// addresses, cart lines and coupons written straight into the test database
// (never the shared demo rows), and small request helpers.
#pragma once

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>

#include "core/config.h"
#include "crypto/crypto.h"
#include "tests/integration/support/api.h"

namespace rz::test::orders {

constexpr char kOrders[] = "/api/v1/orders";

inline std::string S(int64_t v) { return std::to_string(v); }

// Yuan JSON number -> fen, for comparing amounts exactly.
inline int64_t Fen(const rapidjson::Value& v, const char* member) {
  BOOST_REQUIRE(v.IsObject() && v.HasMember(member) && v[member].IsNumber());
  return std::llround(v[member].GetDouble() * 100);
}

// An on-sale product of category 1 with its own sku; returns its id.
inline int64_t MakeProduct(int64_t price_fen, int64_t stock,
                           const std::string& colors = "[\"红色\", \"蓝色\"]",
                           const std::string& sizes = "[\"M\"]", int status = 1) {
  const std::string sku = "T-" + UniqueCode("p");
  Sql("INSERT INTO products (category_id, sku, name, price, original_price, stock, main_image, "
      "colors, sizes, status) VALUES (1, '" +
      sku + "', '测试商品 " + sku + "', " + S(price_fen) + ", " + S(price_fen) + ", " + S(stock) +
      ", 'https://img.example/" + sku + ".jpg', '" + colors + "', '" + sizes + "', " + S(status) +
      ")");
  return std::stoll(SqlScalar("SELECT id FROM products WHERE sku = '" + sku + "'"));
}

inline int64_t Stock(int64_t product_id) {
  return std::stoll(SqlScalar("SELECT stock FROM products WHERE id = " + S(product_id)));
}

inline const crypto::FieldCipher& Cipher() {
  static crypto::FieldCipher c(*crypto::HexDecode(StackConfig().Get("crypto.field_key")),
                               *crypto::HexDecode(StackConfig().Get("crypto.index_key")));
  return c;
}

// A default address of the user (phone encrypted as the addresses worker does).
inline int64_t MakeAddress(int64_t user_id, const std::string& phone = "13800001111") {
  const std::string tag = UniqueCode("a");
  Sql("INSERT INTO user_addresses (user_id, name, phone, phone_hash, province, city, district, "
      "detail) VALUES (" +
      S(user_id) + ", '收货人', '" + Cipher().Encrypt(phone) + "', '" + Cipher().BlindIndex(phone) +
      "', '上海市', '上海市', '浦东新区', '" + tag + "')");
  return std::stoll(SqlScalar("SELECT id FROM user_addresses WHERE detail = '" + tag + "'"));
}

inline int64_t MakeCartLine(int64_t user_id, int64_t product_id, const std::string& color,
                            const std::string& size, int64_t quantity) {
  Sql("INSERT INTO cart_items (user_id, product_id, color, size, quantity) VALUES (" + S(user_id) +
      ", " + S(product_id) + ", '" + color + "', '" + size + "', " + S(quantity) + ")");
  return std::stoll(SqlScalar("SELECT id FROM cart_items WHERE user_id = " + S(user_id) +
                              " AND product_id = " + S(product_id)));
}

// A live coupon; discount_type 1 = fixed (value fen), 2 = percent.
inline std::string MakeCoupon(int type, int64_t value, int64_t usage_limit = -1,
                              int64_t min_purchase = 0, int per_user_limit = 1) {
  const std::string code = "C" + UniqueCode();  // <= 32 characters
  Sql("INSERT INTO coupons (code, name, discount_type, discount_value, min_purchase_price, "
      "max_discount_price, usage_limit, used_count, per_user_limit, start_date, end_date, "
      "is_active, is_public) VALUES ('" +
      code + "', '测试券', " + S(type) + ", " + S(value) + ", " + S(min_purchase) + ", 0, " +
      S(usage_limit) + ", 0, " + S(per_user_limit) +
      ", '2020-01-01 00:00:00', '2099-12-31 23:59:59', 1, 1)");
  return code;
}

inline std::string ItemsBody(int64_t product_id, int64_t quantity, int64_t address_id,
                             const std::string& color = "红色", const std::string& extra = "") {
  return "{\"items\":[{\"product_id\":" + S(product_id) + ",\"color\":\"" + color +
         "\",\"quantity\":" + S(quantity) + "}],\"address_id\":" + S(address_id) + extra + "}";
}

inline ApiResponse PlaceOrder(const std::string& token, const std::string& body,
                              const std::string& idempotency_key = "") {
  std::map<std::string, std::string> headers;
  if (!idempotency_key.empty()) headers["Idempotency-Key"] = idempotency_key;
  return Call("POST", kOrders, body, token, headers);
}

inline std::string OrderPath(int64_t id, const std::string& tail = "") {
  return std::string(kOrders) + "/" + S(id) + tail;
}

}  // namespace rz::test::orders
