// Shapes of the known settings; see settings_rules.h.
#include "handlers/admin-system/settings_rules.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <initializer_list>

namespace rz::admin_system {
namespace {

// 1 000 000 yuan: far above any fee or threshold, far below overflow.
constexpr int64_t kMaxFen = 100000000;

std::string IntIn(const rapidjson::Value& v, int64_t min, int64_t max) {
  if (!v.IsInt64()) return "must be an integer";
  if (v.GetInt64() < min || v.GetInt64() > max) {
    return "must be " + std::to_string(min) + ".." + std::to_string(max);
  }
  return "";
}

// An object with exactly `names`, each passing `check`.
template <class Check>
std::string ObjectOf(const rapidjson::Value& v, std::initializer_list<const char*> names,
                     Check check) {
  if (!v.IsObject()) return "must be an object";
  if (v.MemberCount() != names.size()) return "must hold exactly its known keys";
  for (const char* n : names) {
    auto it = v.FindMember(n);
    if (it == v.MemberEnd()) return std::string("missing ") + n;
    if (std::string why = check(it->value); !why.empty()) return std::string(n) + " " + why;
  }
  return "";
}

const char* TypeName(const rapidjson::Value& v) {
  if (v.IsBool()) return "boolean";
  if (v.IsNumber()) return "number";
  if (v.IsString()) return "string";
  if (v.IsObject()) return "object";
  if (v.IsArray()) return "array";
  return "null";
}

}  // namespace

bool IsKnownSetting(const std::string& key) {
  for (const char* k : {"payment_timeout_minutes", "shipping_fee", "auto_complete_days", "features",
                        "payment_fee_rate_bp"}) {
    if (key == k) return true;
  }
  return false;
}

std::string CheckKnownSetting(const std::string& key, const rapidjson::Value& v) {
  if (key == "payment_timeout_minutes") return IntIn(v, 5, 1440);
  if (key == "auto_complete_days") return IntIn(v, 1, 60);
  if (key == "payment_fee_rate_bp") return IntIn(v, 0, 1000);
  if (key == "shipping_fee") {
    return ObjectOf(v, {"flat_fee", "free_threshold"},
                    [](const rapidjson::Value& x) { return IntIn(x, 0, kMaxFen); });
  }
  if (key == "features") {
    return ObjectOf(v, {"ordering", "payment", "shipping"}, [](const rapidjson::Value& x) {
      return x.IsBool() ? std::string() : std::string("must be a boolean");
    });
  }
  return "unknown setting";
}

std::string CheckSameType(const std::string& current_json, const rapidjson::Value& v) {
  rapidjson::Document cur;
  cur.Parse(current_json.data(), current_json.size());
  if (cur.HasParseError()) return "";  // nothing sensible to compare with
  const std::string want = TypeName(cur), got = TypeName(v);
  return want == got ? "" : "must be a " + want + " like the current value";
}

std::string ToJson(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace rz::admin_system
