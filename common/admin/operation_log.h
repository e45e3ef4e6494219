// The operation log of the admin API (operation_logs): one row per admin write
// and per login attempt — who, module, action, target, a one-line summary, a
// JSON detail (before/after of money and status changes), the client IP and
// the result. Writes that change data append their row inside the same
// transaction, so a logged change and its log commit or roll back together.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

#include "db/db.h"
#include "http/request.h"

namespace rz::admin {

struct OpLog {
  int64_t admin_id = 0;  // 0 = none (a login with an unknown name) -> NULL
  std::string module;    // "system", "order", "refund" ...
  std::string action;    // "login", "ship", "approve" ...
  std::string target_type, target_id;
  std::string summary;      // <= 500 characters; never a password, token or full phone number
  std::string detail_json;  // "" -> NULL; e.g. {"before":{"status":"paid"},"after":{...}}
  std::string ip;
  bool success = true;

  // Prefills admin id and IP from the request.
  static OpLog For(const Request& req, std::string module, std::string action);
};

// Inside the caller's transaction.
void AppendOpLogInTx(soci::session& s, const OpLog& log);
// In its own autocommit statement (failed attempts: nothing else is written).
void AppendOpLog(Db& db, const OpLog& log);

}  // namespace rz::admin
