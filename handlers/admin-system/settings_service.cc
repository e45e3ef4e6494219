// Settings services; see settings_service.h.
#include "handlers/admin-system/settings_service.h"

#include <map>

#include "admin/operation_log.h"
#include "core/error.h"
#include "core/json_out.h"
#include "handlers/admin-system/settings_rules.h"
#include "handlers/admin-system/system_json.h"

namespace rz::admin_system {
namespace {

const std::string kMaskedJson = std::string("\"") + kSecretMask + "\"";

void Mask(std::vector<SettingRow>& rows) {
  for (SettingRow& r : rows) {
    if (r.secret) r.value_json = kMaskedJson;
  }
}

// {"before": {...}, "after": {...}} of what changed, secrets masked.
struct Diff {
  JsonOut before, after;
  std::string names;
  Diff() {
    before.StartObject();
    after.StartObject();
  }
  void Add(const std::string& key, const std::string& old_json, const std::string& new_json) {
    before.Key(key).Raw(old_json.empty() ? "null" : old_json);
    after.Key(key).Raw(new_json);
    names += (names.empty() ? "" : ", ") + key;
  }
  std::string Json() {
    before.EndObject();
    after.EndObject();
    return "{\"before\":" + before.str() + ",\"after\":" + after.str() + "}";
  }
};

}  // namespace

SettingsView SettingsService::Get() {
  SettingsView v = db_.Run([](soci::session& s) {
    return SettingsView{repo::Settings(s), repo::ExpressCompanies(s)};
  });
  Mask(v.settings);
  return v;
}

SettingsView SettingsService::Update(const Actor& who, const SettingsUpdate& in) {
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    std::map<std::string, SettingRow> rows;
    for (SettingRow& r : repo::Settings(s, true)) rows[r.key] = std::move(r);
    std::map<std::string, ExpressRow> companies;
    for (ExpressRow& e : repo::ExpressCompanies(s, true)) companies[e.code] = std::move(e);

    std::map<std::string, std::string> errors;
    Diff diff;
    for (const auto& [key, value] : in.settings) {
      auto it = rows.find(key);
      const SettingRow* cur = it == rows.end() ? nullptr : &it->second;
      if (!IsKnownSetting(key)) {
        if (!cur) {
          errors["settings." + key] = "unknown setting";
          continue;
        }
        // The mask the console got back means "unchanged".
        if (cur->secret && value == kMaskedJson) continue;
        rapidjson::Document v;
        v.Parse(value.data(), value.size());
        if (std::string why = CheckSameType(cur->value_json, v); !why.empty()) {
          errors["settings." + key] = why;
          continue;
        }
      }
      const bool secret = cur && cur->secret;
      repo::UpsertSetting(s, key, value, who.id);
      diff.Add(key, secret ? kMaskedJson : (cur ? cur->value_json : ""),
               secret ? kMaskedJson : value);
    }

    JsonOut eb, ea;
    eb.StartArray();
    ea.StartArray();
    for (size_t i = 0; i < in.express.size(); ++i) {
      const ExpressInput& e = in.express[i];
      auto it = companies.find(e.code);
      const std::string at = "express_companies[" + std::to_string(i) + "].";
      if (it == companies.end() && (!e.name || !e.tracking_code)) {
        errors[at + (e.name ? "tracking_code" : "name")] = "required for a new company";
        continue;
      }
      ExpressRow row = it == companies.end() ? ExpressRow{e.code, "", "", true, 0} : it->second;
      if (it != companies.end()) WriteExpress(eb, row);
      row.name = e.name.value_or(row.name);
      row.tracking_code = e.tracking_code.value_or(row.tracking_code);
      row.active = e.active.value_or(row.active);
      row.sort = e.sort.value_or(row.sort);
      repo::UpsertExpress(s, row);
      WriteExpress(ea, row);
    }
    if (!errors.empty()) throw BadRequestFields(errors);
    eb.EndArray();
    ea.EndArray();

    admin::OpLog log = who.Log("settings", "update");
    log.target_type = "settings";
    log.summary = "updated settings: " + (diff.names.empty() ? "-" : diff.names) +
                  "; express companies: " + std::to_string(in.express.size());
    log.detail_json = "{\"settings\":" + diff.Json() +
                      ",\"express_companies\":{\"before\":" + eb.str() + ",\"after\":" + ea.str() +
                      "}}";
    admin::AppendOpLogInTx(s, log);
    tx.commit();
    return 0;
  });
  return Get();
}

}  // namespace rz::admin_system
