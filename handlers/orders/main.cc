// The orders worker: placing, listing, cancelling and tracking a user's orders.
#include "handlers/orders/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "orders", rz::orders::BuildRoutes);
}
