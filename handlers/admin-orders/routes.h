// Route table of the admin-orders worker (/api/admin/v1/orders, /api/admin/v1/refunds).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::admin_orders {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::admin_orders
