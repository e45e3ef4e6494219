// Route table of the orders worker (/api/v1/orders).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::orders {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::orders
