// Cart SQL; see cart_repo.h.
#include "handlers/cart/cart_repo.h"

#include "db/sql.h"

namespace rz::cart {
namespace {

// Lines are joined (not left-joined) to products: products are never
// hard-deleted, so every line has its product row.
const char* kLineColumns =
    "SELECT c.id, c.product_id, p.name, p.main_image, p.price, c.color, c.size, c.quantity, "
    "p.stock, p.status FROM cart_items c JOIN products p ON p.id = c.product_id";

CartLine LineRow(const soci::row& r) {
  CartLine l;
  l.id = RowInt(r, 0);
  l.product_id = RowInt(r, 1);
  l.product_name = RowStr(r, 2);
  l.product_image = RowStr(r, 3);
  l.price = RowInt(r, 4);
  l.color = RowStr(r, 5);
  l.size = RowStr(r, 6);
  l.quantity = RowInt(r, 7);
  l.stock = RowInt(r, 8);
  l.product_status = static_cast<int>(RowInt(r, 9));
  return l;
}

long long LL(int64_t v) { return static_cast<long long>(v); }

}  // namespace

std::vector<CartLine> CartRepo::Lines(soci::session& s, int64_t user_id) {
  std::vector<CartLine> out;
  SqlQuery q(kLineColumns);
  q.Append(" WHERE c.user_id = ? ORDER BY c.created_at DESC, c.id DESC", LL(user_id));
  q.ForEach(s, [&](const soci::row& r) { out.push_back(LineRow(r)); });
  return out;
}

std::optional<CartLine> CartRepo::Line(soci::session& s, int64_t user_id, int64_t line_id) {
  std::optional<CartLine> out;
  SqlQuery q(kLineColumns);
  q.Append(" WHERE c.id = ? AND c.user_id = ?", LL(line_id), LL(user_id));
  q.ForEach(s, [&](const soci::row& r) { out = LineRow(r); });
  return out;
}

std::optional<ProductForCart> CartRepo::Product(soci::session& s, int64_t product_id) {
  std::optional<ProductForCart> out;
  SqlQuery q("SELECT id, status, stock, colors, sizes FROM products");
  q.Append(" WHERE id = ?", LL(product_id));
  q.ForEach(s, [&](const soci::row& r) {
    out = ProductForCart{RowInt(r, 0), RowInt(r, 2), static_cast<int>(RowInt(r, 1)), RowStr(r, 3),
                         RowStr(r, 4)};
  });
  return out;
}

std::optional<int64_t> CartRepo::VariantQuantity(soci::session& s, int64_t user_id,
                                                 int64_t product_id, const std::string& color,
                                                 const std::string& size) {
  std::optional<int64_t> out;
  SqlQuery q("SELECT quantity FROM cart_items");
  q.Append(" WHERE user_id = ? AND product_id = ?", LL(user_id), LL(product_id));
  q.Append(" AND color = ?", color).Append(" AND size = ?", size);
  q.ForEach(s, [&](const soci::row& r) { out = RowInt(r, 0); });
  return out;
}

int64_t CartRepo::CountLines(soci::session& s, int64_t user_id) {
  return SqlQuery()
      .Append("SELECT COUNT(*) FROM cart_items WHERE user_id = ?", LL(user_id))
      .ScalarInt(s);
}

int64_t CartRepo::AddToLine(soci::session& s, int64_t user_id, int64_t product_id,
                            const std::string& color, const std::string& size, int64_t quantity,
                            bool* created) {
  // id = LAST_INSERT_ID(id) makes LAST_INSERT_ID() name the existing line on
  // the update path too. Affected rows: 1 inserted, 2 updated.
  SqlQuery q("INSERT INTO cart_items (user_id, product_id, color, size, quantity)");
  q.Append(" VALUES (?, ?,", LL(user_id), LL(product_id));
  q.Append(" ?,", color).Append(" ?,", size).Append(" ?)", LL(quantity));
  q.Append(" ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), quantity = quantity + ?",
           LL(quantity));
  *created = q.Exec(s) == 1;
  return SqlQuery("SELECT LAST_INSERT_ID()").ScalarInt(s);
}

void CartRepo::SetQuantity(soci::session& s, int64_t user_id, int64_t line_id, int64_t quantity) {
  SqlQuery q;
  q.Append("UPDATE cart_items SET quantity = ?", LL(quantity));
  q.Append(" WHERE id = ? AND user_id = ?", LL(line_id), LL(user_id));
  q.Exec(s);
}

int64_t CartRepo::DeleteLine(soci::session& s, int64_t user_id, int64_t line_id) {
  return SqlQuery()
      .Append("DELETE FROM cart_items WHERE id = ? AND user_id = ?", LL(line_id), LL(user_id))
      .Exec(s);
}

int64_t CartRepo::DeleteAll(soci::session& s, int64_t user_id) {
  return SqlQuery().Append("DELETE FROM cart_items WHERE user_id = ?", LL(user_id)).Exec(s);
}

}  // namespace rz::cart
