// Route table of the admin-system worker (/api/admin/v1: auth, admins, roles,
// permissions, logs, settings).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::admin_system {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::admin_system
