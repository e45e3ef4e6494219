// Payment jobs: reconciliation of unpaid payments with WeChat Pay, and execution
// of approved refunds. Both go through common/payments (the notification's own
// code path), whose transactions apply each result exactly once.
#include <string>

#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"
#include "handlers/jobs/jobs.h"
#include "payments/payment_repo.h"
#include "payments/reconcile.h"
#include "payments/settlement.h"

namespace rz::jobs {
namespace {

constexpr int64_t kPaymentBatch = 50;
constexpr int64_t kRefundBatch = 20;

}  // namespace

bool ReconcilePayments(Db& db, Redis* redis, const wechatpay::Client& pay, int64_t after_seconds) {
  const int64_t now = NowUnix();
  std::vector<int64_t> ids = db.Run([&](soci::session& s) {
    return payrepo::UnpaidToReconcile(s, now - after_seconds, now - after_seconds, kPaymentBatch);
  });
  int64_t paid = 0, closed = 0, failed = 0;
  for (int64_t id : ids) {
    try {
      switch (payments::ReconcilePayment(db, redis, pay, id)) {
        case PaymentStatus::kPaid:
          ++paid;
          break;
        case PaymentStatus::kClosed:
          ++closed;
          break;
        default:
          break;
      }
    } catch (const std::exception& e) {
      ++failed;
      LogWarn("reconcile failed", {{"payment", std::to_string(id)}, {"error", e.what()}});
    }
  }
  if (paid || closed || failed) {
    LogInfo("reconciled payments", {{"checked", std::to_string(ids.size())},
                                    {"found_paid", std::to_string(paid)},
                                    {"closed", std::to_string(closed)},
                                    {"failed", std::to_string(failed)}});
  }
  return static_cast<int64_t>(ids.size()) == kPaymentBatch && failed == 0;
}

bool ExecuteRefunds(Db& db, const wechatpay::Client& pay, int64_t resend_after_seconds) {
  std::vector<int64_t> ids = db.Run([&](soci::session& s) {
    return payrepo::RefundsToExecute(s, NowUnix() - resend_after_seconds, kRefundBatch);
  });
  int64_t sent = 0, failed = 0;
  for (int64_t id : ids) {
    try {
      payments::ExecuteRefund(db, pay, id);
      ++sent;
    } catch (const std::exception& e) {
      ++failed;
      LogWarn("refund execution failed", {{"refund", std::to_string(id)}, {"error", e.what()}});
    }
  }
  if (!ids.empty()) {
    LogInfo("executed refunds",
            {{"sent", std::to_string(sent)}, {"failed", std::to_string(failed)}});
  }
  return static_cast<int64_t>(ids.size()) == kRefundBatch && failed == 0;
}

}  // namespace rz::jobs
