// All SQL of the favorites area (favorites joined to products). Values are
// always bound; every row is addressed with its user_id. The catalog worker
// reads the same table for is_favorite, so there is no cache to invalidate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "db/db.h"

namespace rz::favorites {

// A favorite with the product's catalog list fields and its status.
struct FavoriteRow {
  int64_t id = 0;
  std::string created_at;  // ISO 8601 UTC
  int64_t product_id = 0, category_id = 0, sold_count = 0, stock = 0;
  std::string sku, name, main_image;
  Fen price = 0, original_price = 0;
  bool is_new = false, is_hot = false;
  int status = 0;  // products.status; 1 = on sale
};

class FavoriteRepo {
 public:
  explicit FavoriteRepo(Db& db) : db_(db) {}

  // One page, newest first (created_at DESC, id DESC), and the user's total.
  std::vector<FavoriteRow> Page(int64_t user_id, int64_t limit, int64_t offset, int64_t* total);
  std::optional<FavoriteRow> Find(int64_t user_id, int64_t product_id);
  bool ProductOnSale(int64_t product_id);
  // INSERT IGNORE; true when a row was added, false when it already existed.
  bool Add(int64_t user_id, int64_t product_id);
  void Remove(int64_t user_id, int64_t product_id);

 private:
  Db& db_;
};

}  // namespace rz::favorites
