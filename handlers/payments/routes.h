// Route table of the payments worker (/api/v1/payments).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::payments {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::payments
