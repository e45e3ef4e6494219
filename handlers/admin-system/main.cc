// The admin-system worker: admin sign-in, staff accounts, roles and
// permissions, operation logs and system settings (admin.md module 8).
#include "handlers/admin-system/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "admin-system", rz::admin_system::BuildRoutes);
}
