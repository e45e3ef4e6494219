// Route table of the coupons worker (/api/v1/coupons).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::coupons {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::coupons
