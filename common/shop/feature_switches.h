// Feature switches an admin flips in settings (admin.md module 8): the
// `features` setting, a JSON object of booleans {"ordering", "payment",
// "shipping"}. A missing setting or key means on. Read at most every 3 s per
// process, so a switch takes effect on every worker within seconds.
#pragma once

#include <string>

#include "cache/ttl_cache.h"
#include "db/db.h"

namespace rz {

class FeatureSwitches {
 public:
  explicit FeatureSwitches(Db& db) : db_(db) {}
  // `name`: "ordering", "payment" or "shipping". A database error reads as on
  // (the caller's own queries will report the outage).
  bool Enabled(const std::string& name);

 private:
  Db& db_;
  TtlCache<int, std::string> setting_{std::chrono::seconds(3)};  // the `features` JSON
};

}  // namespace rz
