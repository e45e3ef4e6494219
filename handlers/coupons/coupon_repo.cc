// Coupons worker SQL; every value is bound.
#include "handlers/coupons/coupon_repo.h"

#include "core/time_util.h"
#include "db/sql.h"

namespace rz::coupons {
namespace {

// The user's wallet rows of coupon c (any status).
const char kHeldSub[] =
    "(SELECT COUNT(*) FROM user_coupons h WHERE h.coupon_id = c.id AND h.user_id = ?)";

void AvailableWhere(SqlQuery& q, int64_t user_id, const std::string& now) {
  q.Append(" WHERE c.is_active = 1 AND c.is_public = 1");
  q.Append(" AND c.start_date <= ?", now).Append(" AND c.end_date >= ?", now);
  q.Append(" AND (c.usage_limit < 0 OR c.used_count < c.usage_limit)");
  q.Append(std::string(" AND (c.per_user_limit = 0 OR ") + kHeldSub + " < c.per_user_limit)",
           user_id);
}

void WalletWhere(SqlQuery& q, int64_t user_id, WalletFilter f, const std::string& now) {
  q.Append(" WHERE uc.user_id = ?", user_id);
  switch (f) {
    case WalletFilter::kAll:
      break;
    case WalletFilter::kUnused:
      q.Append(" AND uc.status = 'unused' AND c.end_date >= ?", now);
      break;
    case WalletFilter::kUsed:
      q.Append(" AND uc.status = 'used'");
      break;
    case WalletFilter::kExpired:
      q.Append(" AND (uc.status = 'expired' OR (uc.status = 'unused' AND c.end_date < ?))", now);
      break;
  }
}

const std::string& WalletSelect() {
  static const std::string sql =
      "SELECT uc.id, uc.status, uc.order_id, uc.claimed_at, uc.used_at, " + CouponDefColumns("c") +
      " FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id";
  return sql;
}

WalletRow ReadWalletRow(const soci::row& r, int64_t now_unix) {
  WalletRow w;
  w.id = RowInt(r, 0);
  w.status = RowStr(r, 1);
  w.order_id = RowInt(r, 2);
  w.claimed_at = RowIso(r, 3);
  w.used_at = RowIso(r, 4);
  w.coupon = CouponDefFromRow(r, 5);
  if (w.status == "unused" && now_unix > w.coupon.end_unix) w.status = "expired";
  return w;
}

}  // namespace

Page<AvailableRow> CouponRepo::Available(soci::session& s, int64_t user_id, int64_t now_unix,
                                         int64_t offset, int64_t limit) {
  const std::string now = FormatSqlUtc(now_unix);
  Page<AvailableRow> page;
  SqlQuery count("SELECT COUNT(*) FROM coupons c");
  AvailableWhere(count, user_id, now);
  page.total = count.ScalarInt(s);

  SqlQuery q;
  q.Append("SELECT " + CouponDefColumns("c") + ", " + kHeldSub + " FROM coupons c", user_id);
  AvailableWhere(q, user_id, now);
  q.Append(" ORDER BY c.end_date, c.id LIMIT ? OFFSET ?", limit, offset);
  q.ForEach(s, [&](const soci::row& r) {
    AvailableRow a;
    a.coupon = CouponDefFromRow(r, 0);
    a.claimed_count = RowInt(r, 15);
    page.items.push_back(std::move(a));
  });
  return page;
}

Page<WalletRow> CouponRepo::Wallet(soci::session& s, int64_t user_id, WalletFilter f,
                                   int64_t now_unix, int64_t offset, int64_t limit) {
  const std::string now = FormatSqlUtc(now_unix);
  Page<WalletRow> page;
  SqlQuery count("SELECT COUNT(*) FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id");
  WalletWhere(count, user_id, f, now);
  page.total = count.ScalarInt(s);

  SqlQuery q(WalletSelect());
  WalletWhere(q, user_id, f, now);
  q.Append(" ORDER BY uc.claimed_at DESC, uc.id DESC LIMIT ? OFFSET ?", limit, offset);
  q.ForEach(s, [&](const soci::row& r) { page.items.push_back(ReadWalletRow(r, now_unix)); });
  return page;
}

WalletRow CouponRepo::WalletItem(soci::session& s, int64_t user_id, int64_t user_coupon_id,
                                 int64_t now_unix) {
  SqlQuery q(WalletSelect());
  q.Append(" WHERE uc.id = ? AND uc.user_id = ?", user_coupon_id, user_id);
  WalletRow w;
  q.ForEach(s, [&](const soci::row& r) { w = ReadWalletRow(r, now_unix); });
  return w;
}

int64_t CouponRepo::CountHeldLocked(soci::session& s, int64_t coupon_id, int64_t user_id) {
  SqlQuery q("SELECT COUNT(*) FROM user_coupons");
  q.Append(" WHERE coupon_id = ? AND user_id = ? LOCK IN SHARE MODE", coupon_id, user_id);
  return q.ScalarInt(s);
}

int64_t CouponRepo::InsertClaim(soci::session& s, int64_t coupon_id, int64_t user_id) {
  SqlQuery q("INSERT INTO user_coupons (user_id, coupon_id, status, claimed_at)");
  q.Append(" VALUES (?, ?, 'unused', UTC_TIMESTAMP())", user_id, coupon_id);
  q.Exec(s);
  return SqlQuery("SELECT LAST_INSERT_ID()").ScalarInt(s);
}

}  // namespace rz::coupons
