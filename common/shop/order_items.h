// The lines of an order as stored (order_items: the snapshot taken at order
// time) — read and rendered the same way for the buyer (orders) and for staff
// (admin-orders).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/json_out.h"
#include "core/money.h"

namespace rz {

struct OrderItem {
  int64_t id = 0, product_id = 0, quantity = 0;
  std::string name, sku, image, color, size;
  Fen price = 0, subtotal = 0;
};

// The order's lines in insertion order.
std::vector<OrderItem> ReadOrderItems(soci::session& s, int64_t order_id);
// "items": [{id, product_id, product_name, product_sku, product_image, color,
// size, price, quantity, subtotal}] as a member of the current object.
void WriteOrderItems(JsonOut& j, const std::vector<OrderItem>& items);

}  // namespace rz
