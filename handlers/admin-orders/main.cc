// The admin-orders worker: staff work on orders (find, read, address, ship,
// batch ship, cancel, remark, export) and refunds (review, stats).
#include "handlers/admin-orders/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "admin-orders", rz::admin_orders::BuildRoutes);
}
