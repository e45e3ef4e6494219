// Coupon domain rules shared by the coupons and orders workers: the pure
// eligibility/discount evaluation and the in-transaction reserve/attach/release.
//
// Discount rules (all money int64 fen):
//   fixed   (discount_type 1): discount = min(discount_value, amount - 1)
//   percent (discount_type 2): discount = amount * discount_value / 100 rounded
//           HALF UP to the fen (rz::PercentOf), then capped by max_discount_price
//           when that is > 0, then by amount - 1.
// The payable amount never drops below 0.01 (1 fen). An amount of 1 fen or less
// gets no discount (discount 0, still ok when otherwise eligible).
//
// Concurrency (ReserveCouponInTx): the coupon row is locked with SELECT ... FOR
// UPDATE, the user's uses are counted under that lock, and used_count is
// incremented by a conditional UPDATE honouring usage_limit; a 0-row update is
// reported as "usage limit reached". The caller owns the transaction.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/money.h"

namespace rz {

enum class CouponType : int { kFixed = 1, kPercent = 2 };

// One row of `coupons`.
struct CouponDef {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string description;
  int discount_type = 1;       // 1 fixed, 2 percent
  int64_t discount_value = 0;  // fen for fixed; integer percent 1..99 for percent
  Fen min_purchase_price = 0;  // fen; amount must be >= this
  Fen max_discount_price = 0;  // fen; 0 = no cap (percent coupons)
  int64_t usage_limit = -1;    // total uses; -1 = unlimited
  int64_t used_count = 0;
  int64_t per_user_limit = 1;  // uses per user; <= 0 = unlimited
  int64_t start_unix = 0;      // start_date (UTC) as unix seconds
  int64_t end_unix = 0;        // end_date (UTC) as unix seconds
  bool is_active = true;
  bool is_public = true;
};

struct CouponEval {
  bool ok = false;
  std::string reason;  // English reason text when !ok (goes to error.detail)
  Fen discount = 0;    // fen; 0 when !ok
};

// Reason texts returned by EvaluateCoupon (stable; tests compare them).
extern const char* const kCouponInactive;      // "coupon is not active"
extern const char* const kCouponNotStarted;    // "coupon has not started"
extern const char* const kCouponExpired;       // "coupon has expired"
extern const char* const kCouponBelowMinimum;  // "order amount below minimum purchase"
extern const char* const kCouponExhausted;     // "coupon usage limit reached"
extern const char* const kCouponUserLimit;     // "per-user limit reached"
extern const char* const kCouponNotFound;      // "coupon not found"

// Discount for an eligible coupon (no eligibility checks): rules above.
Fen CouponDiscount(const CouponDef& def, Fen amount);

// Why the coupon cannot be used (or claimed) right now regardless of the amount:
// inactive, not started, expired, usage limit reached, per-user limit reached
// (`user_count` against per_user_limit); "" when usable. Used by EvaluateCoupon
// and by the claim path (with the user's wallet count).
std::string CouponUnusableReason(const CouponDef& def, int64_t user_count, int64_t now_unix);

// Pure evaluation. Checks in order: inactive, not started (now < start),
// expired (now > end), usage limit reached (usage_limit >= 0 && used_count >=
// usage_limit), per-user limit reached (per_user_limit > 0 && user_used_count
// >= per_user_limit), below minimum (amount < min_purchase_price).
CouponEval EvaluateCoupon(const CouponDef& def, Fen amount, int64_t user_used_count,
                          int64_t now_unix);

// Columns of `coupons` in CouponDef order, for SELECTs that read a CouponDef with
// CouponDefFromRow (prefix each with `alias.` when alias is not empty).
std::string CouponDefColumns(const std::string& alias = "");
// Reads a CouponDef from `r` starting at column `first`.
CouponDef CouponDefFromRow(const soci::row& r, size_t first = 0);

// Loads a coupon by code (exact, case-sensitive). No lock; `for_update` adds
// FOR UPDATE (inside a transaction).
std::optional<CouponDef> LoadCouponByCode(soci::session& s, const std::string& code,
                                          bool for_update = false);
// Uses of `coupon_id` by `user_id`: user_coupons rows with status 'used'
// (reserved ones included). `locking` makes it a current (locking) read, which
// a transaction holding the coupon row lock needs to see rows committed after
// its snapshot.
int64_t CountUserCouponUses(soci::session& s, int64_t coupon_id, int64_t user_id,
                            bool locking = false);

struct CouponUse {
  int64_t coupon_id = 0;
  std::string code;
  Fen discount = 0;
  int64_t user_coupon_id = 0;  // the user_coupons row now marked 'used'
};

// Inside the caller's transaction: locks the coupon row (SELECT ... FOR UPDATE),
// validates it for this user and amount, increments used_count with a
// conditional UPDATE honouring usage_limit, and records the per-user use (the
// user's oldest unused claimed row becomes 'used', else a new 'used' row is
// inserted; order_id stays NULL until AttachCouponToOrderInTx).
// Throws Conflict("coupon_invalid", reason) (unknown code: kCouponNotFound).
CouponUse ReserveCouponInTx(soci::session& s, const std::string& code, int64_t user_id, Fen amount);
// Sets order_id on the user_coupons row recorded by ReserveCouponInTx.
void AttachCouponToOrderInTx(soci::session& s, const CouponUse& use, int64_t user_id,
                             int64_t order_id);
// Gives the use of `order_id` back: its 'used' user_coupons row becomes 'unused'
// (order_id NULL, used_at NULL) and the coupon's used_count - 1. Idempotent per
// order: a second call (or an order without coupon) does nothing. Returns true
// when something was released.
bool ReleaseCouponInTx(soci::session& s, int64_t order_id);

}  // namespace rz
