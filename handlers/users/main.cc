// The users worker: the caller's profile, VIP standing and membership.
#include "handlers/users/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "users", rz::users::BuildRoutes);
}
