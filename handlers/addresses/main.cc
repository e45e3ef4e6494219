// The addresses worker: the caller's shipping addresses (/api/v1/addresses).
#include "handlers/addresses/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "addresses", rz::addresses::BuildRoutes);
}
