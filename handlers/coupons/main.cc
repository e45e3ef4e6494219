// The coupons worker: validate a code, list claimable coupons, claim, the wallet.
#include "handlers/coupons/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "coupons", rz::coupons::BuildRoutes);
}
