// Feature switches from the settings table; see feature_switches.h.
#include "shop/feature_switches.h"

#include <rapidjson/document.h>

#include "db/sql.h"

namespace rz {

bool FeatureSwitches::Enabled(const std::string& name) {
  std::string json;
  try {
    json = setting_.Get(0, [this](int) {
      return db_.Run([](soci::session& s) {
        std::string v = "{}";
        SqlQuery q("SELECT value FROM settings WHERE `key` = 'features'");
        q.ForEach(s, [&](const soci::row& r) { v = RowStr(r, 0); });
        return v;
      });
    });
  } catch (const std::exception&) {
    return true;
  }
  rapidjson::Document d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsObject()) return true;
  auto it = d.FindMember(name.c_str());
  return it == d.MemberEnd() || !it->value.IsBool() || it->value.GetBool();
}

}  // namespace rz
