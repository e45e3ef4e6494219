// Route table of the cart worker (/api/v1/cart).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::cart {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::cart
