// Coupons worker services; see coupon_service.h.
#include "handlers/coupons/coupon_service.h"

#include <stdexcept>

#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"

namespace rz::coupons {

Validation CouponService::Validate(int64_t user_id, const std::string& code, Fen amount) {
  return db_.Run([&](soci::session& s) {
    std::optional<CouponDef> def = LoadCouponByCode(s, code);
    if (!def) throw Conflict("coupon_invalid", kCouponNotFound);
    int64_t used = CountUserCouponUses(s, def->id, user_id);
    CouponEval e = EvaluateCoupon(*def, amount, used, NowUnix());
    if (!e.ok) throw Conflict("coupon_invalid", e.reason);
    return Validation{*def, e.discount, amount - e.discount};
  });
}

Page<AvailableRow> CouponService::Available(int64_t user_id, int64_t offset, int64_t limit) {
  return db_.Run([&](soci::session& s) {
    return CouponRepo::Available(s, user_id, NowUnix(), offset, limit);
  });
}

WalletRow CouponService::Claim(int64_t user_id, const std::string& code) {
  WalletRow w = db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    // The row lock serialises claims (and uses) of this coupon, so two claims
    // racing for the user's last allowed copy cannot both see room for it.
    std::optional<CouponDef> def = LoadCouponByCode(s, code, /*for_update=*/true);
    if (!def) throw Conflict("coupon_invalid", kCouponNotFound);
    const int64_t now = NowUnix();
    int64_t held = CouponRepo::CountHeldLocked(s, def->id, user_id);
    std::string reason = CouponUnusableReason(*def, held, now);
    if (!reason.empty()) throw Conflict("coupon_invalid", reason);
    int64_t id = CouponRepo::InsertClaim(s, def->id, user_id);
    WalletRow row = CouponRepo::WalletItem(s, user_id, id, now);
    tx.commit();
    return row;
  });
  if (w.id == 0) throw std::runtime_error("claimed coupon row not readable");
  LogInfo("coupon claimed",
          {{"user", std::to_string(user_id)}, {"coupon", std::to_string(w.coupon.id)}});
  return w;
}

Page<WalletRow> CouponService::Mine(int64_t user_id, WalletFilter f, int64_t offset,
                                    int64_t limit) {
  return db_.Run([&](soci::session& s) {
    return CouponRepo::Wallet(s, user_id, f, NowUnix(), offset, limit);
  });
}

}  // namespace rz::coupons
