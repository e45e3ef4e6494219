// Catalog cache invalidation (see catalog_cache.h).
#include "cache/catalog_cache.h"

#include <string>
#include <vector>

#include "cache/local_cache.h"

namespace rz {

bool InvalidateCatalog(Redis& redis, int64_t product_id) {
  bool ok = redis.Command({"INCR", "catalog:version"}).ok;
  std::vector<std::string> keys = {"product:list:*", "category:list"};
  if (product_id > 0) keys.push_back("product:" + std::to_string(product_id));
  return InvalidateKeys(redis, keys) && ok;
}

}  // namespace rz
