// Operation-log helpers of the admin-orders worker; see audit.h.
#include "handlers/admin-orders/audit.h"

#include "core/log.h"

namespace rz::admin_orders {

void RecordRefusal(Db& db, admin::OpLog log, const ApiError& e) {
  log.success = false;
  log.summary = "refused (" + std::to_string(static_cast<int>(e.code())) + "): " + e.detail();
  log.detail_json.clear();
  try {
    admin::AppendOpLog(db, log);
  } catch (const std::exception& x) {
    LogWarn("operation log not written", {{"action", log.action}, {"error", x.what()}});
  }
}

std::string BeforeAfter(const std::string& before_members, const std::string& after_members,
                        const std::string& extra_members) {
  return "{" + extra_members + (extra_members.empty() ? "" : ",") + "\"before\":{" +
         before_members + "},\"after\":{" + after_members + "}}";
}

std::string Quoted(const std::string& s) {
  JsonOut j;
  j.String(s);
  return j.str();
}

}  // namespace rz::admin_orders
