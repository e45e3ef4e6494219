// The favorites worker: the caller's favorite products (/api/v1/favorites).
#include "handlers/favorites/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "favorites", rz::favorites::BuildRoutes);
}
