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
#include <optional>
#include <string>
#include <vector>

#include "cache/redis.h"
#include "db/db.h"
#include "handlers/cart/cart_repo.h"
#include "shop/cart_view.h"

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

// The rendered GET /cart of a user is kept in Redis (cart:view:{user}) for
// kViewTtlSeconds: every cart write of this service and every order placement
// delete it before answering, so a user always reads their own writes; what
// other parties change (stock, prices) shows up within that TTL. Orders re-check
// stock and price in their own transaction, so a lagging view cannot oversell.
constexpr int kViewTtlSeconds = 2;

class CartService {
 public:
  CartService(Db& db, Redis& redis) : db_(db), redis_(redis) {}

  // Cached rendered view, or nullopt (also when Redis is down).
  std::optional<std::string> CachedView(int64_t user_id);
  void StoreView(int64_t user_id, const std::string& json);

  CartView Cart(int64_t user_id);
  // The resulting line; *created is false when an existing line grew.
  CartLine Add(int64_t user_id, const AddInput& in, bool* created);
  // Sets a line's quantity (1..99), checking stock again.
  CartLine SetQuantity(int64_t user_id, int64_t line_id, int64_t quantity);
  void Remove(int64_t user_id, int64_t line_id);
  void Clear(int64_t user_id);

 private:
  void ForgetView(int64_t user_id);

  Db& db_;
  Redis& redis_;
  CartRepo repo_;
};

}  // namespace rz::cart
