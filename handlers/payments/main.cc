// The payments worker: WeChat Pay prepare / status for the buyer, and the
// signed notifications WeChat Pay sends about payments and refunds.
#include "handlers/payments/routes.h"

int main(int argc, char** argv) {
  return rz::RunWorker(argc, argv, "payments", rz::payments::BuildRoutes);
}
