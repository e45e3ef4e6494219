// Catalog reads with two cache levels in front of MySQL: the process's
// LocalCache (evicted over pub/sub, see cache/local_cache.h) and Redis
// cache-aside (data.md): product detail in product:{id} (1 h), list pages in
// product:list:{filters} tagged with catalog:version, categories in
// category:list (12 h). Redis failures fall back to MySQL.
//
// The catalog write path (admin) must, after committing: INCR catalog:version
// and InvalidateKeys({"product:{id}", "product:list:*", "category:list"}).
#pragma once

#include <cstdint>
#include <string>

#include "cache/local_cache.h"
#include "cache/redis.h"
#include "handlers/catalog/catalog_repo.h"

namespace rz::catalog {

class CatalogService {
 public:
  CatalogService(Db& db, Redis& redis, LocalCache& local)
      : repo_(db), redis_(redis), local_(local) {}

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
  // Cached value of `key` from the local cache, else Redis; `fill` computes it on a full miss.
  template <class Fill>
  std::string Cached(const std::string& key, int ttl, Fill&& fill);

  CatalogRepo repo_;
  Redis& redis_;
  LocalCache& local_;
};

// Cache key suffix for a list filter (stable for equal filters).
std::string ListCacheKey(const ListFilter& f);

}  // namespace rz::catalog
