// SQL of payments and payment-side refund transitions; see payment_repo.h.
#include "payments/payment_repo.h"

#include "core/time_util.h"
#include "db/sql.h"

namespace rz::payrepo {
namespace {

using ll = long long;

constexpr char kPaymentColumns[] =
    "SELECT id, order_id, user_id, amount, refunded_amount, status, out_trade_no, "
    "transaction_id, prepay_id, prepay_expires_at, paid_at FROM payments";

PaymentRow ReadPayment(const soci::row& r) {
  PaymentRow p;
  p.id = RowInt(r, 0);
  p.order_id = RowInt(r, 1);
  p.user_id = RowInt(r, 2);
  p.amount = RowInt(r, 3);
  p.refunded_amount = RowInt(r, 4);
  p.status = RowInt(r, 5);
  p.out_trade_no = RowStr(r, 6);
  p.transaction_id = RowStr(r, 7);
  p.prepay_id = RowStr(r, 8);
  p.prepay_expires_unix = ParseIsoUtc(RowIso(r, 9)).value_or(0);
  p.paid_at = RowIso(r, 10);
  return p;
}

std::optional<PaymentRow> OnePayment(soci::session& s, const SqlQuery& q) {
  std::optional<PaymentRow> out;
  q.ForEach(s, [&](const soci::row& r) { out = ReadPayment(r); });
  return out;
}

std::optional<OrderForPay> OneOrder(soci::session& s, const SqlQuery& q) {
  std::optional<OrderForPay> out;
  q.ForEach(s, [&](const soci::row& r) {
    OrderForPay o;
    o.id = RowInt(r, 0);
    o.user_id = RowInt(r, 1);
    o.status = RowInt(r, 2);
    o.total_price = RowInt(r, 3);
    o.pay_deadline_unix = ParseIsoUtc(RowIso(r, 4)).value_or(0);
    o.order_no = RowStr(r, 5);
    out = o;
  });
  return out;
}

constexpr char kOrderColumns[] =
    "SELECT id, user_id, status, total_price, pay_deadline, order_no FROM orders";

constexpr char kRefundColumns[] =
    "SELECT id, order_id, user_id, amount, COALESCE(payment_id, 0), refund_no, status, reason, "
    "COALESCE(wechat_refund_id, '') FROM refunds";

std::optional<RefundRow> OneRefund(soci::session& s, const SqlQuery& q) {
  std::optional<RefundRow> out;
  q.ForEach(s, [&](const soci::row& r) {
    RefundRow f;
    f.id = RowInt(r, 0);
    f.order_id = RowInt(r, 1);
    f.user_id = RowInt(r, 2);
    f.amount = RowInt(r, 3);
    f.payment_id = RowInt(r, 4);
    f.refund_no = RowStr(r, 5);
    f.status = RowStr(r, 6);
    f.reason = RowStr(r, 7);
    f.wechat_refund_id = RowStr(r, 8);
    out = f;
  });
  return out;
}

std::vector<int64_t> Ids(soci::session& s, const SqlQuery& q) {
  std::vector<int64_t> ids;
  q.ForEach(s, [&](const soci::row& r) { ids.push_back(RowInt(r, 0)); });
  return ids;
}

}  // namespace

std::optional<OrderForPay> FindOrder(soci::session& s, int64_t order_id, int64_t user_id) {
  SqlQuery q(kOrderColumns);
  q.Append(" WHERE id = ? AND user_id = ?", static_cast<ll>(order_id), static_cast<ll>(user_id));
  return OneOrder(s, q);
}

std::optional<OrderForPay> LockOrder(soci::session& s, int64_t order_id) {
  SqlQuery q(kOrderColumns);
  q.Append(" WHERE id = ? FOR UPDATE", static_cast<ll>(order_id));
  return OneOrder(s, q);
}

std::string UserOpenid(soci::session& s, int64_t user_id) {
  std::string openid;
  SqlQuery q("SELECT openid FROM users");
  q.Append(" WHERE id = ?", static_cast<ll>(user_id));
  q.ForEach(s, [&](const soci::row& r) { openid = RowStr(r, 0); });
  return openid;
}

std::optional<PrepareBasis> ReadPrepareBasis(soci::session& s, int64_t order_id, int64_t user_id) {
  SqlQuery q(
      "SELECT o.id, o.user_id, o.status, o.total_price, o.pay_deadline, o.order_no, u.openid, "
      "p.id, p.order_id, p.user_id, p.amount, p.refunded_amount, p.status, p.out_trade_no, "
      "p.transaction_id, p.prepay_id, p.prepay_expires_at, p.paid_at FROM orders o "
      "JOIN users u ON u.id = o.user_id "
      "LEFT JOIN payments p ON p.order_id = o.id AND p.payment_method = 'wechat'");
  q.Append(" WHERE o.id = ? AND o.user_id = ?", static_cast<ll>(order_id),
           static_cast<ll>(user_id));
  std::optional<PrepareBasis> out;
  q.ForEach(s, [&](const soci::row& r) {
    PrepareBasis b;
    b.order.id = RowInt(r, 0);
    b.order.user_id = RowInt(r, 1);
    b.order.status = RowInt(r, 2);
    b.order.total_price = RowInt(r, 3);
    b.order.pay_deadline_unix = ParseIsoUtc(RowIso(r, 4)).value_or(0);
    b.order.order_no = RowStr(r, 5);
    b.openid = RowStr(r, 6);
    if (!RowIsNull(r, 7)) {
      PaymentRow p;
      p.id = RowInt(r, 7);
      p.order_id = RowInt(r, 8);
      p.user_id = RowInt(r, 9);
      p.amount = RowInt(r, 10);
      p.refunded_amount = RowInt(r, 11);
      p.status = RowInt(r, 12);
      p.out_trade_no = RowStr(r, 13);
      p.transaction_id = RowStr(r, 14);
      p.prepay_id = RowStr(r, 15);
      p.prepay_expires_unix = ParseIsoUtc(RowIso(r, 16)).value_or(0);
      p.paid_at = RowIso(r, 17);
      b.payment = p;
    }
    out = std::move(b);
  });
  return out;
}

int64_t UpsertPrepay(soci::session& s, const OrderForPay& o, const std::string& prepay_id,
                     int64_t expires_unix) {
  // id = LAST_INSERT_ID(id) makes the existing row's id the statement's insert id.
  SqlQuery q(
      "INSERT INTO payments (order_id, user_id, amount, payment_method, out_trade_no, prepay_id, "
      "prepay_expires_at) VALUES (");
  q.Append("?, ?, ", static_cast<ll>(o.id), static_cast<ll>(o.user_id));
  q.Append("?, 'wechat', ", static_cast<ll>(o.total_price));
  q.Append("?, ", o.order_no);
  q.Append("?, ", prepay_id);
  q.Append("?)", FormatSqlUtc(expires_unix));
  q.Append(
      " ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), "
      "prepay_id = IF(status = 0, VALUES(prepay_id), prepay_id), "
      "prepay_expires_at = IF(status = 0, VALUES(prepay_expires_at), prepay_expires_at)");
  q.Exec(s);
  ll id = 0;
  s.get_last_insert_id("payments", id);
  return id;
}

std::optional<PaymentRow> FindByOrder(soci::session& s, int64_t order_id) {
  SqlQuery q(kPaymentColumns);
  q.Append(" WHERE order_id = ? AND payment_method = 'wechat'", static_cast<ll>(order_id));
  return OnePayment(s, q);
}

std::optional<PaymentRow> FindById(soci::session& s, int64_t id, int64_t user_id) {
  SqlQuery q(kPaymentColumns);
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  if (user_id > 0) q.Append(" AND user_id = ?", static_cast<ll>(user_id));
  return OnePayment(s, q);
}

std::optional<PaymentRow> FindByOutTradeNo(soci::session& s, const std::string& out_trade_no) {
  SqlQuery q(kPaymentColumns);
  q.Append(" WHERE out_trade_no = ?", out_trade_no);
  return OnePayment(s, q);
}

std::optional<PaymentRow> LockById(soci::session& s, int64_t id) {
  SqlQuery q(kPaymentColumns);
  q.Append(" WHERE id = ? FOR UPDATE", static_cast<ll>(id));
  return OnePayment(s, q);
}

bool MarkPaid(soci::session& s, int64_t id, const std::string& transaction_id,
              const std::string& notify_json) {
  SqlQuery q("UPDATE payments SET status = 1, paid_at = UTC_TIMESTAMP(), ");
  q.Append("transaction_id = ?, ", transaction_id);
  q.Append("notify_data = ?", notify_json);
  q.Append(" WHERE id = ? AND status IN (0, 2, 4)", static_cast<ll>(id));
  return q.Exec(s) == 1;
}

bool MarkClosed(soci::session& s, int64_t id) {
  SqlQuery q("UPDATE payments SET status = 4");
  q.Append(" WHERE id = ? AND status = 0", static_cast<ll>(id));
  return q.Exec(s) == 1;
}

void TouchChecked(soci::session& s, int64_t id) {
  SqlQuery q("UPDATE payments SET checked_at = UTC_TIMESTAMP()");
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
}

int64_t AddRefunded(soci::session& s, int64_t id, int64_t amount) {
  // Assignments run left to right: status sees the new refunded_amount.
  SqlQuery q("UPDATE payments SET ");
  q.Append("refunded_amount = refunded_amount + ?, ", static_cast<ll>(amount));
  q.Append("status = IF(refunded_amount >= amount, 3, status)");
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
  SqlQuery r("SELECT refunded_amount FROM payments");
  r.Append(" WHERE id = ?", static_cast<ll>(id));
  return r.ScalarInt(s);
}

std::vector<int64_t> UnpaidToReconcile(soci::session& s, int64_t created_before_unix,
                                       int64_t checked_before_unix, int64_t limit) {
  SqlQuery q("SELECT id FROM payments WHERE status = 0 AND prepay_id IS NOT NULL");
  q.Append(" AND created_at <= ?", FormatSqlUtc(created_before_unix));
  // A payment nobody paid is given up after a day (its trade expired long before).
  q.Append(" AND created_at > ?", FormatSqlUtc(created_before_unix - 86400));
  q.Append(" AND (checked_at IS NULL OR checked_at <= ?)", FormatSqlUtc(checked_before_unix));
  q.Append(" ORDER BY created_at, id LIMIT ?", static_cast<ll>(limit));
  return Ids(s, q);
}

int64_t OpenTradeOfOrder(soci::session& s, int64_t order_id) {
  SqlQuery q("SELECT id FROM payments WHERE status = 0 AND prepay_id IS NOT NULL");
  q.Append(" AND order_id = ?", static_cast<ll>(order_id));
  return q.ScalarInt(s);
}

std::optional<RefundRow> LockRefund(soci::session& s, int64_t id) {
  SqlQuery q(kRefundColumns);
  q.Append(" WHERE id = ? FOR UPDATE", static_cast<ll>(id));
  return OneRefund(s, q);
}

std::optional<RefundRow> FindRefundByNo(soci::session& s, const std::string& refund_no) {
  SqlQuery q(kRefundColumns);
  q.Append(" WHERE refund_no = ?", refund_no);
  return OneRefund(s, q);
}

int64_t InsertApprovedRefund(soci::session& s, const RefundRow& r) {
  SqlQuery q(
      "INSERT INTO refunds (refund_no, order_id, payment_id, user_id, amount, reason, status, "
      "reviewed_by, reviewed_at) VALUES (");
  q.Append("?, ", r.refund_no);
  q.Append("?, NULLIF(?, 0), ", static_cast<ll>(r.order_id), static_cast<ll>(r.payment_id));
  q.Append("?, ?, ", static_cast<ll>(r.user_id), static_cast<ll>(r.amount));
  q.Append("LEFT(?, 200), 'approved', ", r.reason);
  q.Append("NULLIF(?, 0), UTC_TIMESTAMP())", static_cast<ll>(r.reviewed_by));
  q.Exec(s);
  ll id = 0;
  s.get_last_insert_id("refunds", id);
  return id;
}

RefundTotals RefundTotalsOf(soci::session& s, int64_t order_id) {
  SqlQuery q(
      "SELECT COUNT(*), CAST(COALESCE(SUM(status IN ('requested', 'approved', 'processing')), 0) "
      "AS SIGNED), CAST(COALESCE(SUM(IF(status = 'refunded', amount, 0)), 0) AS SIGNED) "
      "FROM refunds");
  q.Append(" WHERE order_id = ?", static_cast<ll>(order_id));
  RefundTotals t;
  q.ForEach(s, [&](const soci::row& r) {
    t.count = RowInt(r, 0);
    t.open = RowInt(r, 1);
    t.refunded = RowInt(r, 2);
  });
  return t;
}

bool MarkRefundSubmitted(soci::session& s, int64_t id, int64_t payment_id) {
  SqlQuery q("UPDATE refunds SET status = 'processing', submitted_at = UTC_TIMESTAMP(), ");
  q.Append("payment_id = ?", static_cast<ll>(payment_id));
  q.Append(" WHERE id = ? AND status IN ('approved', 'processing')", static_cast<ll>(id));
  return q.Exec(s) == 1;
}

void SetWechatRefundId(soci::session& s, int64_t id, const std::string& wechat_refund_id) {
  SqlQuery q("UPDATE refunds SET ");
  q.Append("wechat_refund_id = ?", wechat_refund_id);
  q.Append(" WHERE id = ?", static_cast<ll>(id));
  q.Exec(s);
}

bool MarkRefundDone(soci::session& s, int64_t id, const std::string& wechat_refund_id) {
  SqlQuery q("UPDATE refunds SET status = 'refunded', refunded_at = UTC_TIMESTAMP(), ");
  q.Append("wechat_refund_id = ?", wechat_refund_id);
  q.Append(" WHERE id = ? AND status IN ('approved', 'processing')", static_cast<ll>(id));
  return q.Exec(s) == 1;
}

bool MarkRefundFailed(soci::session& s, int64_t id, const std::string& reason) {
  SqlQuery q("UPDATE refunds SET status = 'failed', ");
  q.Append("fail_reason = LEFT(?, 200)", reason);
  q.Append(" WHERE id = ? AND status IN ('approved', 'processing')", static_cast<ll>(id));
  return q.Exec(s) == 1;
}

std::vector<int64_t> RefundsToExecute(soci::session& s, int64_t stale_before_unix, int64_t limit) {
  SqlQuery q("SELECT id FROM refunds WHERE status = 'approved' OR (status = 'processing'");
  q.Append(" AND (submitted_at IS NULL OR submitted_at <= ?))", FormatSqlUtc(stale_before_unix));
  q.Append(" ORDER BY id LIMIT ?", static_cast<ll>(limit));
  return Ids(s, q);
}

void SetOrderRefundStatus(soci::session& s, int64_t order_id, const std::string& refund_status) {
  SqlQuery q("UPDATE orders SET ");
  q.Append("refund_status = ?", refund_status);
  q.Append(" WHERE id = ?", static_cast<ll>(order_id));
  q.Exec(s);
}

void AddSoldCounts(soci::session& s, int64_t order_id, int sign) {
  // Ascending product ids: the lock order of order placement.
  SqlQuery q(
      "UPDATE products p JOIN (SELECT product_id, SUM(quantity) AS qty FROM order_items "
      "WHERE order_id = ");
  q.Append("? GROUP BY product_id) i ON i.product_id = p.id SET p.sold_count = ",
           static_cast<ll>(order_id));
  q.Append(sign >= 0 ? "p.sold_count + i.qty"
                     : "GREATEST(CAST(p.sold_count AS SIGNED) - i.qty, 0)");
  q.Exec(s);
}

}  // namespace rz::payrepo
