// Order transitions in MySQL; see order_lifecycle.h.
#include "shop/order_lifecycle.h"

#include <utility>

#include "core/error.h"
#include "core/time_util.h"
#include "db/sql.h"
#include "shop/coupon_rules.h"

namespace rz {
namespace {

using ll = long long;

// Scopes a statement on orders to its owner when user_id > 0.
SqlQuery& ScopeToOwner(SqlQuery& q, int64_t order_id, int64_t user_id) {
  q.Append(" WHERE id = ?", static_cast<ll>(order_id));
  if (user_id > 0) q.Append(" AND user_id = ?", static_cast<ll>(user_id));
  return q;
}

// After a conditional UPDATE matched nothing: a missing (or someone else's)
// order is a 4003 for a user-scoped call; otherwise the status was wrong.
void ThrowIfNotVisible(soci::session& s, int64_t order_id, int64_t user_id) {
  SqlQuery q("SELECT COUNT(*) FROM orders");
  if (ScopeToOwner(q, order_id, user_id).ScalarInt(s) == 0 && user_id > 0) {
    throw NotFound("order not found");
  }
}

}  // namespace

// Product rows locked in ascending id order, one UPDATE each, one multi-row
// inventory_logs INSERT.
void RestockOrderItemsInTx(soci::session& s, int64_t order_id) {
  std::vector<std::pair<int64_t, int64_t>> lines;  // product_id, quantity
  SqlQuery items("SELECT product_id, CAST(SUM(quantity) AS SIGNED) FROM order_items");
  items.Append(" WHERE order_id = ? GROUP BY product_id ORDER BY product_id",
               static_cast<ll>(order_id));
  items.ForEach(s, [&](const soci::row& r) { lines.emplace_back(RowInt(r, 0), RowInt(r, 1)); });
  if (lines.empty()) return;

  SqlQuery lock("SELECT id, stock FROM products WHERE id IN (");
  for (size_t i = 0; i < lines.size(); ++i) {
    lock.Append(i == 0 ? "?" : ", ?", static_cast<ll>(lines[i].first));
  }
  lock.Append(") ORDER BY id FOR UPDATE");
  std::vector<std::pair<int64_t, int64_t>> stock;  // product_id, stock before
  lock.ForEach(s, [&](const soci::row& r) { stock.emplace_back(RowInt(r, 0), RowInt(r, 1)); });

  SqlQuery logs(
      "INSERT INTO inventory_logs (product_id, delta, reason, stock_after, order_id, note) "
      "VALUES ");
  bool first = true;
  for (const auto& [product_id, qty] : lines) {
    int64_t before = -1;
    for (const auto& p : stock) {
      if (p.first == product_id) before = p.second;
    }
    if (before < 0) continue;  // product row gone: nothing to give back to
    SqlQuery q("UPDATE products SET ");
    q.Append("stock = stock + ?", static_cast<ll>(qty));
    // sold_count is untouched: it counts paid sales (payments), and a pending order was none.
    q.Append(" WHERE id = ?", static_cast<ll>(product_id));
    q.Exec(s);
    logs.Append(first ? "(?, " : ", (?, ", static_cast<ll>(product_id));
    logs.Append("?, 'cancel', ", static_cast<ll>(qty));
    logs.Append("?, ", static_cast<ll>(before + qty));
    logs.Append("?, 'order cancelled')", static_cast<ll>(order_id));
    first = false;
  }
  if (!first) logs.Exec(s);
}

bool IsRetryableTxError(const soci::soci_error& e) {
  unsigned n = MysqlErrorNumber(e);
  return n == 1213 || n == 1205;
}

void AppendOrderLogInTx(soci::session& s, int64_t order_id, std::optional<OrderStatus> from,
                        OrderStatus to, const std::string& action, const Actor& who,
                        const std::string& note) {
  ll id = order_id, to_i = ToInt(to), from_i = from ? ToInt(*from) : 0, op = who.id;
  soci::indicator from_ind = from ? soci::i_ok : soci::i_null;
  std::string short_note = note.size() > 500 ? note.substr(0, 500) : note;
  s << "INSERT INTO order_logs (order_id, from_status, to_status, action, operator_type, "
       "operator_id, note) VALUES (:id, :from_s, :to_s, :action, :type, :op, :note)",
      soci::use(id), soci::use(from_i, from_ind), soci::use(to_i), soci::use(action),
      soci::use(who.type), soci::use(op), soci::use(short_note);
}

bool CancelPendingOrderInTx(soci::session& s, int64_t order_id, int64_t user_id, const Actor& who,
                            const std::string& reason) {
  // The guard: only one caller ever sees this UPDATE match the pending row.
  SqlQuery q("UPDATE orders SET status = 4, cancelled_at = UTC_TIMESTAMP(), ");
  q.Append("cancel_reason = ?", reason);
  ScopeToOwner(q, order_id, user_id).Append(" AND status = 0");
  if (q.Exec(s) == 0) {
    ThrowIfNotVisible(s, order_id, user_id);
    return false;
  }
  // Coupon before products: the same lock order as order placement.
  ReleaseCouponInTx(s, order_id);
  RestockOrderItemsInTx(s, order_id);
  AppendOrderLogInTx(s, order_id, OrderStatus::kPending, OrderStatus::kCancelled,
                     ActionName(OrderAction::kCancel), who, reason);
  return true;
}

bool CancelPendingOrder(Db& db, int64_t order_id, int64_t user_id, const Actor& who,
                        const std::string& reason) {
  return RunOrderTx(db, [&](soci::session& s) {
    soci::transaction tx(s);
    bool done = CancelPendingOrderInTx(s, order_id, user_id, who, reason);
    if (done) tx.commit();
    return done;
  });
}

bool ConfirmReceipt(Db& db, int64_t order_id, int64_t user_id, const Actor& who) {
  return RunOrderTx(db, [&](soci::session& s) {
    soci::transaction tx(s);
    SqlQuery q("UPDATE orders SET status = 3, completed_at = UTC_TIMESTAMP()");
    ScopeToOwner(q, order_id, user_id).Append(" AND status = 2");
    if (q.Exec(s) == 0) {
      ThrowIfNotVisible(s, order_id, user_id);
      return false;
    }
    ll owner = 0, oid = order_id;
    s << "SELECT user_id FROM orders WHERE id = :id", soci::into(owner), soci::use(oid);
    UpgradeVipLevelInTx(s, owner);
    AppendOrderLogInTx(s, order_id, OrderStatus::kShipped, OrderStatus::kCompleted,
                       ActionName(OrderAction::kConfirm), who,
                       who.type == "system" ? "auto-completed" : "");
    tx.commit();
    return true;
  });
}

void AddUserSpendInTx(soci::session& s, int64_t user_id, int64_t delta_fen) {
  ll id = user_id, delta = delta_fen;
  if (delta == 0) return;
  s << "UPDATE users SET total_spent = GREATEST(total_spent + :delta, 0) WHERE id = :id",
      soci::use(delta), soci::use(id);
}

void UpgradeVipLevelInTx(soci::session& s, int64_t user_id) {
  ll id = user_id;
  // Upgrade only: the highest level whose threshold the total reaches.
  ll level = -1, validity_days = 0;
  s << "SELECT v.level, v.validity_days FROM vip_levels v WHERE v.spend_threshold <= "
       "(SELECT total_spent FROM users WHERE id = :id) ORDER BY v.level DESC LIMIT 1",
      soci::into(level), soci::into(validity_days), soci::use(id);
  if (s.got_data() && level > 0) {
    s << "UPDATE users SET vip_level = :level, vip_expire_date = IF(:days1 > 0, "
         "DATE_ADD(UTC_DATE(), INTERVAL :days2 DAY), NULL) "
         "WHERE id = :id AND vip_level < :level2",
        soci::use(level), soci::use(validity_days), soci::use(validity_days), soci::use(id),
        soci::use(level);
  }
}

bool MarkOrderPaidInTx(soci::session& s, int64_t order_id, const std::string& payment_method,
                       const Actor& who, const std::string& note) {
  SqlQuery q("UPDATE orders SET status = 1, payment_time = UTC_TIMESTAMP(), ");
  q.Append("payment_method = ?", payment_method);
  ScopeToOwner(q, order_id, 0).Append(" AND status = 0");
  if (q.Exec(s) == 0) return false;
  AppendOrderLogInTx(s, order_id, OrderStatus::kPending, OrderStatus::kPaid,
                     ActionName(OrderAction::kPay), who, note);
  return true;
}

bool ShipOrderInTx(soci::session& s, int64_t order_id, const std::string& express_code,
                   const std::string& express_no, const Actor& who) {
  SqlQuery q("UPDATE orders SET status = 2, express_time = UTC_TIMESTAMP(), ");
  q.Append("express_code = ?, ", express_code);
  q.Append("express_no = ?", express_no);
  ScopeToOwner(q, order_id, 0).Append(" AND status = 1");
  if (q.Exec(s) == 0) return false;
  AppendOrderLogInTx(s, order_id, OrderStatus::kPaid, OrderStatus::kShipped,
                     ActionName(OrderAction::kShip), who, express_code + " " + express_no);
  return true;
}

bool MarkOrderRefundedInTx(soci::session& s, int64_t order_id, const Actor& who,
                           const std::string& note) {
  SqlQuery read("SELECT status FROM orders");
  ScopeToOwner(read, order_id, 0).Append(" FOR UPDATE");
  std::optional<OrderStatus> from;
  read.ForEach(s, [&](const soci::row& r) { from = StatusFromInt(RowInt(r, 0)); });
  if (!from || !CanDo(*from, OrderAction::kRefund)) return false;
  SqlQuery q("UPDATE orders SET status = 5, refund_status = 'refunded'");
  ScopeToOwner(q, order_id, 0).Append(" AND status = ?", static_cast<ll>(ToInt(*from)));
  if (q.Exec(s) == 0) return false;
  AppendOrderLogInTx(s, order_id, *from, OrderStatus::kRefunded, ActionName(OrderAction::kRefund),
                     who, note);
  return true;
}

std::vector<int64_t> ExpiredPendingOrders(Db& db, int64_t limit) {
  return db.Run([&](soci::session& s) {
    std::vector<int64_t> ids;
    SqlQuery q("SELECT id FROM orders WHERE status = 0 AND pay_deadline <= UTC_TIMESTAMP()");
    q.Append(" ORDER BY pay_deadline, id LIMIT ?", static_cast<ll>(limit));
    q.ForEach(s, [&](const soci::row& r) { ids.push_back(RowInt(r, 0)); });
    return ids;
  });
}

std::vector<int64_t> OrdersToAutoComplete(Db& db, int64_t shipped_before_unix, int64_t limit) {
  return db.Run([&](soci::session& s) {
    std::vector<int64_t> ids;
    SqlQuery q("SELECT id FROM orders WHERE status = 2");
    q.Append(" AND express_time < ?", FormatSqlUtc(shipped_before_unix));
    q.Append(" ORDER BY express_time, id LIMIT ?", static_cast<ll>(limit));
    q.ForEach(s, [&](const soci::row& r) { ids.push_back(RowInt(r, 0)); });
    return ids;
  });
}

}  // namespace rz
