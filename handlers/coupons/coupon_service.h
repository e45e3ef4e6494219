// Business rules of the coupons worker: validating a code against an amount,
// listing claimable coupons, claiming one into the wallet, and the wallet.
//
// Decisions (api.md leaves them open):
//   * An unknown code is 4005 coupon_invalid "coupon not found" (like every other
//     reason a typed code cannot be used), for validate and claim alike.
//   * Codes match exactly (case-sensitive, utf8mb4_bin).
//   * A non-public coupon is not listed but can be claimed by whoever has its code.
//   * Claiming respects per_user_limit against every wallet row the user holds of
//     that coupon (unused, used or expired); using respects it against 'used' rows.
//   * Definitions are not cached in Redis: each call reads one row by a unique
//     key, and the counts (used_count, wallet) must be live anyway.
#pragma once

#include <cstdint>
#include <string>

#include "db/db.h"
#include "handlers/coupons/coupon_repo.h"
#include "shop/coupon_rules.h"

namespace rz::coupons {

struct Validation {
  CouponDef coupon;
  Fen discount = 0;
  Fen final_amount = 0;
};

class CouponService {
 public:
  explicit CouponService(Db& db) : db_(db) {}

  // 4005 coupon_invalid with the reason when `user_id` cannot use `code` on `amount`.
  Validation Validate(int64_t user_id, const std::string& code, Fen amount);
  Page<AvailableRow> Available(int64_t user_id, int64_t offset, int64_t limit);
  // Adds one 'unused' copy to the wallet. Race-safe: the coupon row is locked
  // while the user's copies are counted. 4005 coupon_invalid when it cannot be
  // claimed (not found, inactive, not started, expired, exhausted, per-user limit).
  WalletRow Claim(int64_t user_id, const std::string& code);
  Page<WalletRow> Mine(int64_t user_id, WalletFilter f, int64_t offset, int64_t limit);

 private:
  Db& db_;
};

}  // namespace rz::coupons
