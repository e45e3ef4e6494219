// Tests for the pure coupon rules: EvaluateCoupon and CouponDiscount (fixed,
// percent, cap, minimum, limits, dates, the 0.01 payable floor, rounding).
#define BOOST_TEST_MODULE coupon_rules
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>

#include "shop/coupon_rules.h"

using rz::CouponDef;
using rz::CouponEval;
using rz::EvaluateCoupon;
using rz::Fen;

namespace {

constexpr int64_t kStart = 1704067200;  // 2024-01-01T00:00:00Z
constexpr int64_t kEnd = 1767225599;    // 2025-12-31T23:59:59Z
constexpr int64_t kNow = 1730000000;    // inside the window

CouponDef Fixed(Fen value, Fen min_purchase = 0) {
  CouponDef d;
  d.id = 1;
  d.code = "FIX";
  d.discount_type = 1;
  d.discount_value = value;
  d.min_purchase_price = min_purchase;
  d.usage_limit = -1;
  d.per_user_limit = 1;
  d.start_unix = kStart;
  d.end_unix = kEnd;
  return d;
}

CouponDef Percent(int64_t percent, Fen cap = 0) {
  CouponDef d = Fixed(percent);
  d.code = "PCT";
  d.discount_type = 2;
  d.max_discount_price = cap;
  return d;
}

Fen Discount(const CouponDef& d, Fen amount) {
  CouponEval e = EvaluateCoupon(d, amount, 0, kNow);
  BOOST_TEST_REQUIRE(e.ok, "unexpected refusal: " << e.reason);
  BOOST_TEST(e.reason.empty());
  return e.discount;
}

std::string Refusal(const CouponDef& d, Fen amount, int64_t used = 0, int64_t now = kNow) {
  CouponEval e = EvaluateCoupon(d, amount, used, now);
  BOOST_TEST(!e.ok);
  BOOST_TEST(e.discount == 0);
  return e.reason;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fixed_amount_takes_its_value_off) {
  BOOST_TEST(Discount(Fixed(10000), 100000) == 10000);  // 100 yuan off 1000
  BOOST_TEST(Discount(Fixed(10000), 10001) == 10000);   // leaves exactly 0.01
}

BOOST_AUTO_TEST_CASE(fixed_amount_never_leaves_less_than_one_fen) {
  BOOST_TEST(Discount(Fixed(10000), 10000) == 9999);  // equal amount: 0.01 payable
  BOOST_TEST(Discount(Fixed(10000), 500) == 499);
  BOOST_TEST(Discount(Fixed(10000), 2) == 1);
  BOOST_TEST(Discount(Fixed(10000), 1) == 0);  // nothing to take off a 0.01 order
}

BOOST_AUTO_TEST_CASE(percent_takes_that_share_off) {
  BOOST_TEST(Discount(Percent(10), 100000) == 10000);  // 10% of 1000 yuan
  BOOST_TEST(Discount(Percent(25), 1790000) == 447500);
  BOOST_TEST(Discount(Percent(99), 100) == 99);
}

BOOST_AUTO_TEST_CASE(percent_rounds_half_up_to_the_fen) {
  BOOST_TEST(Discount(Percent(10), 15) == 2);     // 1.5 fen -> 2
  BOOST_TEST(Discount(Percent(10), 14) == 1);     // 1.4 fen -> 1
  BOOST_TEST(Discount(Percent(15), 999) == 150);  // 149.85 -> 150
  BOOST_TEST(Discount(Percent(33), 101) == 33);   // 33.33 -> 33
  BOOST_TEST(Discount(Percent(10), 4) == 0);      // 0.4 fen -> 0
}

BOOST_AUTO_TEST_CASE(percent_is_capped_by_max_discount_price) {
  CouponDef vip = Percent(10, 50000);                       // 10% off, at most 500 yuan
  BOOST_TEST(Discount(vip, 100000) == 10000);               // under the cap
  BOOST_TEST(Discount(vip, 500000) == 50000);               // exactly the cap
  BOOST_TEST(Discount(vip, 1790000) == 50000);              // 1790 capped to 500
  BOOST_TEST(Discount(Percent(10, 0), 1790000) == 179000);  // 0 = no cap
}

BOOST_AUTO_TEST_CASE(percent_never_leaves_less_than_one_fen) {
  BOOST_TEST(Discount(Percent(99), 2) == 1);  // 1.98 fen rounds to 2, floor keeps 0.01
  BOOST_TEST(Discount(Percent(99), 1) == 0);
  BOOST_TEST(Discount(Percent(60), 1) == 0);
}

BOOST_AUTO_TEST_CASE(large_amounts_do_not_overflow) {
  BOOST_TEST(Discount(Percent(99), rz::kMaxFen) == rz::kMaxFen / 100 * 99);
  BOOST_TEST(Discount(Fixed(rz::kMaxFen), rz::kMaxFen) == rz::kMaxFen - 1);
}

BOOST_AUTO_TEST_CASE(minimum_purchase_is_inclusive) {
  CouponDef d = Fixed(10000, 100000);  // 100 off from 1000
  BOOST_TEST(Discount(d, 100000) == 10000);
  BOOST_TEST(Refusal(d, 99999) == rz::kCouponBelowMinimum);
  BOOST_TEST(std::string(rz::kCouponBelowMinimum) == "order amount below minimum purchase");
}

BOOST_AUTO_TEST_CASE(inactive_coupon_is_refused) {
  CouponDef d = Fixed(100);
  d.is_active = false;
  BOOST_TEST(Refusal(d, 100000) == rz::kCouponInactive);
}

BOOST_AUTO_TEST_CASE(dates_are_inclusive_bounds) {
  CouponDef d = Fixed(100);
  BOOST_TEST(Refusal(d, 100000, 0, kStart - 1) == rz::kCouponNotStarted);
  BOOST_TEST(EvaluateCoupon(d, 100000, 0, kStart).ok);
  BOOST_TEST(EvaluateCoupon(d, 100000, 0, kEnd).ok);
  BOOST_TEST(Refusal(d, 100000, 0, kEnd + 1) == rz::kCouponExpired);
}

BOOST_AUTO_TEST_CASE(usage_limit) {
  CouponDef d = Fixed(100);
  d.usage_limit = 100;
  d.used_count = 99;
  BOOST_TEST(EvaluateCoupon(d, 100000, 0, kNow).ok);  // the last one
  d.used_count = 100;
  BOOST_TEST(Refusal(d, 100000) == rz::kCouponExhausted);
  d.usage_limit = 0;
  d.used_count = 0;
  BOOST_TEST(Refusal(d, 100000) == rz::kCouponExhausted);
  d.usage_limit = -1;
  d.used_count = 1000000;
  BOOST_TEST(EvaluateCoupon(d, 100000, 0, kNow).ok);  // unlimited
}

BOOST_AUTO_TEST_CASE(per_user_limit) {
  CouponDef d = Fixed(100);
  d.per_user_limit = 2;
  BOOST_TEST(EvaluateCoupon(d, 100000, 1, kNow).ok);
  BOOST_TEST(Refusal(d, 100000, 2) == rz::kCouponUserLimit);
  d.per_user_limit = 0;  // unlimited
  BOOST_TEST(EvaluateCoupon(d, 100000, 50, kNow).ok);
}

BOOST_AUTO_TEST_CASE(reasons_come_in_a_fixed_order) {
  CouponDef d = Fixed(100, 100000);
  d.is_active = false;
  d.usage_limit = 1;
  d.used_count = 1;
  BOOST_TEST(Refusal(d, 1, 5, kEnd + 1) == rz::kCouponInactive);
  d.is_active = true;
  BOOST_TEST(Refusal(d, 1, 5, kStart - 1) == rz::kCouponNotStarted);
  BOOST_TEST(Refusal(d, 1, 5, kEnd + 1) == rz::kCouponExpired);
  BOOST_TEST(Refusal(d, 1, 5) == rz::kCouponExhausted);
  d.usage_limit = -1;
  BOOST_TEST(Refusal(d, 1, 5) == rz::kCouponUserLimit);
  BOOST_TEST(Refusal(d, 1, 0) == rz::kCouponBelowMinimum);
}

BOOST_AUTO_TEST_CASE(unusable_reason_ignores_the_amount) {
  CouponDef d = Fixed(100, 100000);
  BOOST_TEST(rz::CouponUnusableReason(d, 0, kNow).empty());
  BOOST_TEST(rz::CouponUnusableReason(d, 1, kNow) == rz::kCouponUserLimit);
}
