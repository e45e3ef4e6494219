// Who is calling, as the admin-system services see it: the admin id and role
// the dispatcher authenticated and the client IP — the audit fields of every
// operation_logs row the services write.
#pragma once

#include <cstdint>
#include <string>

#include "admin/operation_log.h"
#include "http/request.h"

namespace rz::admin_system {

struct Actor {
  int64_t id = 0;  // 0 = anonymous (login)
  int64_t role_id = 0;
  std::string ip;

  static Actor Of(const Request& req) {
    return {req.principal.id, req.principal.role_id, req.remote_addr};
  }
  admin::OpLog Log(std::string module, std::string action) const {
    admin::OpLog l;
    l.admin_id = id;
    l.module = std::move(module);
    l.action = std::move(action);
    l.ip = ip;
    return l;
  }
};

}  // namespace rz::admin_system
