// Route table of the addresses worker (/api/v1/addresses).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::addresses {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::addresses
