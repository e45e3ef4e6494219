// The cart worker: the caller's shopping cart (/api/v1/cart).
#include "handlers/cart/routes.h"

int main(int argc, char** argv) { return rz::RunWorker(argc, argv, "cart", rz::cart::BuildRoutes); }
