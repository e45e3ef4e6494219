// Favorites service; see favorite_service.h.
#include "handlers/favorites/favorite_service.h"

#include "core/error.h"

namespace rz::favorites {

std::vector<FavoriteRow> FavoriteService::Page(int64_t user_id, int64_t limit, int64_t offset,
                                               int64_t* total) {
  return repo_.Page(user_id, limit, offset, total);
}

FavoriteRow FavoriteService::Add(int64_t user_id, int64_t product_id, bool* created) {
  if (!repo_.ProductOnSale(product_id)) throw NotFound("product not found or not on sale");
  *created = repo_.Add(user_id, product_id);
  auto row = repo_.Find(user_id, product_id);
  // Only a concurrent DELETE of the same favorite gets here.
  if (!row) throw NotFound("favorite not found");
  return *row;
}

void FavoriteService::Remove(int64_t user_id, int64_t product_id) {
  repo_.Remove(user_id, product_id);
}

}  // namespace rz::favorites
