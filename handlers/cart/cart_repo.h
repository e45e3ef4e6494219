// All SQL of the cart area (cart_items, read joined to products). Every method
// runs on the caller's session so the service can group them in a transaction;
// values are always bound, and every line is addressed with its user_id.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"

namespace rz::cart {

// A cart line with the product's current name, image, price, stock and status.
struct CartLine {
  int64_t id = 0, product_id = 0, quantity = 0, stock = 0;
  int product_status = 0;
  std::string product_name, product_image, color, size;
  Fen price = 0;

  // Orderable now: the product is on sale and has stock for the whole line.
  bool available() const { return product_status == 1 && stock >= quantity; }
  Fen subtotal() const { return price * quantity; }
};

// What adding to the cart needs to know about a product.
struct ProductForCart {
  int64_t id = 0, stock = 0;
  int status = 0;
  std::string colors_json, sizes_json;  // JSON arrays as stored
};

class CartRepo {
 public:
  // The user's lines, newest first, in one query.
  std::vector<CartLine> Lines(soci::session& s, int64_t user_id);
  std::optional<CartLine> Line(soci::session& s, int64_t user_id, int64_t line_id);
  // Any status; nullopt when there is no such product.
  std::optional<ProductForCart> Product(soci::session& s, int64_t product_id);
  // Quantity of the user's line for this variant, if there is one.
  std::optional<int64_t> VariantQuantity(soci::session& s, int64_t user_id, int64_t product_id,
                                         const std::string& color, const std::string& size);
  int64_t CountLines(soci::session& s, int64_t user_id);
  // Inserts the line or adds `quantity` to the existing one (one statement).
  // Returns the line id; *created tells which of the two happened.
  int64_t AddToLine(soci::session& s, int64_t user_id, int64_t product_id, const std::string& color,
                    const std::string& size, int64_t quantity, bool* created);
  void SetQuantity(soci::session& s, int64_t user_id, int64_t line_id, int64_t quantity);
  // Deleted rows (0 when the line is not the user's).
  int64_t DeleteLine(soci::session& s, int64_t user_id, int64_t line_id);
  int64_t DeleteAll(soci::session& s, int64_t user_id);
};

}  // namespace rz::cart
