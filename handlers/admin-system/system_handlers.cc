// /api/admin/v1/logs and /settings handlers.
#include "core/json_out.h"
#include "handlers/admin-system/handlers.h"
#include "handlers/admin-system/system_input.h"
#include "handlers/admin-system/system_json.h"

namespace rz::admin_system {

void HandleLogList(LogService& svc, Request& req, Response& res) {
  const LogFilter f = ParseLogFilter(req.query);
  const Paging p = Paging::From(req.query);
  int64_t total = 0;
  const auto rows = svc.List(f, p.per_page, p.offset(), &total);
  res.Ok(PageJson(rows, total, p, WriteLog));
}

void HandleLogExport(LogService& svc, Request& req, Response& res) {
  const LogFilter f = ParseLogFilter(req.query);
  svc.RecordExport(Actor::Of(req), f);
  // The stream runs after this returns: it holds the service and its own filter copy.
  res.Stream(
      "text/csv; charset=utf-8", "operation_logs.csv",
      [svc = svc.shared_from_this(), f](const Response::ChunkWriter& w) { svc->WriteCsv(f, w); });
}

void HandleSettingsGet(SettingsService& svc, Request&, Response& res) {
  JsonOut j;
  WriteSettings(j, svc.Get());
  res.Ok(j);
}

void HandleSettingsUpdate(SettingsService& svc, Request& req, Response& res) {
  const SettingsUpdate in = ParseSettingsUpdate(req.json);
  JsonOut j;
  WriteSettings(j, svc.Update(Actor::Of(req), in));
  res.Ok(j);
}

}  // namespace rz::admin_system
