// Admin-orders SQL; see admin_order_repo.h. Dynamic statements go through
// SqlQuery, whose every '?' is a bound value.
#include "handlers/admin-orders/admin_order_repo.h"

#include "db/sql.h"

namespace rz::admin_orders::repo {
namespace {

using ll = long long;

void AppendIdList(SqlQuery& q, const std::vector<int64_t>& ids) {
  for (size_t i = 0; i < ids.size(); ++i) q.Append(i == 0 ? "?" : ", ?", static_cast<ll>(ids[i]));
}

// order_no: a whole number is an exact match (a prefix match of
// ORD2024102500001 would also find ORD20241025000010); a shorter text is a
// prefix, which the unique index serves as a range.
void AppendOrderNo(SqlQuery& q, const std::string& no, bool exact) {
  if (exact) {
    q.Append(" AND o.order_no = ?", no);
  } else {
    q.Append(" AND o.order_no LIKE ? ESCAPE '\\\\'", LikeEscape(no) + "%");
  }
}

void AppendOrderFilter(SqlQuery& q, const OrderFilter& f) {
  if (!f.order_no.empty()) AppendOrderNo(q, f.order_no, f.order_no_exact);
  if (f.user_ids && f.user_ids->empty()) {
    q.Append(" AND 1 = 0");  // nobody has that phone
  } else if (f.user_ids) {
    // The buyers found by phone: idx_orders_user_created serves each.
    q.Append(" AND o.user_id IN (");
    AppendIdList(q, *f.user_ids);
    q.Append(")");
  }
  if (!f.nickname.empty()) {
    q.Append(" AND u.nickname LIKE ? ESCAPE '\\\\'", "%" + LikeEscape(f.nickname) + "%");
  }
  if (f.status) q.Append(" AND o.status = ?", static_cast<ll>(*f.status));
  if (!f.payment_method.empty()) q.Append(" AND o.payment_method = ?", f.payment_method);
  if (!f.refund_status.empty()) q.Append(" AND o.refund_status = ?", f.refund_status);
  if (!f.created_from.empty()) q.Append(" AND o.created_at >= ?", f.created_from);
  if (!f.created_before.empty()) q.Append(" AND o.created_at < ?", f.created_before);
  if (f.amount_min) q.Append(" AND o.total_price >= ?", static_cast<ll>(*f.amount_min));
  if (f.amount_max) q.Append(" AND o.total_price <= ?", static_cast<ll>(*f.amount_max));
}

const char kRowColumns[] =
    "SELECT o.id, o.user_id, o.status, o.item_count, o.order_no, u.nickname, o.refund_status, "
    "o.payment_method, o.payment_time, o.created_at, o.receiver_name, o.receiver_phone, "
    "o.receiver_province, o.receiver_city, o.receiver_district, o.receiver_detail, "
    "o.express_code, ec.name, o.express_no, o.express_time, o.total_price";
constexpr size_t kRowColumnCount = 21;
const char kRowFrom[] =
    " FROM orders o LEFT JOIN users u ON u.id = o.user_id "
    "LEFT JOIN express_companies ec ON ec.code = o.express_code WHERE 1 = 1";

OrderRow ReadOrderRow(const soci::row& r) {
  OrderRow o;
  o.id = RowInt(r, 0);
  o.user_id = RowInt(r, 1);
  o.status = RowInt(r, 2);
  o.item_count = RowInt(r, 3);
  o.order_no = RowStr(r, 4);
  o.nickname = RowStr(r, 5);
  o.refund_status = RowStr(r, 6);
  o.payment_method = RowStr(r, 7);
  o.payment_time = RowIso(r, 8);
  o.created_at = RowIso(r, 9);
  o.receiver_name = RowStr(r, 10);
  o.phone_enc = RowStr(r, 11);
  o.province = RowStr(r, 12);
  o.city = RowStr(r, 13);
  o.district = RowStr(r, 14);
  o.detail = RowStr(r, 15);
  o.express_code = RowStr(r, 16);
  o.express_name = RowStr(r, 17);
  o.express_no = RowStr(r, 18);
  o.express_time = RowIso(r, 19);
  o.total_price = RowInt(r, 20);
  return o;
}

std::vector<OrderRow> ReadOrderRows(soci::session& s, const SqlQuery& q) {
  std::vector<OrderRow> out;
  q.ForEach(s, [&](const soci::row& r) { out.push_back(ReadOrderRow(r)); });
  return out;
}

const char kRefundSelect[] =
    "SELECT r.id, r.order_id, r.user_id, o.status, r.reviewed_by, r.refund_no, r.status, "
    "r.reason, r.images, r.review_note, r.created_at, r.reviewed_at, r.refunded_at, o.order_no, "
    "u.nickname, a.display_name, r.wechat_refund_id, r.fail_reason, r.submitted_at, "
    "o.refund_status, o.payment_time, r.amount, o.total_price "
    "FROM refunds r JOIN orders o ON o.id = r.order_id LEFT JOIN users u ON u.id = r.user_id "
    "LEFT JOIN admins a ON a.id = r.reviewed_by WHERE 1 = 1";

RefundRow ReadRefund(const soci::row& r) {
  RefundRow f;
  f.id = RowInt(r, 0);
  f.order_id = RowInt(r, 1);
  f.user_id = RowInt(r, 2);
  f.order_status = RowInt(r, 3);
  f.reviewed_by = RowInt(r, 4);
  f.refund_no = RowStr(r, 5);
  f.status = RowStr(r, 6);
  f.reason = RowStr(r, 7);
  f.images_json = RowStr(r, 8);
  f.review_note = RowStr(r, 9);
  f.created_at = RowIso(r, 10);
  f.reviewed_at = RowIso(r, 11);
  f.refunded_at = RowIso(r, 12);
  f.order_no = RowStr(r, 13);
  f.nickname = RowStr(r, 14);
  f.reviewer_name = RowStr(r, 15);
  f.wechat_refund_id = RowStr(r, 16);
  f.fail_reason = RowStr(r, 17);
  f.submitted_at = RowIso(r, 18);
  f.order_refund_status = RowStr(r, 19);
  f.order_payment_time = RowIso(r, 20);
  f.amount = RowInt(r, 21);
  f.order_total = RowInt(r, 22);
  return f;
}

void AppendRefundFilter(SqlQuery& q, const RefundFilter& f) {
  if (!f.status.empty()) q.Append(" AND r.status = ?", f.status);
  if (!f.order_no.empty()) AppendOrderNo(q, f.order_no, f.order_no_exact);
  if (!f.created_from.empty()) q.Append(" AND r.created_at >= ?", f.created_from);
  if (!f.created_before.empty()) q.Append(" AND r.created_at < ?", f.created_before);
}

}  // namespace

std::vector<int64_t> UsersByPhoneHash(soci::session& s, const std::string& phone_hash) {
  SqlQuery q("SELECT id FROM users");
  q.Append(" WHERE phone_hash = ? ORDER BY id LIMIT 100", phone_hash);
  std::vector<int64_t> ids;
  q.ForEach(s, [&](const soci::row& r) { ids.push_back(RowInt(r, 0)); });
  return ids;
}

int64_t CountOrders(soci::session& s, const OrderFilter& f) {
  // The users join only when a nickname filters: counting needs nothing else.
  SqlQuery q(f.nickname.empty() ? "SELECT COUNT(*) FROM orders o WHERE 1 = 1"
                                : "SELECT COUNT(*) FROM orders o JOIN users u ON u.id = o.user_id "
                                  "WHERE 1 = 1");
  AppendOrderFilter(q, f);
  return q.ScalarInt(s);
}

std::vector<OrderRow> ListOrders(soci::session& s, const OrderFilter& f, int64_t limit,
                                 int64_t offset) {
  SqlQuery q(std::string(kRowColumns) + kRowFrom);
  AppendOrderFilter(q, f);
  q.Append(" ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?", static_cast<ll>(limit),
           static_cast<ll>(offset));
  return ReadOrderRows(s, q);
}

std::vector<OrderRow> ExportPage(soci::session& s, const OrderFilter& f, int64_t before_id,
                                 int64_t limit) {
  SqlQuery q(std::string(kRowColumns) + kRowFrom);
  AppendOrderFilter(q, f);
  // Keyset, not OFFSET: each page costs the same however deep the export is.
  if (before_id > 0) q.Append(" AND o.id < ?", static_cast<ll>(before_id));
  q.Append(" ORDER BY o.id DESC LIMIT ?", static_cast<ll>(limit));
  return ReadOrderRows(s, q);
}

std::map<int64_t, std::string> ItemSummaries(soci::session& s, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  if (ids.empty()) return out;
  SqlQuery q("SELECT order_id, product_name, quantity FROM order_items WHERE order_id IN (");
  AppendIdList(q, ids);
  q.Append(") ORDER BY order_id, id");
  q.ForEach(s, [&](const soci::row& r) {
    std::string& line = out[RowInt(r, 0)];
    if (!line.empty()) line += "; ";
    line += RowStr(r, 1) + "×" + std::to_string(RowInt(r, 2));
  });
  return out;
}

std::optional<OrderFull> FindOrder(soci::session& s, int64_t order_id) {
  SqlQuery q(std::string(kRowColumns) +
             ", u.phone, o.coupon_code, o.pay_deadline, o.remark, o.admin_remark, o.cancelled_at, "
             "o.cancel_reason, o.completed_at, o.subtotal, o.vip_discount, o.coupon_discount, "
             "o.discount_price, o.express_price" +
             kRowFrom);
  q.Append(" AND o.id = ?", static_cast<ll>(order_id));
  std::optional<OrderFull> out;
  q.ForEach(s, [&](const soci::row& r) {
    OrderFull o;
    o.row = ReadOrderRow(r);
    size_t i = kRowColumnCount;
    o.user_phone_enc = RowStr(r, i++);
    o.coupon_code = RowStr(r, i++);
    o.pay_deadline = RowIso(r, i++);
    o.remark = RowStr(r, i++);
    o.admin_remark = RowStr(r, i++);
    o.cancelled_at = RowIso(r, i++);
    o.cancel_reason = RowStr(r, i++);
    o.completed_at = RowIso(r, i++);
    o.subtotal = RowInt(r, i++);
    o.vip_discount = RowInt(r, i++);
    o.coupon_discount = RowInt(r, i++);
    o.discount_price = RowInt(r, i++);
    o.express_price = RowInt(r, i++);
    out = std::move(o);
  });
  return out;
}

std::optional<PaymentInfo> PaymentOf(soci::session& s, int64_t order_id) {
  SqlQuery q(
      "SELECT id, status, payment_method, transaction_id, paid_at, amount, refunded_amount "
      "FROM payments");
  q.Append(" WHERE order_id = ? ORDER BY id DESC LIMIT 1", static_cast<ll>(order_id));
  std::optional<PaymentInfo> out;
  q.ForEach(s, [&](const soci::row& r) {
    out = PaymentInfo{RowInt(r, 0), RowInt(r, 1), RowStr(r, 2), RowStr(r, 3),
                      RowIso(r, 4), RowInt(r, 5), RowInt(r, 6)};
  });
  return out;
}

std::vector<OrderLogRow> Logs(soci::session& s, int64_t order_id) {
  SqlQuery q(
      "SELECT l.id, l.operator_id, l.from_status, l.to_status, l.action, l.operator_type, "
      "l.note, l.created_at, a.display_name FROM order_logs l "
      "LEFT JOIN admins a ON l.operator_type = 'admin' AND a.id = l.operator_id");
  q.Append(" WHERE l.order_id = ? ORDER BY l.id", static_cast<ll>(order_id));
  std::vector<OrderLogRow> out;
  q.ForEach(s, [&](const soci::row& r) {
    OrderLogRow l;
    l.id = RowInt(r, 0);
    l.operator_id = RowInt(r, 1);
    if (!RowIsNull(r, 2)) l.from_status = RowInt(r, 2);
    l.to_status = RowInt(r, 3);
    l.action = RowStr(r, 4);
    l.operator_type = RowStr(r, 5);
    l.note = RowStr(r, 6);
    l.created_at = RowIso(r, 7);
    l.operator_name = RowStr(r, 8);
    out.push_back(std::move(l));
  });
  return out;
}

int64_t OrderIdByNo(soci::session& s, const std::string& order_no) {
  SqlQuery q("SELECT id FROM orders");
  q.Append(" WHERE order_no = ?", order_no);
  return q.ScalarInt(s);
}

std::optional<LockedOrder> LockOrder(soci::session& s, int64_t order_id) {
  SqlQuery q(
      "SELECT id, user_id, status, order_no, refund_status, admin_remark, receiver_name, "
      "receiver_phone, receiver_province, receiver_city, receiver_district, receiver_detail, "
      "total_price FROM orders");
  q.Append(" WHERE id = ? FOR UPDATE", static_cast<ll>(order_id));
  std::optional<LockedOrder> out;
  q.ForEach(s, [&](const soci::row& r) {
    LockedOrder o;
    o.id = RowInt(r, 0);
    o.user_id = RowInt(r, 1);
    o.status = RowInt(r, 2);
    o.order_no = RowStr(r, 3);
    o.refund_status = RowStr(r, 4);
    o.admin_remark = RowStr(r, 5);
    o.name = RowStr(r, 6);
    o.phone_enc = RowStr(r, 7);
    o.province = RowStr(r, 8);
    o.city = RowStr(r, 9);
    o.district = RowStr(r, 10);
    o.detail = RowStr(r, 11);
    o.total_price = RowInt(r, 12);
    out = std::move(o);
  });
  return out;
}

bool ExpressCompanyActive(soci::session& s, const std::string& code) {
  SqlQuery q("SELECT COUNT(*) FROM express_companies");
  q.Append(" WHERE code = ? AND is_active = 1", code);
  return q.ScalarInt(s) > 0;
}

void SetAddress(soci::session& s, int64_t order_id, const Address& a) {
  SqlQuery q("UPDATE orders SET ");
  q.Append("receiver_name = ?, ", a.name);
  q.Append("receiver_phone = ?, ", a.phone_enc);
  q.Append("receiver_province = ?, receiver_city = ?, receiver_district = ?, ", a.province, a.city,
           a.district);
  q.Append("receiver_detail = ?", a.detail);
  q.Append(" WHERE id = ?", static_cast<ll>(order_id));
  q.Exec(s);
}

void SetAdminRemark(soci::session& s, int64_t order_id, const std::string& remark) {
  SqlQuery q("UPDATE orders SET ");
  q.Append("admin_remark = ?", remark);
  q.Append(" WHERE id = ?", static_cast<ll>(order_id));
  q.Exec(s);
}

int64_t CountRefunds(soci::session& s, const RefundFilter& f) {
  SqlQuery q(f.order_no.empty()
                 ? "SELECT COUNT(*) FROM refunds r WHERE 1 = 1"
                 : "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE 1 = 1");
  AppendRefundFilter(q, f);
  return q.ScalarInt(s);
}

std::vector<RefundRow> ListRefunds(soci::session& s, const RefundFilter& f, int64_t limit,
                                   int64_t offset) {
  SqlQuery q(kRefundSelect);
  AppendRefundFilter(q, f);
  q.Append(" ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?", static_cast<ll>(limit),
           static_cast<ll>(offset));
  std::vector<RefundRow> out;
  q.ForEach(s, [&](const soci::row& r) { out.push_back(ReadRefund(r)); });
  return out;
}

std::vector<RefundRow> RefundsOfOrder(soci::session& s, int64_t order_id) {
  SqlQuery q(kRefundSelect);
  q.Append(" AND r.order_id = ? ORDER BY r.id", static_cast<ll>(order_id));
  std::vector<RefundRow> out;
  q.ForEach(s, [&](const soci::row& r) { out.push_back(ReadRefund(r)); });
  return out;
}

std::optional<RefundRow> FindRefund(soci::session& s, int64_t refund_id) {
  SqlQuery q(kRefundSelect);
  q.Append(" AND r.id = ?", static_cast<ll>(refund_id));
  std::optional<RefundRow> out;
  q.ForEach(s, [&](const soci::row& r) { out = ReadRefund(r); });
  return out;
}

bool ReviewRefund(soci::session& s, int64_t refund_id, const std::string& to, int64_t admin_id,
                  const std::string& note) {
  // The guard against a double review: only one caller sees the requested row.
  SqlQuery q("UPDATE refunds SET ");
  q.Append("status = ?, ", to);
  q.Append("reviewed_by = ?, reviewed_at = UTC_TIMESTAMP(), ", static_cast<ll>(admin_id));
  q.Append("review_note = ?", note);
  q.Append(" WHERE id = ? AND status = 'requested'", static_cast<ll>(refund_id));
  return q.Exec(s) == 1;
}

std::vector<DailyRefund> RefundedPerDay(soci::session& s, const std::string& from) {
  SqlQuery q(
      "SELECT DATE_FORMAT(refunded_at, '%Y-%m-%d') AS d, CAST(SUM(amount) AS SIGNED), COUNT(*) "
      "FROM refunds WHERE status = 'refunded'");
  q.Append(" AND refunded_at >= ? GROUP BY d ORDER BY d", from);
  std::vector<DailyRefund> out;
  q.ForEach(s, [&](const soci::row& r) {
    out.push_back({RowStr(r, 0), RowInt(r, 1), RowInt(r, 2)});
  });
  return out;
}

void PaidAndRefundedOrders(soci::session& s, const std::string& from, int64_t* paid,
                           int64_t* refunded) {
  SqlQuery q(
      "SELECT COUNT(*), CAST(COALESCE(SUM(status = 5 OR refund_status IN ('refunded', "
      "'partial')), 0) AS SIGNED) FROM orders");
  q.Append(" WHERE payment_time >= ?", from);
  *paid = 0;
  *refunded = 0;
  q.ForEach(s, [&](const soci::row& r) {
    *paid = RowInt(r, 0);
    *refunded = RowInt(r, 1);
  });
}

std::vector<std::pair<std::string, int64_t>> TopReasons(soci::session& s, const std::string& from,
                                                        int64_t limit) {
  SqlQuery q("SELECT reason, COUNT(*) AS n FROM refunds");
  q.Append(" WHERE created_at >= ? GROUP BY reason", from);
  q.Append(" ORDER BY n DESC, reason LIMIT ?", static_cast<ll>(limit));
  std::vector<std::pair<std::string, int64_t>> out;
  q.ForEach(s, [&](const soci::row& r) { out.emplace_back(RowStr(r, 0), RowInt(r, 1)); });
  return out;
}

int64_t PendingRefunds(soci::session& s) {
  return SqlQuery("SELECT COUNT(*) FROM refunds WHERE status = 'requested'").ScalarInt(s);
}

}  // namespace rz::admin_orders::repo
