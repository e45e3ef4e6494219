// Integration tests of the coupons worker over HTTP through nginx (validate,
// available, claim, mine) and of the shared in-transaction coupon rules
// (ReserveCouponInTx / AttachCouponToOrderInTx / ReleaseCouponInTx) driven
// directly against the test database, including the concurrency proofs.
#define BOOST_TEST_MODULE coupons
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "db/db.h"
#include "shop/coupon_rules.h"
#include "tests/integration/support/api.h"

using namespace rz::test;

namespace {

const char kValidate[] = "/api/v1/coupons/validate";
const char kAvailable[] = "/api/v1/coupons/available";
const char kClaim[] = "/api/v1/coupons/claim";
const char kMine[] = "/api/v1/coupons/mine";

// Yuan JSON number -> fen, for comparing amounts.
int64_t Fen(const rapidjson::Value& v, const char* member) {
  BOOST_REQUIRE(v.IsObject() && v.HasMember(member) && v[member].IsNumber());
  return std::llround(v[member].GetDouble() * 100);
}

// A coupon code unique to this process and call (<= 32 characters).
std::string UniqueCouponCode() {
  static std::atomic<int> n{0};
  return "T" + std::to_string(getpid()) + "X" + std::to_string(++n);
}

// Options of a coupon created by a test; dates are SQL DATETIME literals (UTC).
struct NewCoupon {
  int discount_type = 1;
  int64_t discount_value = 1000;  // fen (fixed) or percent
  int64_t min_purchase = 0;
  int64_t max_discount = 0;
  int64_t usage_limit = -1;
  int64_t used_count = 0;
  int64_t per_user_limit = 1;
  std::string start = "2024-01-01 00:00:00";
  std::string end = "2099-12-31 23:59:59";
  int is_active = 1;
  int is_public = 0;  // not public by default: keeps GET /available short for everyone
};

struct Created {
  int64_t id = 0;
  std::string code;
};

Created CreateCoupon(const NewCoupon& c) {
  Created out;
  out.code = UniqueCouponCode();
  Sql("INSERT INTO coupons (code, name, description, discount_type, discount_value, "
      "min_purchase_price, max_discount_price, usage_limit, used_count, per_user_limit, "
      "start_date, end_date, is_active, is_public) VALUES ('" +
      out.code + "', '测试券', 'test', " + std::to_string(c.discount_type) + ", " +
      std::to_string(c.discount_value) + ", " + std::to_string(c.min_purchase) + ", " +
      std::to_string(c.max_discount) + ", " + std::to_string(c.usage_limit) + ", " +
      std::to_string(c.used_count) + ", " + std::to_string(c.per_user_limit) + ", '" + c.start +
      "', '" + c.end + "', " + std::to_string(c.is_active) + ", " + std::to_string(c.is_public) +
      ")");
  out.id = std::stoll(SqlScalar("SELECT id FROM coupons WHERE code = '" + out.code + "'"));
  return out;
}

std::string ValidateBody(const std::string& code, const std::string& amount) {
  return "{\"code\":\"" + code + "\",\"order_amount\":" + amount + "}";
}

std::string ClaimBody(const std::string& code) { return "{\"code\":\"" + code + "\"}"; }

void ExpectCouponInvalid(const ApiResponse& r, const std::string& reason) {
  BOOST_TEST_CONTEXT(r.body) {
    BOOST_TEST(r.status == 409);
    BOOST_TEST(r.code() == 4005);
    BOOST_TEST(r.error_type() == "coupon_invalid");
    BOOST_TEST(Str(r.json["error"], "detail") == reason);
  }
}

void ExpectBadRequest(const ApiResponse& r, const std::string& field) {
  BOOST_TEST_CONTEXT(r.body) {
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.code() == 4004);
    BOOST_TEST(r.has_field_error(field));
  }
}

// Every page of a paged list: the items' ids in order.
std::vector<int64_t> AllIds(const std::string& path, const std::string& token) {
  std::vector<int64_t> ids;
  for (int page = 1; page < 100; ++page) {
    std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    ApiResponse r = Get(path + sep + "per_page=100&page=" + std::to_string(page), token);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    for (const auto& it : r.data()["items"].GetArray()) {
      ids.push_back(Int(it, "id"));
    }
    if (!r.data()["has_more"].GetBool()) break;
  }
  return ids;
}

bool Contains(const std::vector<int64_t>& v, int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string Q(int64_t v) { return std::to_string(v); }

// A Db of its own with room for every racing thread's session.
rz::Db& RaceDb() {
  static rz::Db db([] {
    rz::Config cfg = StackConfig();
    cfg.Set("mysql.pool_size", "32");
    return cfg;
  }());
  return db;
}

// One ReserveCouponInTx in its own transaction, committed. "" on success, else
// the coupon_invalid reason (or the unexpected error's text).
std::string ReserveAndCommit(const std::string& code, int64_t user_id, rz::Fen amount,
                             int64_t order_id = 0) {
  try {
    return RaceDb().Run([&](soci::session& s) {
      soci::transaction tx(s);
      rz::CouponUse use = rz::ReserveCouponInTx(s, code, user_id, amount);
      if (order_id > 0) rz::AttachCouponToOrderInTx(s, use, user_id, order_id);
      tx.commit();
      return std::string();
    });
  } catch (const rz::ApiError& e) {
    return e.type() == "coupon_invalid" ? e.detail() : "unexpected " + e.type();
  } catch (const std::exception& e) {
    return std::string("unexpected ") + e.what();
  }
}

bool ReleaseAndCommit(int64_t order_id) {
  return RaceDb().Run([&](soci::session& s) {
    soci::transaction tx(s);
    bool released = rz::ReleaseCouponInTx(s, order_id);
    tx.commit();
    return released;
  });
}

// A fake order id unique to this process (orders do not exist yet; no FK).
int64_t FakeOrderId() {
  static std::atomic<int> n{0};
  return 900000000000LL + static_cast<int64_t>(getpid()) * 1000 + (++n);
}

// Runs fn(i) in n threads released together; returns each thread's result.
template <class Fn>
std::vector<std::string> Race(int n, Fn fn) {
  std::vector<std::string> out(n);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      out[i] = fn(i);
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  return out;
}

}  // namespace

// ---------------------------------------------------------------- validate

BOOST_AUTO_TEST_CASE(endpoints_need_a_token) {
  BOOST_TEST(Post(kValidate, ValidateBody("WELCOME100", "1000")).status == 401);
  BOOST_TEST(Get(kAvailable).status == 401);
  BOOST_TEST(Post(kClaim, ClaimBody("WELCOME100")).status == 401);
  ApiResponse r = Get(kMine);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.code() == 4001);
}

BOOST_AUTO_TEST_CASE(validate_fixed_amount_coupon) {
  Session u = Login(UniqueCode());
  ApiResponse r = Post(kValidate, ValidateBody("WELCOME100", "1000"), u.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "id") == 1);
  BOOST_TEST(Str(d, "code") == "WELCOME100");
  BOOST_TEST(Str(d, "name") == "新人礼券");
  BOOST_TEST(Int(d, "discount_type") == 1);
  BOOST_TEST(Fen(d, "discount_value") == 10000);
  BOOST_TEST(Fen(d, "discount_amount") == 10000);
  BOOST_TEST(Fen(d, "final_amount") == 90000);
  // Amounts with decimals stay exact.
  r = Post(kValidate, ValidateBody("WELCOME100", "35810.5"), u.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Fen(r.data(), "final_amount") == 3571050);
}

BOOST_AUTO_TEST_CASE(validate_percent_coupon_with_cap) {
  Session u = Login(UniqueCode());
  ApiResponse r = Post(kValidate, ValidateBody("VIP10", "1000"), u.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Int(r.data(), "discount_type") == 2);
  BOOST_TEST(Int(r.data(), "discount_value") == 10);  // percent, not yuan
  BOOST_TEST(Fen(r.data(), "discount_amount") == 10000);
  BOOST_TEST(Fen(r.data(), "final_amount") == 90000);
  r = Post(kValidate, ValidateBody("VIP10", "17900"), u.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Fen(r.data(), "discount_amount") == 50000);  // 1790 capped at 500
  BOOST_TEST(Fen(r.data(), "final_amount") == 1740000);
  r = Post(kValidate, ValidateBody("VIP10", "0.15"), u.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Fen(r.data(), "discount_amount") == 2);  // 1.5 fen rounds half up
}

BOOST_AUTO_TEST_CASE(validate_never_discounts_below_one_fen) {
  Session u = Login(UniqueCode());
  NewCoupon nc;
  nc.discount_value = 10000;  // 100 yuan off, no minimum
  Created c = CreateCoupon(nc);
  ApiResponse r = Post(kValidate, ValidateBody(c.code, "50"), u.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Fen(r.data(), "discount_amount") == 4999);
  BOOST_TEST(Fen(r.data(), "final_amount") == 1);
  r = Post(kValidate, ValidateBody(c.code, "0.01"), u.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Fen(r.data(), "discount_amount") == 0);
  BOOST_TEST(Fen(r.data(), "final_amount") == 1);
}

BOOST_AUTO_TEST_CASE(validate_refusals_name_the_reason) {
  Session u = Login(UniqueCode());
  const std::string t = u.access_token;
  ExpectCouponInvalid(Post(kValidate, ValidateBody("BIG500", "1000"), t),
                      "order amount below minimum purchase");
  ExpectCouponInvalid(Post(kValidate, ValidateBody("WELCOME100", "999.99"), t),
                      "order amount below minimum purchase");
  ExpectCouponInvalid(Post(kValidate, ValidateBody("SUMMER2024", "1000"), t), "coupon has expired");
  ExpectCouponInvalid(Post(kValidate, ValidateBody("PAUSED", "1000"), t), "coupon is not active");
  ExpectCouponInvalid(Post(kValidate, ValidateBody("NO-SUCH-CODE", "1000"), t), "coupon not found");
  // Codes are case-sensitive.
  ExpectCouponInvalid(Post(kValidate, ValidateBody("welcome100", "1000"), t), "coupon not found");

  NewCoupon later;
  later.start = "2099-01-01 00:00:00";
  ExpectCouponInvalid(Post(kValidate, ValidateBody(CreateCoupon(later).code, "1000"), t),
                      "coupon has not started");
  NewCoupon gone;
  gone.usage_limit = 3;
  gone.used_count = 3;
  ExpectCouponInvalid(Post(kValidate, ValidateBody(CreateCoupon(gone).code, "1000"), t),
                      "coupon usage limit reached");
  // The demo coupon with one use left still validates.
  BOOST_TEST(Post(kValidate, ValidateBody("LAST1", "100"), t).status == 200);
}

BOOST_AUTO_TEST_CASE(validate_refuses_after_the_users_own_limit) {
  Session u = Login(UniqueCode());
  Created c = CreateCoupon(NewCoupon{});  // per user 1
  BOOST_REQUIRE_EQUAL(ReserveAndCommit(c.code, u.user_id, 100000, FakeOrderId()), "");
  ExpectCouponInvalid(Post(kValidate, ValidateBody(c.code, "1000"), u.access_token),
                      "per-user limit reached");
  // Someone else still can.
  Session other = Login(UniqueCode());
  BOOST_TEST(Post(kValidate, ValidateBody(c.code, "1000"), other.access_token).status == 200);
}

BOOST_AUTO_TEST_CASE(validate_rejects_bad_input) {
  Session u = Login(UniqueCode());
  const std::string t = u.access_token;
  for (const char* amount :
       {"\"x\"", "\"100\"", "-1", "0", "1e13", "10000000001", "1.234", "null", "true", "[1]"}) {
    BOOST_TEST_CONTEXT(amount) {
      ExpectBadRequest(Post(kValidate, ValidateBody("WELCOME100", amount), t), "order_amount");
    }
  }
  ExpectBadRequest(Post(kValidate, "{\"order_amount\":1000}", t), "code");
  ExpectBadRequest(Post(kValidate, "{\"code\":\"WELCOME100\"}", t), "order_amount");
  ExpectBadRequest(Post(kValidate, "{\"code\":\"\",\"order_amount\":1000}", t), "code");
  ExpectBadRequest(Post(kValidate, "{\"code\":5,\"order_amount\":1000}", t), "code");
  ExpectBadRequest(Post(kValidate, ValidateBody(std::string(33, 'A'), "1000"), t), "code");
  ExpectBadRequest(
      Post(kValidate, "{\"code\":\"WELCOME100\",\"order_amount\":1000,\"user_id\":1}", t),
      "user_id");
  ApiResponse r = Post(kValidate, "{not json", t);
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.code() == 4004);
  r = Post(kValidate, "[1,2]", t);
  BOOST_TEST(r.status == 400);
  // The largest amount is fine.
  BOOST_TEST(Post(kValidate, ValidateBody("VIP10", "10000000000"), t).status == 200);
}

BOOST_AUTO_TEST_CASE(wrong_method_is_405) {
  Session u = Login(UniqueCode());
  ApiResponse r = Get(kValidate, u.access_token);
  BOOST_TEST(r.status == 405);
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(Get("/api/v1/coupons/nope", u.access_token).status == 404);
}

// ---------------------------------------------------------------- available

BOOST_AUTO_TEST_CASE(available_lists_claimable_public_coupons) {
  Session u = Login(UniqueCode());
  NewCoupon pub;
  pub.is_public = 1;
  pub.per_user_limit = 2;
  Created mine = CreateCoupon(pub);
  NewCoupon exhausted = pub;
  exhausted.usage_limit = 1;
  exhausted.used_count = 1;
  Created gone = CreateCoupon(exhausted);
  NewCoupon later = pub;
  later.start = "2099-01-01 00:00:00";
  Created future = CreateCoupon(later);

  std::vector<int64_t> ids = AllIds(kAvailable, u.access_token);
  for (int64_t id : {1, 2, 3, 4}) BOOST_TEST_CONTEXT(id) {
      BOOST_TEST(Contains(ids, id));
    }
  BOOST_TEST(Contains(ids, mine.id));
  BOOST_TEST(!Contains(ids, 5));  // expired
  BOOST_TEST(!Contains(ids, 6));  // inactive
  BOOST_TEST(!Contains(ids, 7));  // not public
  BOOST_TEST(!Contains(ids, gone.id));
  BOOST_TEST(!Contains(ids, future.id));

  // Shape of an item.
  ApiResponse r = Get(std::string(kAvailable) + "?per_page=1", u.access_token);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(Int(r.data(), "per_page") == 1);
  BOOST_TEST(Int(r.data(), "total") >= 5);
  BOOST_TEST(r.data()["has_more"].GetBool());
  const auto& it = r.data()["items"][0];
  for (const char* k : {"id", "code", "name", "description", "discount_type", "discount_value",
                        "min_purchase_price", "max_discount_price", "per_user_limit", "start_date",
                        "end_date", "claimed_count"}) {
    BOOST_TEST_CONTEXT(k) { BOOST_TEST(it.HasMember(k)); }
  }
  BOOST_TEST(Str(it, "end_date").back() == 'Z');

  // Claimed up to its per-user limit, it leaves this user's list only.
  BOOST_REQUIRE_EQUAL(Post(kClaim, ClaimBody(mine.code), u.access_token).status, 201);
  BOOST_TEST(Contains(AllIds(kAvailable, u.access_token), mine.id));
  BOOST_REQUIRE_EQUAL(Post(kClaim, ClaimBody(mine.code), u.access_token).status, 201);
  BOOST_TEST(!Contains(AllIds(kAvailable, u.access_token), mine.id));
  Session other = Login(UniqueCode());
  BOOST_TEST(Contains(AllIds(kAvailable, other.access_token), mine.id));
  // Taking it off the listing is immediate (counts are never cached).
  Sql("UPDATE coupons SET is_active = 0 WHERE id = " + Q(mine.id));
  BOOST_TEST(!Contains(AllIds(kAvailable, other.access_token), mine.id));
}

BOOST_AUTO_TEST_CASE(available_rejects_bad_paging) {
  Session u = Login(UniqueCode());
  BOOST_TEST(Get(std::string(kAvailable) + "?per_page=0", u.access_token).status == 400);
  BOOST_TEST(Get(std::string(kAvailable) + "?page=x", u.access_token).status == 400);
}

// ---------------------------------------------------------------- claim

BOOST_AUTO_TEST_CASE(claim_adds_to_the_wallet_once_per_limit) {
  Session u = Login(UniqueCode());
  ApiResponse r = Post(kClaim, ClaimBody("WELCOME100"), u.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "id") > 0);
  BOOST_TEST(Str(d, "status") == "unused");
  BOOST_TEST(d["order_id"].IsNull());
  BOOST_TEST(d["used_at"].IsNull());
  BOOST_TEST(Str(d, "claimed_at").back() == 'Z');
  BOOST_TEST(Str(d["coupon"], "code") == "WELCOME100");
  BOOST_TEST(Int(d["coupon"], "id") == 1);
  BOOST_TEST(Fen(d["coupon"], "min_purchase_price") == 100000);
  // per_user_limit 1: the second claim is refused and nothing is added.
  ExpectCouponInvalid(Post(kClaim, ClaimBody("WELCOME100"), u.access_token),
                      "per-user limit reached");
  BOOST_TEST(SqlScalar("SELECT COUNT(*) FROM user_coupons WHERE coupon_id = 1 AND user_id = " +
                       Q(u.user_id)) == "1");
  // Claiming does not use the coupon up.
  BOOST_TEST(Post(kValidate, ValidateBody("WELCOME100", "1000"), u.access_token).status == 200);
}

BOOST_AUTO_TEST_CASE(claim_refusals) {
  Session u = Login(UniqueCode());
  const std::string t = u.access_token;
  ExpectCouponInvalid(Post(kClaim, ClaimBody("PAUSED"), t), "coupon is not active");
  ExpectCouponInvalid(Post(kClaim, ClaimBody("SUMMER2024"), t), "coupon has expired");
  ExpectCouponInvalid(Post(kClaim, ClaimBody("NO-SUCH-CODE"), t), "coupon not found");
  NewCoupon gone;
  gone.usage_limit = 2;
  gone.used_count = 2;
  ExpectCouponInvalid(Post(kClaim, ClaimBody(CreateCoupon(gone).code), t),
                      "coupon usage limit reached");
  // A non-public coupon is claimable by whoever has its code.
  BOOST_TEST(Post(kClaim, ClaimBody("PRIVATE88"), t).status == 201);
  // Minimum purchase does not apply to claiming.
  BOOST_TEST(Post(kClaim, ClaimBody("BIG500"), t).status == 201);
}

BOOST_AUTO_TEST_CASE(claim_rejects_bad_input) {
  Session u = Login(UniqueCode());
  const std::string t = u.access_token;
  ExpectBadRequest(Post(kClaim, "{}", t), "code");
  ExpectBadRequest(Post(kClaim, "{\"code\":\"\"}", t), "code");
  ExpectBadRequest(Post(kClaim, "{\"code\":123}", t), "code");
  ExpectBadRequest(Post(kClaim, "{\"code\":\"VIP10\",\"user_id\":7}", t), "user_id");
  BOOST_TEST(Post(kClaim, "nope", t).status == 400);
}

BOOST_AUTO_TEST_CASE(claim_race_respects_per_user_limit) {
  Session u = Login(UniqueCode());
  NewCoupon nc;
  nc.per_user_limit = 2;
  Created c = CreateCoupon(nc);
  std::vector<std::string> got = Race(8, [&](int) {
    ApiResponse r = Post(kClaim, ClaimBody(c.code), u.access_token);
    return std::to_string(r.status) + (r.status == 409 ? " " + Str(r.json["error"], "detail") : "");
  });
  int ok = 0, refused = 0;
  for (const auto& g : got) {
    if (g == "201") ++ok;
    if (g == "409 per-user limit reached") ++refused;
  }
  BOOST_TEST(ok == 2);
  BOOST_TEST(refused == 6);
  BOOST_TEST(SqlScalar("SELECT COUNT(*) FROM user_coupons WHERE coupon_id = " + Q(c.id)) == "2");
}

// ---------------------------------------------------------------- mine

BOOST_AUTO_TEST_CASE(mine_filters_by_status) {
  Session u = Login(UniqueCode());
  const std::string t = u.access_token;
  ApiResponse claimed = Post(kClaim, ClaimBody("VIP10"), t);
  BOOST_REQUIRE_EQUAL(claimed.status, 201);
  int64_t unused_id = Int(claimed.data(), "id");
  // A used one (through the shared rules, as an order would) ...
  Created c = CreateCoupon(NewCoupon{});
  int64_t order_id = FakeOrderId();
  BOOST_REQUIRE_EQUAL(ReserveAndCommit(c.code, u.user_id, 100000, order_id), "");
  int64_t used_id =
      std::stoll(SqlScalar("SELECT id FROM user_coupons WHERE order_id = " + Q(order_id)));
  // ... one whose coupon ended while unused, and one marked expired.
  Sql("INSERT INTO user_coupons (user_id, coupon_id, status, claimed_at) VALUES (" + Q(u.user_id) +
      ", 5, 'unused', '2024-06-02 00:00:00')");
  int64_t ended_id =
      std::stoll(SqlScalar("SELECT MAX(id) FROM user_coupons WHERE user_id = " + Q(u.user_id)));
  Sql("INSERT INTO user_coupons (user_id, coupon_id, status, claimed_at) VALUES (" + Q(u.user_id) +
      ", 3, 'expired', '2024-06-01 00:00:00')");
  int64_t expired_id =
      std::stoll(SqlScalar("SELECT MAX(id) FROM user_coupons WHERE user_id = " + Q(u.user_id)));

  std::string base = kMine;
  BOOST_TEST(AllIds(base + "?status=unused", t) == std::vector<int64_t>{unused_id});
  BOOST_TEST(AllIds(base + "?status=used", t) == std::vector<int64_t>{used_id});
  // Newest claim first.
  BOOST_TEST(AllIds(base + "?status=expired", t) == (std::vector<int64_t>{ended_id, expired_id}));
  BOOST_TEST(AllIds(base, t).size() == 4u);
  BOOST_TEST(AllIds(base + "?status=all", t).size() == 4u);

  ApiResponse r = Get(base + "?status=used", t);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto& it = r.data()["items"][0];
  BOOST_TEST(Str(it, "status") == "used");
  BOOST_TEST(Int(it, "order_id") == order_id);
  BOOST_TEST(Str(it, "used_at").back() == 'Z');
  BOOST_TEST(Str(it["coupon"], "code") == c.code);
  r = Get(base + "?status=expired", t);
  BOOST_TEST(Str(r.data()["items"][0], "status") == "expired");  // effective status
  BOOST_TEST(Int(r.data(), "total") == 2);

  // Another user sees none of it.
  Session other = Login(UniqueCode());
  BOOST_TEST(AllIds(base, other.access_token).empty());
  ExpectBadRequest(Get(base + "?status=bogus", t), "status");
}

// ------------------------------------------------- shared in-transaction rules

BOOST_AUTO_TEST_CASE(reserve_spends_the_claimed_copy_and_release_gives_it_back) {
  Session u = Login(UniqueCode());
  NewCoupon nc;
  nc.usage_limit = 10;
  Created c = CreateCoupon(nc);
  ApiResponse claimed = Post(kClaim, ClaimBody(c.code), u.access_token);
  BOOST_REQUIRE_EQUAL(claimed.status, 201);
  int64_t wallet_id = Int(claimed.data(), "id");

  int64_t order_id = FakeOrderId();
  BOOST_REQUIRE_EQUAL(ReserveAndCommit(c.code, u.user_id, 100000, order_id), "");
  BOOST_TEST(SqlScalar("SELECT used_count FROM coupons WHERE id = " + Q(c.id)) == "1");
  BOOST_TEST(SqlScalar("SELECT COUNT(*) FROM user_coupons WHERE coupon_id = " + Q(c.id)) == "1");
  BOOST_TEST(SqlScalar("SELECT CONCAT(status, ',', order_id) FROM user_coupons WHERE id = " +
                       Q(wallet_id)) == "used," + Q(order_id));
  // per_user_limit 1 is now spent.
  BOOST_TEST(ReserveAndCommit(c.code, u.user_id, 100000) == "per-user limit reached");

  BOOST_TEST(ReleaseAndCommit(order_id));
  BOOST_TEST(!ReleaseAndCommit(order_id));       // idempotent
  BOOST_TEST(!ReleaseAndCommit(FakeOrderId()));  // an order without coupon
  BOOST_TEST(SqlScalar("SELECT used_count FROM coupons WHERE id = " + Q(c.id)) == "0");
  BOOST_TEST(SqlScalar("SELECT CONCAT(status, ',', IFNULL(order_id, 'null')) FROM user_coupons "
                       "WHERE id = " +
                       Q(wallet_id)) == "unused,null");
  BOOST_TEST(AllIds(std::string(kMine) + "?status=unused", u.access_token) ==
             std::vector<int64_t>{wallet_id});
  // Usable again after the release.
  int64_t again = FakeOrderId();
  BOOST_TEST(ReserveAndCommit(c.code, u.user_id, 100000, again) == "");
  BOOST_TEST(SqlScalar("SELECT used_count FROM coupons WHERE id = " + Q(c.id)) == "1");
}

BOOST_AUTO_TEST_CASE(reserve_without_claim_records_a_use) {
  Session u = Login(UniqueCode());
  Created c = CreateCoupon(NewCoupon{});
  BOOST_REQUIRE_EQUAL(ReserveAndCommit(c.code, u.user_id, 100000, FakeOrderId()), "");
  BOOST_TEST(SqlScalar("SELECT COUNT(*) FROM user_coupons WHERE status = 'used' AND coupon_id = " +
                       Q(c.id) + " AND user_id = " + Q(u.user_id)) == "1");
  // Refusals and the discount it computes.
  BOOST_TEST(ReserveAndCommit("NO-SUCH-CODE", u.user_id, 100000) == "coupon not found");
  BOOST_TEST(ReserveAndCommit("BIG500", u.user_id, 100000) ==
             "order amount below minimum purchase");
  rz::Fen discount = RaceDb().Run([&](soci::session& s) {
    soci::transaction tx(s);
    rz::Fen d = rz::ReserveCouponInTx(s, "VIP10", u.user_id, 1790000).discount;
    // Rolled back: the demo coupon keeps its counts.
    return d;
  });
  BOOST_TEST(discount == 50000);
}

BOOST_AUTO_TEST_CASE(twenty_users_race_for_five_uses) {
  NewCoupon nc;
  nc.usage_limit = 5;
  nc.per_user_limit = 1;
  Created c = CreateCoupon(nc);
  std::vector<int64_t> users;
  for (int i = 0; i < 20; ++i) users.push_back(Login(UniqueCode()).user_id);
  std::vector<std::string> got =
      Race(20, [&](int i) { return ReserveAndCommit(c.code, users[i], 100000, FakeOrderId()); });
  int ok = 0, exhausted = 0;
  for (const auto& g : got) {
    if (g.empty())
      ++ok;
    else if (g == "coupon usage limit reached")
      ++exhausted;
    else
      BOOST_ERROR("unexpected: " << g);
  }
  BOOST_TEST(ok == 5);
  BOOST_TEST(exhausted == 15);
  BOOST_TEST(SqlScalar("SELECT used_count FROM coupons WHERE id = " + Q(c.id)) == "5");
  BOOST_TEST(SqlScalar("SELECT COUNT(*) FROM user_coupons WHERE status = 'used' AND coupon_id = " +
                       Q(c.id)) == "5");
}

BOOST_AUTO_TEST_CASE(one_user_races_five_threads_for_a_single_use) {
  NewCoupon nc;
  nc.per_user_limit = 1;  // unlimited in total
  Created c = CreateCoupon(nc);
  Session u = Login(UniqueCode());
  std::vector<std::string> got =
      Race(5, [&](int) { return ReserveAndCommit(c.code, u.user_id, 100000, FakeOrderId()); });
  int ok = 0, refused = 0;
  for (const auto& g : got) {
    if (g.empty())
      ++ok;
    else if (g == "per-user limit reached")
      ++refused;
    else
      BOOST_ERROR("unexpected: " << g);
  }
  BOOST_TEST(ok == 1);
  BOOST_TEST(refused == 4);
  BOOST_TEST(SqlScalar("SELECT used_count FROM coupons WHERE id = " + Q(c.id)) == "1");
  BOOST_TEST(SqlScalar("SELECT COUNT(*) FROM user_coupons WHERE coupon_id = " + Q(c.id)) == "1");
}

BOOST_AUTO_TEST_CASE(concurrent_release_gives_back_exactly_once) {
  NewCoupon nc;
  nc.usage_limit = 3;
  Created c = CreateCoupon(nc);
  Session u = Login(UniqueCode());
  int64_t order_id = FakeOrderId();
  BOOST_REQUIRE_EQUAL(ReserveAndCommit(c.code, u.user_id, 100000, order_id), "");
  std::vector<std::string> got =
      Race(6, [&](int) { return std::string(ReleaseAndCommit(order_id) ? "released" : "noop"); });
  BOOST_TEST(std::count(got.begin(), got.end(), "released") == 1);
  BOOST_TEST(SqlScalar("SELECT used_count FROM coupons WHERE id = " + Q(c.id)) == "0");
}
