// Business rules of the cart: which variant may be added, per-line and per-cart
// limits, stock checks, and the cart view priced at current prices.
//
// Rules (api.md "Cart"):
//  - only a product on sale can be added (else 4003, as for an unknown product);
//  - when the product lists colors (sizes), one of them must be chosen, exactly as
//    listed; a product with colors [] takes no color ("" means none) — else 4004
//    naming the field;
//  - adding an existing variant again adds to that line; a line holds 1..99
//    (4004 quantity) and no more than the product's stock (4005 out_of_stock);
//  - at most 50 lines per cart (4005 cart_full);
//  - someone else's line is 4003, like a missing one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/db.h"
#include "handlers/cart/cart_repo.h"

namespace rz::cart {

constexpr int64_t kMaxLineQuantity = 99;
constexpr int64_t kMaxLines = 50;

struct AddInput {
  int64_t product_id = 0;
  std::string color, size;  // "" = not chosen
  int64_t quantity = 1;     // 1..kMaxLineQuantity
};

struct CartView {
  std::vector<CartLine> lines;  // newest first, unavailable ones included
  Fen subtotal = 0;             // available lines only
  int64_t count = 0;            // sum of quantities of every line
};

class CartService {
 public:
  explicit CartService(Db& db) : db_(db) {}

  CartView Cart(int64_t user_id);
  // The resulting line; *created is false when an existing line grew.
  CartLine Add(int64_t user_id, const AddInput& in, bool* created);
  // Sets a line's quantity (1..99), checking stock again.
  CartLine SetQuantity(int64_t user_id, int64_t line_id, int64_t quantity);
  void Remove(int64_t user_id, int64_t line_id);
  void Clear(int64_t user_id);

 private:
  Db& db_;
  CartRepo repo_;
};

}  // namespace rz::cart
