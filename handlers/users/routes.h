// Route table of the users worker (/api/v1/users).
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::users {

Router BuildRoutes(WorkerContext& ctx);

}  // namespace rz::users
