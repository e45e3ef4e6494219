// Orders worker SQL; see order_repo.h. Multi-row statements are built with
// SqlQuery, whose every '?' is a bound value.
#include "handlers/orders/order_repo.h"

#include "payments/payment_repo.h"

#include "db/sql.h"

namespace rz::orders::repo {
namespace {

using ll = long long;

void AppendIdList(SqlQuery& q, const std::vector<int64_t>& ids) {
  for (size_t i = 0; i < ids.size(); ++i) q.Append(i == 0 ? "?" : ", ?", static_cast<ll>(ids[i]));
}

OrderHeader HeaderFromRow(const soci::row& r) {
  OrderHeader h;
  h.id = RowInt(r, 0);
  h.order_no = RowStr(r, 1);
  h.subtotal = RowInt(r, 2);
  h.discount_price = RowInt(r, 3);
  h.express_price = RowInt(r, 4);
  h.total_price = RowInt(r, 5);
  h.pay_deadline = RowIso(r, 6);
  h.created_unix = RowInt(r, 7);
  return h;
}

const char kHeaderColumns[] =
    "SELECT id, order_no, subtotal, discount_price, express_price, total_price, pay_deadline, "
    "UNIX_TIMESTAMP(created_at) FROM orders";

}  // namespace

std::vector<CartLine> CartLines(soci::session& s, int64_t user_id,
                                const std::vector<int64_t>& ids) {
  SqlQuery q("SELECT id, product_id, color, size, quantity FROM cart_items");
  q.Append(" WHERE user_id = ?", static_cast<ll>(user_id));
  if (!ids.empty()) {
    q.Append(" AND id IN (");
    AppendIdList(q, ids);
    q.Append(")");
  }
  q.Append(" ORDER BY id");
  std::vector<CartLine> out;
  q.ForEach(s, [&](const soci::row& r) {
    out.push_back({RowInt(r, 0), RowInt(r, 1), RowInt(r, 4), RowStr(r, 2), RowStr(r, 3)});
  });
  return out;
}

std::optional<CheckoutContext> Checkout(soci::session& s, int64_t user_id, int64_t address_id) {
  // One round trip for everything placement needs besides the products.
  SqlQuery q(
      "SELECT a.name, a.phone, a.province, a.city, a.district, a.detail, "
      "COALESCE((SELECT v.discount_rate FROM users u JOIN vip_levels v ON v.level = u.vip_level");
  q.Append(
      " WHERE u.id = ? AND (u.vip_expire_date IS NULL OR u.vip_expire_date >= UTC_DATE())), 100), ",
      static_cast<ll>(user_id));
  q.Append(
      "(SELECT value FROM settings WHERE `key` = 'shipping_fee'), "
      "(SELECT value FROM settings WHERE `key` = 'payment_timeout_minutes') "
      "FROM user_addresses a");
  q.Append(" WHERE a.id = ? AND a.user_id = ?", static_cast<ll>(address_id),
           static_cast<ll>(user_id));
  std::optional<CheckoutContext> out;
  q.ForEach(s, [&](const soci::row& r) {
    CheckoutContext c;
    c.name = RowStr(r, 0);
    c.phone_enc = RowStr(r, 1);
    c.province = RowStr(r, 2);
    c.city = RowStr(r, 3);
    c.district = RowStr(r, 4);
    c.detail = RowStr(r, 5);
    c.vip_rate = RowInt(r, 6);
    c.shipping_fee_json = RowStr(r, 7);
    c.timeout_json = RowStr(r, 8);
    out = std::move(c);
  });
  return out;
}

std::vector<ProductRow> Products(soci::session& s, const std::vector<int64_t>& sorted_ids,
                                 bool lock) {
  std::vector<ProductRow> out;
  if (sorted_ids.empty()) return out;
  // The locking read only needs what can change under us; the snapshot columns
  // come from the plain read before the transaction.
  SqlQuery q(lock ? "SELECT id, status, stock, price FROM products WHERE id IN ("
                  : "SELECT id, status, stock, price, name, sku, main_image, colors, sizes "
                    "FROM products WHERE id IN (");
  AppendIdList(q, sorted_ids);
  // Ascending id: every placement locks rows in the same order, so two orders
  // sharing products queue instead of deadlocking.
  q.Append(lock ? ") ORDER BY id FOR UPDATE" : ") ORDER BY id");
  q.ForEach(s, [&](const soci::row& r) {
    ProductRow p;
    p.id = RowInt(r, 0);
    p.status = RowInt(r, 1);
    p.stock = RowInt(r, 2);
    p.price = RowInt(r, 3);
    if (!lock) {
      p.name = RowStr(r, 4);
      p.sku = RowStr(r, 5);
      p.image = RowStr(r, 6);
      p.colors_json = RowStr(r, 7);
      p.sizes_json = RowStr(r, 8);
    }
    out.push_back(std::move(p));
  });
  return out;
}

bool TakeStock(soci::session& s, int64_t product_id, int64_t quantity) {
  SqlQuery q("UPDATE products SET ");
  // sold_count counts paid sales: the payments side adds to it.
  q.Append("stock = stock - ?", static_cast<ll>(quantity));
  q.Append(" WHERE id = ? AND status = 1", static_cast<ll>(product_id));
  q.Append(" AND stock >= ?", static_cast<ll>(quantity));
  return q.Exec(s) == 1;
}

int64_t InsertOrder(soci::session& s, const NewOrder& o) {
  soci::indicator coupon_ind = o.coupon_id > 0 ? soci::i_ok : soci::i_null;
  soci::indicator key_ind = o.idempotency_key.empty() ? soci::i_null : soci::i_ok;
  soci::indicator phone_ind = o.address.phone_enc.empty() ? soci::i_null : soci::i_ok;
  ll user_id = o.user_id, address_id = o.address_id, item_count = o.item_count;
  ll subtotal = o.subtotal, vip = o.vip_discount, coupon = o.coupon_discount;
  ll discount = o.discount_price, express = o.express_price, total = o.total_price;
  ll coupon_id = o.coupon_id;
  s << "INSERT INTO orders (order_no, user_id, subtotal, vip_discount, coupon_discount, "
       "discount_price, express_price, total_price, item_count, coupon_id, coupon_code, status, "
       "pay_deadline, address_id, receiver_name, receiver_phone, receiver_province, receiver_city, "
       "receiver_district, receiver_detail, remark, idempotency_key) VALUES (:no, :uid, :sub, "
       ":vip, :cd, :dp, :ep, :tp, :ic, :cid, :cc, 0, :pd, :aid, :rn, :rp, :rpv, :rc, :rd, :rdt, "
       ":rm, :ik)",
      soci::use(o.order_no), soci::use(user_id), soci::use(subtotal), soci::use(vip),
      soci::use(coupon), soci::use(discount), soci::use(express), soci::use(total),
      soci::use(item_count), soci::use(coupon_id, coupon_ind), soci::use(o.coupon_code, coupon_ind),
      soci::use(o.pay_deadline), soci::use(address_id), soci::use(o.address.name),
      soci::use(o.address.phone_enc, phone_ind), soci::use(o.address.province),
      soci::use(o.address.city), soci::use(o.address.district), soci::use(o.address.detail),
      soci::use(o.remark), soci::use(o.idempotency_key, key_ind);
  ll id = 0;
  s.get_last_insert_id("orders", id);
  return id;
}

void InsertItems(soci::session& s, int64_t order_id, const std::vector<NewItem>& items) {
  SqlQuery q(
      "INSERT INTO order_items (order_id, product_id, product_name, product_sku, product_image, "
      "color, size, price, quantity, subtotal) VALUES ");
  for (size_t i = 0; i < items.size(); ++i) {
    const NewItem& it = items[i];
    q.Append(i == 0 ? "(?, " : ", (?, ", static_cast<ll>(order_id));
    q.Append("?, ", static_cast<ll>(it.product_id));
    q.Append("?, ?, ?, ", it.name, it.sku, it.image);
    q.Append("?, ", it.color).Append("?, ", it.size);
    q.Append("?, ?, ", static_cast<ll>(it.price), static_cast<ll>(it.quantity));
    q.Append("?)", static_cast<ll>(it.subtotal));
  }
  q.Exec(s);
}

void InsertInventoryLogs(soci::session& s, int64_t order_id, const std::vector<StockMove>& moves,
                         const char* reason, const char* note) {
  if (moves.empty()) return;
  SqlQuery q(
      "INSERT INTO inventory_logs (product_id, delta, reason, stock_after, order_id, note) "
      "VALUES ");
  for (size_t i = 0; i < moves.size(); ++i) {
    q.Append(i == 0 ? "(?, " : ", (?, ", static_cast<ll>(moves[i].product_id));
    q.Append("?, ", static_cast<ll>(moves[i].delta));
    q.Append("?, ", std::string(reason));
    q.Append("?, ?, ", static_cast<ll>(moves[i].stock_after), static_cast<ll>(order_id));
    q.Append("?)", std::string(note));
  }
  q.Exec(s);
}

int64_t DeleteCartLines(soci::session& s, int64_t user_id, const std::vector<int64_t>& ids) {
  if (ids.empty()) return 0;
  SqlQuery q("DELETE FROM cart_items");
  q.Append(" WHERE user_id = ? AND id IN (", static_cast<ll>(user_id));
  AppendIdList(q, ids);
  q.Append(")");
  return q.Exec(s);
}

std::optional<OrderHeader> FindHeader(soci::session& s, int64_t order_id, int64_t user_id) {
  SqlQuery q(kHeaderColumns);
  q.Append(" WHERE id = ? AND user_id = ?", static_cast<ll>(order_id), static_cast<ll>(user_id));
  std::optional<OrderHeader> out;
  q.ForEach(s, [&](const soci::row& r) { out = HeaderFromRow(r); });
  return out;
}

std::optional<OrderHeader> FindByIdempotencyKey(soci::session& s, int64_t user_id,
                                                const std::string& key) {
  SqlQuery q(kHeaderColumns);
  q.Append(" WHERE user_id = ?", static_cast<ll>(user_id));
  q.Append(" AND idempotency_key = ?", key);
  std::optional<OrderHeader> out;
  q.ForEach(s, [&](const soci::row& r) { out = HeaderFromRow(r); });
  return out;
}

void ClearIdempotencyKey(soci::session& s, int64_t order_id) {
  SqlQuery q("UPDATE orders SET idempotency_key = NULL");
  q.Append(" WHERE id = ?", static_cast<ll>(order_id));
  q.Exec(s);
}

int64_t NextFallbackSeq(soci::session& s, const std::string& ymd) {
  SqlQuery q("INSERT INTO order_no_sequences (day, seq) VALUES (");
  q.Append("?, LAST_INSERT_ID(90000001)) ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)",
           ymd);
  q.Exec(s);
  return SqlQuery("SELECT LAST_INSERT_ID()").ScalarInt(s);
}

int64_t MaxSeqOfDay(soci::session& s, const std::string& ymd, int64_t below) {
  SqlQuery q("SELECT COALESCE(MAX(CAST(SUBSTRING(order_no, 12) AS SIGNED)), 0) FROM orders");
  q.Append(" WHERE order_no LIKE ?", "ORD" + ymd + "%");
  q.Append(" AND CAST(SUBSTRING(order_no, 12) AS SIGNED) < ?", static_cast<ll>(below));
  return q.ScalarInt(s);
}

std::vector<ListRow> List(soci::session& s, int64_t user_id, std::optional<int64_t> status,
                          int64_t limit, int64_t offset, int64_t* total) {
  SqlQuery count("SELECT COUNT(*) FROM orders");
  count.Append(" WHERE user_id = ?", static_cast<ll>(user_id));
  if (status) count.Append(" AND status = ?", static_cast<ll>(*status));
  *total = count.ScalarInt(s);

  std::vector<ListRow> out;
  if (*total <= offset) return out;
  SqlQuery q(
      "SELECT o.id, o.order_no, o.status, o.refund_status, o.total_price, o.item_count, "
      "o.created_at, fi.product_name, fi.product_image FROM orders o "
      "LEFT JOIN order_items fi ON fi.id = "
      "(SELECT MIN(i.id) FROM order_items i WHERE i.order_id = o.id)");
  q.Append(" WHERE o.user_id = ?", static_cast<ll>(user_id));
  if (status) q.Append(" AND o.status = ?", static_cast<ll>(*status));
  q.Append(" ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?", static_cast<ll>(limit),
           static_cast<ll>(offset));
  q.ForEach(s, [&](const soci::row& r) {
    ListRow l;
    l.id = RowInt(r, 0);
    l.order_no = RowStr(r, 1);
    l.status = RowInt(r, 2);
    l.refund_status = RowStr(r, 3);
    l.total_price = RowInt(r, 4);
    l.item_count = RowInt(r, 5);
    l.created_at = RowIso(r, 6);
    l.first_name = RowStr(r, 7);
    l.first_image = RowStr(r, 8);
    out.push_back(std::move(l));
  });
  return out;
}

Summary CountSummary(soci::session& s, int64_t user_id) {
  SqlQuery q(
      "SELECT CAST(COALESCE(SUM(status = 0), 0) AS SIGNED), CAST(COALESCE(SUM(status = 1), 0) AS "
      "SIGNED), "
      "CAST(COALESCE(SUM(status = 2), 0) AS SIGNED), "
      "CAST(COALESCE(SUM(refund_status IN ('requested', 'approved')), 0) AS SIGNED) FROM orders");
  q.Append(" WHERE user_id = ?", static_cast<ll>(user_id));
  Summary out;
  q.ForEach(s, [&](const soci::row& r) {
    out.pending_payment = RowInt(r, 0);
    out.pending_shipment = RowInt(r, 1);
    out.shipped = RowInt(r, 2);
    out.after_sales = RowInt(r, 3);
  });
  return out;
}

std::optional<OrderRow> Find(soci::session& s, int64_t order_id, int64_t user_id) {
  SqlQuery q(
      "SELECT o.id, o.user_id, o.order_no, o.status, o.refund_status, o.subtotal, o.vip_discount, "
      "o.coupon_discount, o.discount_price, o.express_price, o.total_price, o.item_count, "
      "o.coupon_code, o.payment_method, o.payment_time, o.pay_deadline, o.receiver_name, "
      "o.receiver_phone, o.receiver_province, o.receiver_city, o.receiver_district, "
      "o.receiver_detail, o.express_code, ec.name, o.express_no, o.express_time, "
      "ec.tracking_code, o.remark, o.created_at, o.cancelled_at, o.cancel_reason, o.completed_at "
      "FROM orders o LEFT JOIN express_companies ec ON ec.code = o.express_code");
  q.Append(" WHERE o.id = ? AND o.user_id = ?", static_cast<ll>(order_id),
           static_cast<ll>(user_id));
  std::optional<OrderRow> out;
  q.ForEach(s, [&](const soci::row& r) {
    OrderRow o;
    o.id = RowInt(r, 0);
    o.user_id = RowInt(r, 1);
    o.order_no = RowStr(r, 2);
    o.status = RowInt(r, 3);
    o.refund_status = RowStr(r, 4);
    o.subtotal = RowInt(r, 5);
    o.vip_discount = RowInt(r, 6);
    o.coupon_discount = RowInt(r, 7);
    o.discount_price = RowInt(r, 8);
    o.express_price = RowInt(r, 9);
    o.total_price = RowInt(r, 10);
    o.item_count = RowInt(r, 11);
    o.coupon_code = RowStr(r, 12);
    o.payment_method = RowStr(r, 13);
    o.payment_time = RowIso(r, 14);
    o.pay_deadline = RowIso(r, 15);
    o.name = RowStr(r, 16);
    o.phone_enc = RowStr(r, 17);
    o.province = RowStr(r, 18);
    o.city = RowStr(r, 19);
    o.district = RowStr(r, 20);
    o.detail = RowStr(r, 21);
    o.express_code = RowStr(r, 22);
    o.express_name = RowStr(r, 23);
    o.express_no = RowStr(r, 24);
    o.express_time = RowIso(r, 25);
    o.express_tracking_code = RowStr(r, 26);
    o.remark = RowStr(r, 27);
    o.created_at = RowIso(r, 28);
    o.cancelled_at = RowIso(r, 29);
    o.cancel_reason = RowStr(r, 30);
    o.completed_at = RowIso(r, 31);
    out = std::move(o);
  });
  return out;
}

std::vector<RefundRow> Refunds(soci::session& s, int64_t order_id) {
  SqlQuery q(
      "SELECT id, refund_no, amount, status, reason, images, review_note, created_at, refunded_at "
      "FROM refunds");
  q.Append(" WHERE order_id = ? ORDER BY id", static_cast<ll>(order_id));
  std::vector<RefundRow> out;
  q.ForEach(s, [&](const soci::row& r) {
    RefundRow f;
    f.id = RowInt(r, 0);
    f.refund_no = RowStr(r, 1);
    f.amount = RowInt(r, 2);
    f.status = RowStr(r, 3);
    f.reason = RowStr(r, 4);
    f.images_json = RowStr(r, 5);
    f.review_note = RowStr(r, 6);
    f.created_at = RowIso(r, 7);
    f.refunded_at = RowIso(r, 8);
    out.push_back(std::move(f));
  });
  return out;
}

std::optional<RefundBasis> LockForRefund(soci::session& s, int64_t order_id, int64_t user_id) {
  // The order row lock serializes refund requests of one order ("one open at a time").
  SqlQuery q("SELECT status, order_no, total_price FROM orders");
  q.Append(" WHERE id = ? AND user_id = ? FOR UPDATE", static_cast<ll>(order_id),
           static_cast<ll>(user_id));
  std::optional<RefundBasis> out;
  q.ForEach(s, [&](const soci::row& r) {
    RefundBasis b;
    b.status = RowInt(r, 0);
    b.order_no = RowStr(r, 1);
    b.total_price = RowInt(r, 2);
    out = std::move(b);
  });
  if (!out) return out;
  const payrepo::RefundTotals t = payrepo::RefundTotalsOf(s, order_id);
  out->requests = t.count;
  out->open_requests = t.open;
  out->refunded = t.refunded;
  return out;
}

int64_t InsertRefund(soci::session& s, const NewRefund& r) {
  ll order_id = r.order_id, user_id = r.user_id, amount = r.amount;
  s << "INSERT INTO refunds (refund_no, order_id, user_id, amount, reason, images, status) "
       "VALUES (:no, :oid, :uid, :amount, :reason, :images, 'requested')",
      soci::use(r.refund_no), soci::use(order_id), soci::use(user_id), soci::use(amount),
      soci::use(r.reason), soci::use(r.images_json);
  ll id = 0;
  s.get_last_insert_id("refunds", id);
  return id;
}

}  // namespace rz::orders::repo
