// The catalog write path's cache invalidation, shared by every writer of
// products or categories (admin, jobs daemon): after the MySQL commit, bump
// catalog:version (Redis list pages), delete product:{id} and category:list,
// and publish them so every worker's LocalCache evicts them too.
#pragma once

#include <cstdint>

#include "cache/redis.h"

namespace rz {

// product_id 0: categories/lists only. Returns false when Redis is unreachable
// (the caller logs it; entries then age out by their TTL).
bool InvalidateCatalog(Redis& redis, int64_t product_id);

}  // namespace rz
