// Route table of the favorites worker (/api/v1/favorites).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::favorites {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::favorites
