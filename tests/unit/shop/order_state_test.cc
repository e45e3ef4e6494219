// Unit tests of the order state machine: every state x action of the
// transition table, names, texts and parsing.
#define BOOST_TEST_MODULE order_state
#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "shop/order_state.h"

using rz::OrderAction;
using rz::OrderStatus;

namespace {

using S = OrderStatus;
using A = OrderAction;

// The expected table, written out independently of the implementation.
const std::map<std::pair<S, A>, S>& Expected() {
  static const std::map<std::pair<S, A>, S> table = {
      {{S::kPending, A::kPay}, S::kPaid},
      {{S::kPending, A::kCancel}, S::kCancelled},
      {{S::kPaid, A::kShip}, S::kShipped},
      {{S::kPaid, A::kRequestRefund}, S::kPaid},
      {{S::kPaid, A::kRefund}, S::kRefunded},
      {{S::kShipped, A::kConfirm}, S::kCompleted},
      {{S::kShipped, A::kRequestRefund}, S::kShipped},
      {{S::kShipped, A::kRefund}, S::kRefunded},
      {{S::kCompleted, A::kRequestRefund}, S::kCompleted},
      {{S::kCompleted, A::kRefund}, S::kRefunded},
  };
  return table;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_state_and_action_follows_the_table) {
  int allowed = 0, refused = 0;
  for (S s : rz::kAllOrderStatuses) {
    for (A a : rz::kAllOrderActions) {
      BOOST_TEST_CONTEXT(rz::StatusName(s) << " + " << rz::ActionName(a)) {
        auto it = Expected().find({s, a});
        std::optional<S> next = rz::NextStatus(s, a);
        if (it == Expected().end()) {
          BOOST_TEST(!next.has_value());
          BOOST_TEST(!rz::CanDo(s, a));
          ++refused;
        } else {
          BOOST_REQUIRE(next.has_value());
          BOOST_TEST(static_cast<int>(*next) == static_cast<int>(it->second));
          BOOST_TEST(rz::CanDo(s, a));
          ++allowed;
        }
      }
    }
  }
  BOOST_TEST(allowed == 10);
  BOOST_TEST(refused == 6 * 6 - 10);
}

BOOST_AUTO_TEST_CASE(pending_can_be_paid_or_cancelled_only) {
  auto actions = rz::AllowedActions(S::kPending);
  BOOST_REQUIRE_EQUAL(actions.size(), 2u);
  BOOST_TEST(static_cast<int>(actions[0]) == static_cast<int>(A::kPay));
  BOOST_TEST(static_cast<int>(actions[1]) == static_cast<int>(A::kCancel));
}

BOOST_AUTO_TEST_CASE(paid_orders_are_refunded_not_cancelled) {
  BOOST_TEST(!rz::CanDo(S::kPaid, A::kCancel));
  BOOST_TEST(!rz::CanDo(S::kShipped, A::kCancel));
  BOOST_TEST(rz::CanDo(S::kPaid, A::kRefund));
}

BOOST_AUTO_TEST_CASE(final_states_allow_nothing) {
  BOOST_TEST(rz::AllowedActions(S::kCancelled).empty());
  BOOST_TEST(rz::AllowedActions(S::kRefunded).empty());
}

BOOST_AUTO_TEST_CASE(request_refund_keeps_the_status) {
  for (S s : {S::kPaid, S::kShipped, S::kCompleted}) {
    BOOST_TEST(static_cast<int>(*rz::NextStatus(s, A::kRequestRefund)) == static_cast<int>(s));
  }
  BOOST_TEST(!rz::CanDo(S::kPending, A::kRequestRefund));
}

BOOST_AUTO_TEST_CASE(status_names_texts_and_ints_round_trip) {
  const std::map<S, std::pair<std::string, std::string>> names = {
      {S::kPending, {"pending", "待支付"}},     {S::kPaid, {"paid", "已支付"}},
      {S::kShipped, {"shipped", "已发货"}},     {S::kCompleted, {"completed", "已完成"}},
      {S::kCancelled, {"cancelled", "已取消"}}, {S::kRefunded, {"refunded", "已退款"}},
  };
  for (const auto& [s, n] : names) {
    BOOST_TEST(rz::StatusName(s) == n.first);
    BOOST_TEST(rz::StatusText(s) == n.second);
    BOOST_TEST(static_cast<int>(*rz::ParseStatus(n.first)) == static_cast<int>(s));
    BOOST_TEST(static_cast<int>(*rz::StatusFromInt(rz::ToInt(s))) == static_cast<int>(s));
  }
  BOOST_TEST(rz::ToInt(S::kPending) == 0);
  BOOST_TEST(rz::ToInt(S::kRefunded) == 5);
  BOOST_TEST(!rz::ParseStatus("all").has_value());
  BOOST_TEST(!rz::ParseStatus("Pending").has_value());
  BOOST_TEST(!rz::ParseStatus("").has_value());
  BOOST_TEST(!rz::StatusFromInt(-1).has_value());
  BOOST_TEST(!rz::StatusFromInt(6).has_value());
}

BOOST_AUTO_TEST_CASE(action_names) {
  BOOST_TEST(std::string(rz::ActionName(A::kPay)) == "pay");
  BOOST_TEST(std::string(rz::ActionName(A::kShip)) == "ship");
  BOOST_TEST(std::string(rz::ActionName(A::kConfirm)) == "confirm");
  BOOST_TEST(std::string(rz::ActionName(A::kCancel)) == "cancel");
  BOOST_TEST(std::string(rz::ActionName(A::kRequestRefund)) == "request_refund");
  BOOST_TEST(std::string(rz::ActionName(A::kRefund)) == "refund");
}

BOOST_AUTO_TEST_CASE(refund_states) {
  for (const char* n : {"none", "requested", "approved", "rejected", "refunded", "partial"}) {
    auto s = rz::ParseRefundState(n);
    BOOST_REQUIRE(s.has_value());
    BOOST_TEST(std::string(rz::RefundStateName(*s)) == n);
  }
  BOOST_TEST(!rz::ParseRefundState("processing").has_value());
  BOOST_TEST(rz::RefundNo("ORD2024102500001", 1) == "RF202410250000101");
  BOOST_TEST(rz::RefundNo("ORD2024102500001", 12) == "RF202410250000112");
  BOOST_TEST(rz::IsOpenRefundStatus("requested"));
  BOOST_TEST(rz::IsOpenRefundStatus("approved"));
  BOOST_TEST(rz::IsOpenRefundStatus("processing"));
  BOOST_TEST(!rz::IsOpenRefundStatus("rejected"));
  BOOST_TEST(!rz::IsOpenRefundStatus("refunded"));
  BOOST_TEST(!rz::IsOpenRefundStatus("failed"));
}
