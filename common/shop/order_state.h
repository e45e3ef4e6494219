// The order state machine: statuses, actions, and the one table of allowed
// transitions that every path (orders worker, payments, admin, jobs daemon) obeys.
//
//   from \ action  pay    ship     confirm    cancel     request_refund  refund
//   pending        paid   -        -          cancelled  -               -
//   paid           -      shipped  -          -          paid            refunded
//   shipped        -      -        completed  -          shipped         refunded
//   completed      -      -        -          -          completed       refunded
//   cancelled      -      -        -          -          -               -
//   refunded       -      -        -          -          -               -
//
// request_refund leaves the status as it is (the request lives in refunds and
// orders.refund_status); refund means "fully refunded". A paid order is never
// "cancelled": undoing it is a refund. Executing a transition in MySQL (exactly
// once, logged) is order_lifecycle.h's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rz {

enum class OrderStatus : int {
  kPending = 0,
  kPaid = 1,
  kShipped = 2,
  kCompleted = 3,
  kCancelled = 4,
  kRefunded = 5,
};

enum class OrderAction : int {
  kPay = 0,
  kShip,
  kConfirm,
  kCancel,
  kRequestRefund,
  kRefund,
};

constexpr OrderStatus kAllOrderStatuses[] = {OrderStatus::kPending,   OrderStatus::kPaid,
                                             OrderStatus::kShipped,   OrderStatus::kCompleted,
                                             OrderStatus::kCancelled, OrderStatus::kRefunded};
constexpr OrderAction kAllOrderActions[] = {OrderAction::kPay,           OrderAction::kShip,
                                            OrderAction::kConfirm,       OrderAction::kCancel,
                                            OrderAction::kRequestRefund, OrderAction::kRefund};

// "pending", "paid", "shipped", "completed", "cancelled", "refunded".
const char* StatusName(OrderStatus s);
// 待支付, 已支付, 已发货, 已完成, 已取消, 已退款.
const char* StatusText(OrderStatus s);
// "pending" -> kPending; nullopt for anything else (also for "all").
std::optional<OrderStatus> ParseStatus(const std::string& name);
// The integer stored in orders.status; nullopt outside 0..5.
std::optional<OrderStatus> StatusFromInt(int64_t v);
inline int ToInt(OrderStatus s) { return static_cast<int>(s); }

// "pay", "ship", "confirm", "cancel", "request_refund", "refund" (order_logs.action).
const char* ActionName(OrderAction a);

// The status after `a` in `from`, or nullopt when the table does not allow it.
std::optional<OrderStatus> NextStatus(OrderStatus from, OrderAction a);
inline bool CanDo(OrderStatus from, OrderAction a) { return NextStatus(from, a).has_value(); }
// The actions allowed in `s`, in enum order.
std::vector<OrderAction> AllowedActions(OrderStatus s);

// orders.refund_status: where the after-sales side of an order stands.
// kPartial: some money went back, the order keeps its status (partial refunds).
enum class RefundState : int { kNone = 0, kRequested, kApproved, kRejected, kRefunded, kPartial };
// "none", "requested", "approved", "rejected", "refunded", "partial".
const char* RefundStateName(RefundState s);
std::optional<RefundState> ParseRefundState(const std::string& name);

// refunds.status values in which a request is still open (at most one per order).
constexpr const char* kOpenRefundStatuses[] = {"requested", "approved", "processing"};
bool IsOpenRefundStatus(const std::string& refund_row_status);

// refunds.refund_no of an order's nth refund: "ORD2024102500001", 1 -> "RF202410250000101".
// Unique when numbered under the order's row lock.
std::string RefundNo(const std::string& order_no, int64_t nth);

}  // namespace rz
