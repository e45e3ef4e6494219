// Route table of the catalog worker.
#pragma once

#include "app/worker.h"
#include "http/router.h"

namespace rz::catalog {
Router BuildRoutes(rz::WorkerContext& ctx);
}
