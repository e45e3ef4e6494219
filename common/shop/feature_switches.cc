// Feature switches from the settings table; see feature_switches.h.
#include "shop/feature_switches.h"

#include <rapidjson/document.h>

#include <chrono>
#include <mutex>

#include "db/sql.h"

namespace rz {
namespace {

constexpr auto kTtl = std::chrono::seconds(3);

struct Cached {
  std::mutex mu;
  std::string json;
  std::chrono::steady_clock::time_point at{};
  bool loaded = false;
};

Cached& Cache() {
  static Cached c;
  return c;
}

}  // namespace

bool FeatureSwitches::Enabled(const std::string& name) {
  Cached& c = Cache();
  std::string json;
  {
    std::lock_guard<std::mutex> lock(c.mu);
    if (c.loaded && std::chrono::steady_clock::now() - c.at < kTtl) json = c.json;
  }
  if (json.empty()) {
    try {
      json = db_.Run([](soci::session& s) {
        std::string v = "{}";
        SqlQuery q("SELECT value FROM settings WHERE `key` = 'features'");
        q.ForEach(s, [&](const soci::row& r) { v = RowStr(r, 0); });
        return v;
      });
    } catch (const std::exception&) {
      return true;
    }
    std::lock_guard<std::mutex> lock(c.mu);
    c.json = json;
    c.at = std::chrono::steady_clock::now();
    c.loaded = true;
  }
  rapidjson::Document d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsObject()) return true;
  auto it = d.FindMember(name.c_str());
  return it == d.MemberEnd() || !it->value.IsBool() || it->value.GetBool();
}

}  // namespace rz
