// Order transitions executed in MySQL, shared by the orders worker, payments,
// the admin and the jobs daemon. Each runs as (or inside) one transaction and
// happens exactly once: the status moves with a conditional
//   UPDATE orders SET status = <to> ... WHERE id = ? AND status = <from>
// so when two paths race (a user cancelling while the expiry job fires, a
// payment arriving as the order expires) one wins and the others see `false`.
// Every transition writes an order_logs row naming who did it.
//
// Lock order, the same on every path so they cannot deadlock each other:
// order row -> coupon row -> product rows in ascending id.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"
#include "shop/order_state.h"

namespace rz {

// Who performs a transition (order_logs.operator_type / operator_id).
struct Actor {
  std::string type;  // "user" | "admin" | "system" | "wechat"
  int64_t id = 0;    // users.id / admins.id; 0 for system and wechat

  static Actor User(int64_t id) { return {"user", id}; }
  static Actor Admin(int64_t id) { return {"admin", id}; }
  static Actor System() { return {"system", 0}; }
  static Actor Wechat() { return {"wechat", 0}; }
};

// Runs `f` (which opens and commits its own soci::transaction) through
// db.Run, re-running it up to 3 times when InnoDB reports a deadlock (1213) or a
// lock wait timeout (1205); both roll the whole transaction back first.
template <class F>
auto RunOrderTx(Db& db, F&& f) -> decltype(f(std::declval<soci::session&>()));

// Pending -> cancelled. Puts the stock of every item back (inventory_logs
// reason 'cancel'), releases the coupon use, logs the transition; all exactly
// once. user_id > 0 scopes it to that owner: someone else's (or no) order is
// ApiError 4003. Returns false, changing nothing, when the order is no longer
// pending (paid meanwhile, or somebody else cancelled it first).
bool CancelPendingOrder(Db& db, int64_t order_id, int64_t user_id, const Actor& who,
                        const std::string& reason);
// The same inside the caller's transaction.
bool CancelPendingOrderInTx(soci::session& s, int64_t order_id, int64_t user_id, const Actor& who,
                            const std::string& reason);

// Gives back the stock of every line of the order (inventory_logs reason
// 'cancel'), inside the caller's transaction, which must already hold the order
// row (lock order). CancelPendingOrderInTx does this; the admin's "cancel with
// refund" of a paid order does it too. sold_count is left alone.
void RestockOrderItemsInTx(soci::session& s, int64_t order_id);

// Shipped -> completed (the buyer confirms receipt, or the auto-complete job),
// then UpgradeVipLevelInTx for the buyer. user_id > 0 scopes it to the owner
// (4003 otherwise). False when the order was not shipped.
bool ConfirmReceipt(Db& db, int64_t order_id, int64_t user_id, const Actor& who);

// users.total_spent += delta_fen (never below 0). Payments add, refunds subtract:
// the total is what the buyer has paid and kept.
void AddUserSpendInTx(soci::session& s, int64_t user_id, int64_t delta_fen);
// Raises users.vip_level to the highest level whose spend_threshold the
// total reaches; never lowers it. Runs when an order completes (admin.md:
// upgrades happen when an order completes), so money paid and then refunded
// before delivery never buys a level.
void UpgradeVipLevelInTx(soci::session& s, int64_t user_id);

// Pending -> paid, inside the caller's transaction (payments worker).
// Sets payment_method and payment_time. False when no longer pending.
bool MarkOrderPaidInTx(soci::session& s, int64_t order_id, const std::string& payment_method,
                       const Actor& who, const std::string& note = "");
// Paid -> shipped, inside the caller's transaction (admin). Sets express_code,
// express_no, express_time. False when not paid.
bool ShipOrderInTx(soci::session& s, int64_t order_id, const std::string& express_code,
                   const std::string& express_no, const Actor& who);
// Paid/shipped/completed -> refunded (fully refunded; payments worker), and
// refund_status 'refunded'. False when the status did not allow it.
bool MarkOrderRefundedInTx(soci::session& s, int64_t order_id, const Actor& who,
                           const std::string& note = "");

// One order_logs row. `from` is nullopt for the creation row.
void AppendOrderLogInTx(soci::session& s, int64_t order_id, std::optional<OrderStatus> from,
                        OrderStatus to, const std::string& action, const Actor& who,
                        const std::string& note);

// Pending orders whose pay_deadline has passed, oldest deadline first, at most
// `limit` ids (jobs daemon; each then goes through CancelPendingOrder).
std::vector<int64_t> ExpiredPendingOrders(Db& db, int64_t limit);
// Shipped orders with express_time before `shipped_before_unix`, oldest first,
// at most `limit` ids (each then goes through ConfirmReceipt with user_id 0).
std::vector<int64_t> OrdersToAutoComplete(Db& db, int64_t shipped_before_unix, int64_t limit);

// ---- implementation of the template

bool IsRetryableTxError(const soci::soci_error& e);

template <class F>
auto RunOrderTx(Db& db, F&& f) -> decltype(f(std::declval<soci::session&>())) {
  for (int attempt = 0;; ++attempt) {
    try {
      return db.Run(f);
    } catch (const soci::soci_error& e) {
      if (attempt >= 3 || !IsRetryableTxError(e)) throw;
    }
  }
}

}  // namespace rz
