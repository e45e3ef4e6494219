// The auth worker: WeChat login, token refresh, logout, phone binding.
#include "handlers/auth/routes.h"

int main(int argc, char** argv) { return rz::RunWorker(argc, argv, "auth", rz::auth::BuildRoutes); }
