// All SQL of the coupons worker that is not shared with orders (that lives in
// shop/coupon_rules.h): the available list, the wallet, and claiming. Every
// function runs on the caller's session so the service owns the transaction.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "shop/coupon_rules.h"

namespace rz::coupons {

// GET /coupons/mine filter. kUnused/kExpired split 'unused' rows on the
// coupon's end_date: an unused coupon that has ended is shown as expired.
enum class WalletFilter { kAll, kUnused, kUsed, kExpired };

struct WalletRow {
  int64_t id = 0;          // user_coupons.id
  std::string status;      // effective: unused / used / expired
  int64_t order_id = 0;    // 0 = none
  std::string claimed_at;  // ISO
  std::string used_at;     // ISO, "" = not used
  CouponDef coupon;
};

struct AvailableRow {
  CouponDef coupon;
  int64_t claimed_count = 0;  // the user's wallet rows of this coupon
};

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

class CouponRepo {
 public:
  // Active public coupons within their dates, not exhausted, that `user_id`
  // holds fewer than per_user_limit of; soonest ending first.
  static Page<AvailableRow> Available(soci::session& s, int64_t user_id, int64_t now_unix,
                                      int64_t offset, int64_t limit);
  // The user's wallet, newest claim first.
  static Page<WalletRow> Wallet(soci::session& s, int64_t user_id, WalletFilter f, int64_t now_unix,
                                int64_t offset, int64_t limit);
  // One wallet row of `user_id`; id 0 in the result when absent.
  static WalletRow WalletItem(soci::session& s, int64_t user_id, int64_t user_coupon_id,
                              int64_t now_unix);
  // Wallet rows (any status) the user holds of the coupon, as a locking read.
  static int64_t CountHeldLocked(soci::session& s, int64_t coupon_id, int64_t user_id);
  // Inserts an 'unused' wallet row; returns its id.
  static int64_t InsertClaim(soci::session& s, int64_t coupon_id, int64_t user_id);
};

}  // namespace rz::coupons
