// Order lines: read and render; see order_items.h.
#include "shop/order_items.h"

#include "db/sql.h"

namespace rz {

std::vector<OrderItem> ReadOrderItems(soci::session& s, int64_t order_id) {
  SqlQuery q(
      "SELECT id, product_id, product_name, product_sku, product_image, color, size, price, "
      "quantity, subtotal FROM order_items");
  q.Append(" WHERE order_id = ? ORDER BY id", static_cast<long long>(order_id));
  std::vector<OrderItem> out;
  q.ForEach(s, [&](const soci::row& r) {
    OrderItem i;
    i.id = RowInt(r, 0);
    i.product_id = RowInt(r, 1);
    i.name = RowStr(r, 2);
    i.sku = RowStr(r, 3);
    i.image = RowStr(r, 4);
    i.color = RowStr(r, 5);
    i.size = RowStr(r, 6);
    i.price = RowInt(r, 7);
    i.quantity = RowInt(r, 8);
    i.subtotal = RowInt(r, 9);
    out.push_back(std::move(i));
  });
  return out;
}

void WriteOrderItems(JsonOut& j, const std::vector<OrderItem>& items) {
  j.Key("items").StartArray();
  for (const OrderItem& i : items) {
    j.StartObject();
    j.Key("id").Int(i.id).Key("product_id").Int(i.product_id);
    j.Key("product_name").String(i.name).Key("product_sku").String(i.sku);
    j.Key("product_image").String(i.image);
    j.Key("color").String(i.color).Key("size").String(i.size);
    j.Key("price").Money(i.price).Key("quantity").Int(i.quantity);
    j.Key("subtotal").Money(i.subtotal);
    j.EndObject();
  }
  j.EndArray();
}

}  // namespace rz
