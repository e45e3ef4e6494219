// catalog worker: products, categories, recommendations, banners, pages, events.
#include "app/worker.h"
#include "handlers/catalog/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "catalog", rz::catalog::BuildRoutes);
}
