// System settings (admin.md module 8): every settings row with secrets masked
// (settings:read), and one transactional update of settings values and
// express companies (settings:write, which only super_admin holds by default)
// logged with its before/after, secrets masked there too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/db.h"
#include "handlers/admin-system/actor.h"
#include "handlers/admin-system/system_repo.h"

namespace rz::admin_system {

struct ExpressInput {
  std::string code;
  std::optional<std::string> name, tracking_code;  // required for a new company
  std::optional<bool> active;
  std::optional<int64_t> sort;
};

// A PUT /settings body whose known keys already passed settings_rules.
struct SettingsUpdate {
  std::vector<std::pair<std::string, std::string>> settings;  // key -> compact JSON
  std::vector<ExpressInput> express;
};

struct SettingsView {
  std::vector<SettingRow> settings;  // secret values replaced by "******"
  std::vector<ExpressRow> express;
};

class SettingsService {
 public:
  explicit SettingsService(Db& db) : db_(db) {}

  SettingsView Get();
  // 4004 naming each bad key (settings.<key>) or company (express_companies[i].field):
  // a key that is neither known nor already stored, a stored key written with another
  // JSON type, a new company without name/tracking_code. A secret written as "******"
  // keeps its value. Companies are upserted by code.
  SettingsView Update(const Actor& who, const SettingsUpdate& in);

 private:
  Db& db_;
};

}  // namespace rz::admin_system
