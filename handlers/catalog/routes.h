// Route table of the catalog worker.
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace catalog {
rz::Router BuildRoutes(rz::WorkerContext& ctx);
}
