// Route table of the auth worker (/api/v1/auth).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::auth {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::auth
