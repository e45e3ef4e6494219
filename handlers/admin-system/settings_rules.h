// The settings other workers read from the settings table, each with its
// strict shape (admin.md module 8; amounts in integer fen):
//   payment_timeout_minutes  int 5..1440
//   shipping_fee             {"flat_fee": fen >= 0, "free_threshold": fen >= 0}
//   auto_complete_days       int 1..60
//   features                 {"ordering": bool, "payment": bool, "shipping": bool}
//   payment_fee_rate_bp      int 0..1000 (basis points)
// Other keys may only be written when a row for them already exists (site
// info, secrets added by operators), and only with the JSON type they hold.
#pragma once

#include <rapidjson/document.h>

#include <string>

namespace rz::admin_system {

constexpr char kSecretMask[] = "******";

bool IsKnownSetting(const std::string& key);
// "" when `v` fits the known key's shape, else why not.
std::string CheckKnownSetting(const std::string& key, const rapidjson::Value& v);
// "" when `v` has the same JSON type as the stored `current_json`, else why not.
std::string CheckSameType(const std::string& current_json, const rapidjson::Value& v);
// Compact JSON text of a value.
std::string ToJson(const rapidjson::Value& v);

}  // namespace rz::admin_system
