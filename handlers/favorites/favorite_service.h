// Business rules of favorites (api.md "Favorites"):
//  - only a product on sale can be added (else 4003); adding twice is still one
//    favorite and keeps its original created_at;
//  - removing is idempotent (removing what is not there succeeds);
//  - the list keeps favorites whose product went off sale or was deleted, with
//    product.available false, so the user can still see and remove them.
#pragma once

#include <cstdint>
#include <vector>

#include "handlers/favorites/favorite_repo.h"

namespace rz::favorites {

class FavoriteService {
 public:
  explicit FavoriteService(Db& db) : repo_(db) {}

  std::vector<FavoriteRow> Page(int64_t user_id, int64_t limit, int64_t offset, int64_t* total);
  // The favorite; *created is false when it already existed.
  FavoriteRow Add(int64_t user_id, int64_t product_id, bool* created);
  void Remove(int64_t user_id, int64_t product_id);

 private:
  FavoriteRepo repo_;
};

}  // namespace rz::favorites
