// Payment states (payments.status) and refund row states (refunds.status), with
// the transitions each allows, in one place.
//
//   payment: unpaid -> paid (notification / query found SUCCESS)
//            unpaid -> closed (order cancelled or expired; trade closed at WeChat)
//            closed -> paid   (WeChat took the money anyway: applied, then refunded)
//            paid   -> refunded (refunds reach the amount)
//   refund:  requested -> approved -> processing -> refunded | failed; requested -> rejected
#pragma once

#include <optional>
#include <string>

namespace rz {

enum class PaymentStatus : int { kUnpaid = 0, kPaid = 1, kFailed = 2, kRefunded = 3, kClosed = 4 };

// "unpaid", "paid", "failed", "refunded", "closed".
const char* PaymentStatusName(PaymentStatus s);
// 待支付, 已支付, 支付失败, 已退款, 已关闭.
const char* PaymentStatusText(PaymentStatus s);
std::optional<PaymentStatus> PaymentStatusFromInt(int64_t v);
// A success from WeChat may be applied to a payment in this state.
bool CanApplySuccess(PaymentStatus s);

// refunds.status values.
constexpr char kRefundRequested[] = "requested";
constexpr char kRefundApproved[] = "approved";
constexpr char kRefundRejected[] = "rejected";
constexpr char kRefundProcessing[] = "processing";
constexpr char kRefundRefunded[] = "refunded";
constexpr char kRefundFailed[] = "failed";

}  // namespace rz
