// Order status names and the transition table; see order_state.h.
#include "shop/order_state.h"

#include <cstdio>

namespace rz {
namespace {

struct Transition {
  OrderStatus from;
  OrderAction action;
  OrderStatus to;
};

// The whole state machine. Anything not listed is refused.
constexpr Transition kTransitions[] = {
    {OrderStatus::kPending, OrderAction::kPay, OrderStatus::kPaid},
    {OrderStatus::kPending, OrderAction::kCancel, OrderStatus::kCancelled},
    {OrderStatus::kPaid, OrderAction::kShip, OrderStatus::kShipped},
    {OrderStatus::kPaid, OrderAction::kRequestRefund, OrderStatus::kPaid},
    {OrderStatus::kPaid, OrderAction::kRefund, OrderStatus::kRefunded},
    {OrderStatus::kShipped, OrderAction::kConfirm, OrderStatus::kCompleted},
    {OrderStatus::kShipped, OrderAction::kRequestRefund, OrderStatus::kShipped},
    {OrderStatus::kShipped, OrderAction::kRefund, OrderStatus::kRefunded},
    {OrderStatus::kCompleted, OrderAction::kRequestRefund, OrderStatus::kCompleted},
    {OrderStatus::kCompleted, OrderAction::kRefund, OrderStatus::kRefunded},
};

}  // namespace

const char* StatusName(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPending:
      return "pending";
    case OrderStatus::kPaid:
      return "paid";
    case OrderStatus::kShipped:
      return "shipped";
    case OrderStatus::kCompleted:
      return "completed";
    case OrderStatus::kCancelled:
      return "cancelled";
    case OrderStatus::kRefunded:
      return "refunded";
  }
  return "unknown";
}

const char* StatusText(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPending:
      return "待支付";
    case OrderStatus::kPaid:
      return "已支付";
    case OrderStatus::kShipped:
      return "已发货";
    case OrderStatus::kCompleted:
      return "已完成";
    case OrderStatus::kCancelled:
      return "已取消";
    case OrderStatus::kRefunded:
      return "已退款";
  }
  return "未知";
}

std::optional<OrderStatus> ParseStatus(const std::string& name) {
  for (OrderStatus s : kAllOrderStatuses) {
    if (name == StatusName(s)) return s;
  }
  return std::nullopt;
}

std::optional<OrderStatus> StatusFromInt(int64_t v) {
  if (v < 0 || v > 5) return std::nullopt;
  return static_cast<OrderStatus>(v);
}

const char* ActionName(OrderAction a) {
  switch (a) {
    case OrderAction::kPay:
      return "pay";
    case OrderAction::kShip:
      return "ship";
    case OrderAction::kConfirm:
      return "confirm";
    case OrderAction::kCancel:
      return "cancel";
    case OrderAction::kRequestRefund:
      return "request_refund";
    case OrderAction::kRefund:
      return "refund";
  }
  return "unknown";
}

std::optional<OrderStatus> NextStatus(OrderStatus from, OrderAction a) {
  for (const Transition& t : kTransitions) {
    if (t.from == from && t.action == a) return t.to;
  }
  return std::nullopt;
}

std::vector<OrderAction> AllowedActions(OrderStatus s) {
  std::vector<OrderAction> out;
  for (OrderAction a : kAllOrderActions) {
    if (CanDo(s, a)) out.push_back(a);
  }
  return out;
}

const char* RefundStateName(RefundState s) {
  switch (s) {
    case RefundState::kNone:
      return "none";
    case RefundState::kRequested:
      return "requested";
    case RefundState::kApproved:
      return "approved";
    case RefundState::kRejected:
      return "rejected";
    case RefundState::kRefunded:
      return "refunded";
    case RefundState::kPartial:
      return "partial";
  }
  return "none";
}

std::optional<RefundState> ParseRefundState(const std::string& name) {
  for (RefundState s : {RefundState::kNone, RefundState::kRequested, RefundState::kApproved,
                        RefundState::kRejected, RefundState::kRefunded, RefundState::kPartial}) {
    if (name == RefundStateName(s)) return s;
  }
  return std::nullopt;
}

bool IsOpenRefundStatus(const std::string& refund_row_status) {
  for (const char* open : kOpenRefundStatuses) {
    if (refund_row_status == open) return true;
  }
  return false;
}

std::string RefundNo(const std::string& order_no, int64_t nth) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>(nth));
  return "RF" + order_no.substr(3) + buf;
}

}  // namespace rz
