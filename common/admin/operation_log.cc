// operation_logs rows; see operation_log.h.
#include "admin/operation_log.h"

#include "db/sql.h"

namespace rz::admin {

OpLog OpLog::For(const Request& req, std::string module, std::string action) {
  OpLog l;
  l.admin_id = req.principal.id;
  l.module = std::move(module);
  l.action = std::move(action);
  l.ip = req.remote_addr;
  return l;
}

void AppendOpLogInTx(soci::session& s, const OpLog& l) {
  SqlQuery q(
      "INSERT INTO operation_logs (admin_id, module, action, target_type, target_id, summary, "
      "detail, ip, result) VALUES (NULLIF(");
  q.Append("?, 0), ", static_cast<long long>(l.admin_id));
  q.Append("?, ?, ?, ", l.module, l.action, l.target_type);
  q.Append("?, ", l.target_id);
  q.Append("LEFT(?, 500), ", l.summary);
  q.Append("NULLIF(?, ''), ", l.detail_json);
  q.Append("?, ", l.ip);
  q.Append("?)", std::string(l.success ? "success" : "failure"));
  q.Exec(s);
}

void AppendOpLog(Db& db, const OpLog& l) {
  db.Run([&](soci::session& s) {
    AppendOpLogInTx(s, l);
    return 0;
  });
}

}  // namespace rz::admin
