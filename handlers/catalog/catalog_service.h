// Catalog reads with Redis cache-aside (data.md): product detail in
// product:{id} (1 h; deleted by every product write), list pages in
// product:list:{filters} tagged with catalog:version (bumped by every write),
// categories in category:list (12 h). Redis failures fall back to MySQL.
#pragma once

#include <cstdint>
#include <string>

#include "cache/redis.h"
#include "handlers/catalog/catalog_repo.h"

namespace rz::catalog {

class CatalogService {
 public:
  CatalogService(rz::Db& db, rz::Redis& redis) : repo_(db), redis_(redis) {}

  // `data` JSON of GET /products/{id}; 4003 when not on sale. user_id 0 = anonymous.
  std::string ProductDetail(int64_t id, int64_t user_id);
  // `data` JSON of a paged list; `search_keyword` is added when set.
  std::string ProductList(const ListFilter& f, int64_t page, int64_t per_page,
                          const std::string& search_keyword);
  std::string Categories();
  std::string Banners(const std::string& position);
  std::string Recommendations(const std::string& position, int64_t limit);
  std::string Page(const std::string& key);
  // Appends an analytics event to stream:events; 5002 when Redis is down.
  void RecordEvent(const std::string& type, int64_t product_id, const std::string& position,
                   int64_t user_id);

  static std::string ProductKey(int64_t id) { return "product:" + std::to_string(id); }
  static constexpr const char* kCategoryKey = "category:list";
  static constexpr const char* kVersionKey = "catalog:version";

 private:
  CatalogRepo repo_;
  rz::Redis& redis_;
};

// Cache key suffix for a list filter (stable for equal filters).
std::string ListCacheKey(const ListFilter& f);

}  // namespace rz::catalog
