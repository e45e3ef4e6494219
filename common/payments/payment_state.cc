// Payment state names; see payment_state.h.
#include "payments/payment_state.h"

#include <cstdint>

namespace rz {

const char* PaymentStatusName(PaymentStatus s) {
  switch (s) {
    case PaymentStatus::kUnpaid:
      return "unpaid";
    case PaymentStatus::kPaid:
      return "paid";
    case PaymentStatus::kFailed:
      return "failed";
    case PaymentStatus::kRefunded:
      return "refunded";
    case PaymentStatus::kClosed:
      return "closed";
  }
  return "unpaid";
}

const char* PaymentStatusText(PaymentStatus s) {
  switch (s) {
    case PaymentStatus::kUnpaid:
      return "待支付";
    case PaymentStatus::kPaid:
      return "已支付";
    case PaymentStatus::kFailed:
      return "支付失败";
    case PaymentStatus::kRefunded:
      return "已退款";
    case PaymentStatus::kClosed:
      return "已关闭";
  }
  return "待支付";
}

std::optional<PaymentStatus> PaymentStatusFromInt(int64_t v) {
  if (v < 0 || v > 4) return std::nullopt;
  return static_cast<PaymentStatus>(v);
}

bool CanApplySuccess(PaymentStatus s) {
  return s == PaymentStatus::kUnpaid || s == PaymentStatus::kFailed || s == PaymentStatus::kClosed;
}

}  // namespace rz
