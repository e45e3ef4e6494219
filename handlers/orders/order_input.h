// Validation of the orders worker's request bodies and headers. Each parser
// names every bad field in one 4004 (nested ones as "items[2].quantity").
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"

namespace rz::orders {

struct LineInput {
  int64_t product_id = 0;
  std::string color, size;  // "" = not given
  int64_t quantity = 0;
};

// POST /orders: either explicit `items` or `from_cart` (optionally limited to
// `cart_item_ids`).
struct PlaceOrderInput {
  std::vector<LineInput> items;
  bool from_cart = false;
  std::vector<int64_t> cart_item_ids;  // empty with from_cart = the whole cart
  int64_t address_id = 0;
  std::optional<std::string> coupon_code;
  std::string remark;
};

struct RefundInput {
  std::string reason;
  std::optional<Fen> amount;  // default: everything still refundable
  std::vector<std::string> images;
};

constexpr size_t kMaxOrderLines = 50;
constexpr int64_t kMaxLineQuantity = 99;

PlaceOrderInput ParsePlaceOrder(const rapidjson::Value& body);
// The Idempotency-Key header: "" when absent, else 1..64 visible ASCII characters (4004).
std::string ParseIdempotencyKey(const std::string& header);
RefundInput ParseRefund(const rapidjson::Value& body);
// POST /orders/{id}/cancel {reason?}: the reason, "" when none.
std::string ParseCancel(const rapidjson::Value& body);
// A body that must carry no fields (POST /orders/{id}/confirm).
void ParseEmpty(const rapidjson::Value& body);

}  // namespace rz::orders
