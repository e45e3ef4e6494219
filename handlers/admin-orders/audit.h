// Operation-log bookkeeping shared by the admin-orders services: a refused
// write (missing order, wrong state) is recorded as a 'failure' row, so the
// log shows attempts as well as changes. Successful writes append their own
// row inside their transaction (admin::AppendOpLogInTx).
#pragma once

#include <utility>

#include "admin/operation_log.h"
#include "core/error.h"
#include "core/json_out.h"
#include "db/db.h"

namespace rz::admin_orders {

// Appends `log` as a failure naming `e` (autocommit, best effort: a log
// outage never hides the original error).
void RecordRefusal(Db& db, admin::OpLog log, const ApiError& e);

// Runs `write(log)`; a 4003 / 4005 it throws is recorded, then rethrown.
// Set log.target_* before calling, so the failure row names its target.
template <class F>
auto AuditedWrite(Db& db, admin::OpLog log, F&& write) -> decltype(write(log)) {
  try {
    return write(log);
  } catch (const ApiError& e) {
    if (e.code() == ErrorCode::kNotFound || e.code() == ErrorCode::kConflict) {
      RecordRefusal(db, std::move(log), e);
    }
    throw;
  }
}

// {<extra>,"before":{<before>},"after":{<after>}} from already-rendered
// object members (e.g. R"("status":"paid")"); `extra` may be "".
std::string BeforeAfter(const std::string& before_members, const std::string& after_members,
                        const std::string& extra_members = "");
// A JSON string literal ("\"...\"" with escapes) for building detail members.
std::string Quoted(const std::string& s);

}  // namespace rz::admin_orders
