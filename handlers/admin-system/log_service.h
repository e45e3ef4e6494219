// Operation-log reads (admin.md module 8, log:read): a filtered page, newest
// first, and the same filter as a CSV export streamed 500 rows a page (each
// page its own query, so an export never holds the table in memory).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "db/db.h"
#include "handlers/admin-system/actor.h"
#include "handlers/admin-system/system_repo.h"
#include "http/response.h"

namespace rz::admin_system {

// Shared-owned: an export's stream runs after the handler returned and keeps
// the service alive through shared_from_this().
class LogService : public std::enable_shared_from_this<LogService> {
 public:
  explicit LogService(Db& db) : db_(db) {}

  std::vector<LogRow> List(const LogFilter& f, int64_t limit, int64_t offset, int64_t* total);
  // Logs who exported what (module log, action export).
  void RecordExport(const Actor& who, const LogFilter& f);
  // BOM, header row, then every matching row, newest first, as CSV lines.
  void WriteCsv(const LogFilter& f, const Response::ChunkWriter& write);

 private:
  Db& db_;
};

}  // namespace rz::admin_system
