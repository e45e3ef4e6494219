// Operation-log reads and CSV export; see log_service.h.
#include "handlers/admin-system/log_service.h"

#include "admin/operation_log.h"
#include "core/csv.h"

namespace rz::admin_system {
namespace {

constexpr int64_t kExportPage = 500;

}  // namespace

std::vector<LogRow> LogService::List(const LogFilter& f, int64_t limit, int64_t offset,
                                     int64_t* total) {
  return db_.Run([&](soci::session& s) { return repo::ListLogs(s, f, limit, offset, total); });
}

void LogService::RecordExport(const Actor& who, const LogFilter& f) {
  admin::OpLog log = who.Log("log", "export");
  log.target_type = "operation_logs";
  log.summary = "exported operation logs";
  if (!f.module.empty()) log.summary += " module=" + f.module;
  if (!f.action.empty()) log.summary += " action=" + f.action;
  if (!f.from.empty()) log.summary += " from=" + f.from.substr(0, 10);
  if (!f.to.empty()) log.summary += " before=" + f.to.substr(0, 10);
  admin::AppendOpLog(db_, log);
}

void LogService::WriteCsv(const LogFilter& f, const Response::ChunkWriter& write) {
  write(csv::kUtf8Bom);
  write(csv::Row({"编号", "时间(UTC)", "管理员ID", "管理员", "模块", "操作", "对象类型", "对象ID",
                  "摘要", "IP", "结果"}));
  int64_t before = 0;
  for (;;) {
    const auto rows =
        db_.Run([&](soci::session& s) { return repo::LogsBefore(s, f, before, kExportPage); });
    std::string chunk;
    for (const LogRow& l : rows) {
      chunk += csv::Row({std::to_string(l.id), l.created_at,
                         l.admin_id ? std::to_string(l.admin_id) : "", l.admin_username, l.module,
                         l.action, l.target_type, l.target_id, l.summary, l.ip, l.result});
    }
    if (!chunk.empty()) write(chunk);
    if (static_cast<int64_t>(rows.size()) < kExportPage) return;
    before = rows.back().id;
  }
}

}  // namespace rz::admin_system
