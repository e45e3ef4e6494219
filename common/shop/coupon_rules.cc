// Coupon rules: pure evaluation and the in-transaction reserve/attach/release;
// see coupon_rules.h.
#include "shop/coupon_rules.h"

#include <algorithm>
#include <stdexcept>

#include "core/error.h"
#include "core/time_util.h"
#include "db/sql.h"

namespace rz {

const char* const kCouponInactive = "coupon is not active";
const char* const kCouponNotStarted = "coupon has not started";
const char* const kCouponExpired = "coupon has expired";
const char* const kCouponBelowMinimum = "order amount below minimum purchase";
const char* const kCouponExhausted = "coupon usage limit reached";
const char* const kCouponUserLimit = "per-user limit reached";
const char* const kCouponNotFound = "coupon not found";

namespace {

// DATETIME column (UTC) as unix seconds. Not UNIX_TIMESTAMP(): MariaDB 10.11
// answers NULL for dates after 2038, and coupons may end in 2099.
int64_t RowUnix(const soci::row& r, size_t i) { return ParseIsoUtc(RowIso(r, i)).value_or(0); }

}  // namespace

Fen CouponDiscount(const CouponDef& def, Fen amount) {
  // At most amount - 1: the payable total never drops below 0.01.
  const Fen room = amount - 1;
  if (room <= 0) return 0;
  Fen d = 0;
  if (def.discount_type == static_cast<int>(CouponType::kPercent)) {
    d = PercentOf(amount, def.discount_value);  // half up to the fen
    if (def.max_discount_price > 0) d = std::min(d, def.max_discount_price);
  } else {
    d = def.discount_value;
  }
  return std::clamp<Fen>(d, 0, room);
}

std::string CouponUnusableReason(const CouponDef& def, int64_t user_count, int64_t now_unix) {
  if (!def.is_active) return kCouponInactive;
  if (now_unix < def.start_unix) return kCouponNotStarted;
  if (now_unix > def.end_unix) return kCouponExpired;
  if (def.usage_limit >= 0 && def.used_count >= def.usage_limit) return kCouponExhausted;
  if (def.per_user_limit > 0 && user_count >= def.per_user_limit) return kCouponUserLimit;
  return "";
}

CouponEval EvaluateCoupon(const CouponDef& def, Fen amount, int64_t user_used_count,
                          int64_t now_unix) {
  CouponEval e;
  e.reason = CouponUnusableReason(def, user_used_count, now_unix);
  if (e.reason.empty() && amount < def.min_purchase_price) e.reason = kCouponBelowMinimum;
  if (!e.reason.empty()) return e;
  e.ok = true;
  e.discount = CouponDiscount(def, amount);
  return e;
}

std::string CouponDefColumns(const std::string& alias) {
  static const char* const kCols[] = {"id",
                                      "code",
                                      "name",
                                      "description",
                                      "discount_type",
                                      "discount_value",
                                      "min_purchase_price",
                                      "max_discount_price",
                                      "usage_limit",
                                      "used_count",
                                      "per_user_limit",
                                      "start_date",
                                      "end_date",
                                      "is_active",
                                      "is_public"};
  std::string out;
  for (const char* c : kCols) {
    if (!out.empty()) out += ", ";
    if (!alias.empty()) out += alias + ".";
    out += c;
  }
  return out;
}

CouponDef CouponDefFromRow(const soci::row& r, size_t i) {
  CouponDef d;
  d.id = RowInt(r, i++);
  d.code = RowStr(r, i++);
  d.name = RowStr(r, i++);
  d.description = RowStr(r, i++);
  d.discount_type = static_cast<int>(RowInt(r, i++));
  d.discount_value = RowInt(r, i++);
  d.min_purchase_price = RowInt(r, i++);
  d.max_discount_price = RowInt(r, i++);
  d.usage_limit = RowInt(r, i++);
  d.used_count = RowInt(r, i++);
  d.per_user_limit = RowInt(r, i++);
  d.start_unix = RowUnix(r, i++);
  d.end_unix = RowUnix(r, i++);
  d.is_active = RowInt(r, i++) != 0;
  d.is_public = RowInt(r, i++) != 0;
  return d;
}

std::optional<CouponDef> LoadCouponByCode(soci::session& s, const std::string& code,
                                          bool for_update) {
  SqlQuery q("SELECT " + CouponDefColumns() + " FROM coupons");
  q.Append(" WHERE code = ?", code);
  if (for_update) q.Append(" FOR UPDATE");
  std::optional<CouponDef> out;
  q.ForEach(s, [&](const soci::row& r) { out = CouponDefFromRow(r); });
  return out;
}

int64_t CountUserCouponUses(soci::session& s, int64_t coupon_id, int64_t user_id, bool locking) {
  SqlQuery q("SELECT COUNT(*) FROM user_coupons");
  q.Append(" WHERE coupon_id = ? AND user_id = ? AND status = 'used'", coupon_id, user_id);
  if (locking) q.Append(" LOCK IN SHARE MODE");
  return q.ScalarInt(s);
}

CouponUse ReserveCouponInTx(soci::session& s, const std::string& code, int64_t user_id,
                            Fen amount) {
  // The row lock serialises every reserve, claim and release of this coupon, so
  // the per-user count below cannot change until we commit.
  std::optional<CouponDef> def = LoadCouponByCode(s, code, /*for_update=*/true);
  if (!def) throw Conflict("coupon_invalid", kCouponNotFound);
  // Locking read: the caller's snapshot may predate another order's commit.
  const int64_t used = CountUserCouponUses(s, def->id, user_id, /*locking=*/true);
  CouponEval e = EvaluateCoupon(*def, amount, used, NowUnix());
  if (!e.ok) throw Conflict("coupon_invalid", e.reason);

  // Belt and braces with the lock: the limit is enforced by the UPDATE itself.
  SqlQuery inc("UPDATE coupons SET used_count = used_count + 1");
  inc.Append(" WHERE id = ? AND (usage_limit < 0 OR used_count < usage_limit)", def->id);
  if (inc.Exec(s) != 1) throw Conflict("coupon_invalid", kCouponExhausted);

  CouponUse use;
  use.coupon_id = def->id;
  use.code = def->code;
  use.discount = e.discount;
  // Spend the user's claimed copy if they hold one, else record a direct use.
  SqlQuery find("SELECT id FROM user_coupons");
  find.Append(" WHERE coupon_id = ? AND user_id = ? AND status = 'unused'", def->id, user_id);
  find.Append(" ORDER BY id LIMIT 1 FOR UPDATE");
  use.user_coupon_id = find.ScalarInt(s);
  if (use.user_coupon_id > 0) {
    SqlQuery mark(
        "UPDATE user_coupons SET status = 'used', order_id = NULL, used_at = UTC_TIMESTAMP()");
    mark.Append(" WHERE id = ?", use.user_coupon_id);
    mark.Exec(s);
  } else {
    long long uid = user_id, cid = def->id;
    s << "INSERT INTO user_coupons (user_id, coupon_id, status, claimed_at, used_at) "
         "VALUES (:u, :c, 'used', UTC_TIMESTAMP(), UTC_TIMESTAMP())",
        soci::use(uid), soci::use(cid);
    long long id = 0;
    s << "SELECT LAST_INSERT_ID()", soci::into(id);
    use.user_coupon_id = id;
  }
  return use;
}

void AttachCouponToOrderInTx(soci::session& s, const CouponUse& use, int64_t user_id,
                             int64_t order_id) {
  SqlQuery q;
  q.Append("UPDATE user_coupons SET order_id = ?", order_id);
  q.Append(" WHERE id = ? AND user_id = ?", use.user_coupon_id, user_id);
  q.Append(" AND coupon_id = ? AND status = 'used' AND order_id IS NULL", use.coupon_id);
  // Only the transaction that reserved the row can see it unattached.
  if (q.Exec(s) != 1) throw std::logic_error("coupon use to attach not found");
}

bool ReleaseCouponInTx(soci::session& s, int64_t order_id) {
  // Find the use without locking it, then lock the coupon row first and the
  // user_coupons row second: the same order as ReserveCouponInTx, so the two
  // cannot deadlock. The conditional UPDATE makes a repeated release a no-op.
  long long uc_id = 0, coupon_id = 0;
  SqlQuery find("SELECT id, coupon_id FROM user_coupons");
  find.Append(" WHERE order_id = ? AND status = 'used' ORDER BY id LIMIT 1", order_id);
  find.ForEach(s, [&](const soci::row& r) {
    uc_id = RowInt(r, 0);
    coupon_id = RowInt(r, 1);
  });
  if (uc_id == 0) return false;
  SqlQuery lock("SELECT id FROM coupons");
  lock.Append(" WHERE id = ? FOR UPDATE", coupon_id);
  lock.ScalarInt(s);
  SqlQuery back("UPDATE user_coupons SET status = 'unused', order_id = NULL, used_at = NULL");
  back.Append(" WHERE id = ? AND order_id = ?", uc_id, order_id);
  back.Append(" AND status = 'used'");
  if (back.Exec(s) != 1) return false;
  SqlQuery dec("UPDATE coupons SET used_count = used_count - 1");
  dec.Append(" WHERE id = ? AND used_count > 0", coupon_id);
  dec.Exec(s);
  return true;
}

}  // namespace rz
