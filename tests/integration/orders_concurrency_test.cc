// Concurrency tests of order placement and cancellation on the real stack: the
// last units raced by many buyers, duplicate Idempotency-Key requests, a coupon
// usage limit under a race, and a user's cancel racing the expiry job (the
// lifecycle function called from here, as the jobs daemon does).
#define BOOST_TEST_MODULE orders_concurrency
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/time_util.h"
#include "db/db.h"
#include "shop/order_lifecycle.h"
#include "tests/integration/orders_fixtures.h"

using namespace rz::test;
using namespace rz::test::orders;

namespace {

struct Buyer {
  Session s;
  int64_t address = 0;
};

std::vector<Buyer> NewBuyers(int n) {
  std::vector<Buyer> out;
  for (int i = 0; i < n; ++i) {
    Buyer b{Login(UniqueCode()), 0};
    b.address = MakeAddress(b.s.user_id);
    out.push_back(b);
  }
  return out;
}

// Runs fn(i) for i in [0, n) on n threads released at once.
template <class F>
void Race(int n, F fn) {
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      fn(i);
    });
  }
  go = true;
  for (auto& t : threads) t.join();
}

int64_t Count(const std::string& query) { return std::stoll(SqlScalar(query)); }

rz::Db& TestDb() {
  static rz::Db db(StackConfig());
  return db;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fifty_buyers_race_for_the_last_ten_units) {
  std::vector<Buyer> buyers = NewBuyers(50);
  int64_t p = MakeProduct(10000, 10);
  std::vector<ApiResponse> results(buyers.size());
  Race(50, [&](int i) {
    results[i] = PlaceOrder(buyers[i].s.access_token, ItemsBody(p, 1, buyers[i].address));
  });

  int created = 0, out_of_stock = 0;
  for (const ApiResponse& r : results) {
    if (r.status == 201) ++created;
    if (r.status == 409 && r.error_type() == "out_of_stock") ++out_of_stock;
  }
  BOOST_TEST(created == 10);
  BOOST_TEST(out_of_stock == 40);
  BOOST_TEST(Stock(p) == 0);
  BOOST_TEST(Count("SELECT COUNT(*) FROM order_items WHERE product_id = " + S(p)) == 10);
  BOOST_TEST(
      Count("SELECT COALESCE(SUM(quantity), 0) FROM order_items WHERE product_id = " + S(p)) == 10);
  BOOST_TEST(Count("SELECT COALESCE(SUM(delta), 0) FROM inventory_logs WHERE product_id = " +
                   S(p)) == -10);
  BOOST_TEST(Count("SELECT MIN(stock_after) FROM inventory_logs WHERE product_id = " + S(p)) == 0);
}

BOOST_AUTO_TEST_CASE(two_products_in_opposite_order_never_deadlock_or_oversell) {
  std::vector<Buyer> buyers = NewBuyers(20);
  int64_t a = MakeProduct(10000, 12), b = MakeProduct(10000, 12);
  std::vector<ApiResponse> results(buyers.size());
  Race(20, [&](int i) {
    int64_t first = i % 2 ? a : b, second = i % 2 ? b : a;
    results[i] = PlaceOrder(buyers[i].s.access_token, "{\"items\":[{\"product_id\":" + S(first) +
                                                          ",\"color\":\"红色\",\"quantity\":1},"
                                                          "{\"product_id\":" +
                                                          S(second) +
                                                          ",\"color\":\"红色\",\"quantity\":1}],"
                                                          "\"address_id\":" +
                                                          S(buyers[i].address) + "}");
  });
  int created = 0;
  for (const ApiResponse& r : results) {
    BOOST_TEST((r.status == 201 || r.error_type() == "out_of_stock"), r.body);
    created += r.status == 201;
  }
  BOOST_TEST(created == 12);
  BOOST_TEST(Stock(a) == 0);
  BOOST_TEST(Stock(b) == 0);
}

BOOST_AUTO_TEST_CASE(duplicate_idempotency_keys_in_parallel_create_one_order) {
  Buyer buyer = NewBuyers(1)[0];
  int64_t p = MakeProduct(10000, 50);
  const std::string key = "race-" + UniqueCode();
  std::vector<ApiResponse> results(12);
  Race(12, [&](int i) {
    results[i] = PlaceOrder(buyer.s.access_token, ItemsBody(p, 1, buyer.address), key);
  });
  std::set<int64_t> ids;
  for (const ApiResponse& r : results) {
    BOOST_TEST(r.status == 201, r.body);
    if (r.status == 201) ids.insert(Int(r.data(), "order_id"));
  }
  BOOST_TEST(ids.size() == 1u);
  BOOST_TEST(Count("SELECT COUNT(*) FROM orders WHERE user_id = " + S(buyer.s.user_id)) == 1);
  BOOST_TEST(Stock(p) == 49);
}

BOOST_AUTO_TEST_CASE(coupon_with_usage_limit_five_raced_by_twenty) {
  std::vector<Buyer> buyers = NewBuyers(20);
  int64_t p = MakeProduct(50000, 100);
  const std::string code = MakeCoupon(1, 1000, 5);
  std::vector<ApiResponse> results(buyers.size());
  Race(20, [&](int i) {
    results[i] =
        PlaceOrder(buyers[i].s.access_token,
                   ItemsBody(p, 1, buyers[i].address, "红色", ",\"coupon_code\":\"" + code + "\""));
  });
  int created = 0, refused = 0;
  for (const ApiResponse& r : results) {
    if (r.status == 201) {
      ++created;
      BOOST_TEST(Fen(r.data(), "discount_price") == 1000);
    }
    if (r.status == 409 && r.error_type() == "coupon_invalid") ++refused;
  }
  BOOST_TEST(created == 5);
  BOOST_TEST(refused == 15);
  BOOST_TEST(Count("SELECT used_count FROM coupons WHERE code = '" + code + "'") == 5);
  BOOST_TEST(Count("SELECT COUNT(*) FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id "
                   "WHERE c.code = '" +
                   code + "' AND uc.status = 'used'") == 5);
  BOOST_TEST(Count("SELECT COUNT(*) FROM orders WHERE coupon_code = '" + code + "'") == 5);
  BOOST_TEST(Stock(p) == 95);  // the refused ones reserved nothing
}

BOOST_AUTO_TEST_CASE(user_cancel_racing_the_expiry_job_restores_stock_once) {
  Buyer buyer = NewBuyers(1)[0];
  int64_t p = MakeProduct(10000, 20);
  const std::string code = MakeCoupon(1, 500, -1, 0, 0);  // unlimited uses per user
  for (int round = 0; round < 8; ++round) {
    BOOST_TEST_CONTEXT("round " << round) {
      ApiResponse placed =
          PlaceOrder(buyer.s.access_token,
                     ItemsBody(p, 2, buyer.address, "红色", ",\"coupon_code\":\"" + code + "\""));
      BOOST_REQUIRE_MESSAGE(placed.status == 201, placed.body);
      const int64_t id = Int(placed.data(), "order_id");
      BOOST_TEST(Stock(p) == 18);
      std::atomic<int> wins{0};
      ApiResponse user_answer;
      Race(2, [&](int i) {
        if (i == 0) {
          user_answer =
              Post(OrderPath(id, "/cancel"), "{\"reason\":\"用户取消\"}", buyer.s.access_token);
          if (user_answer.status == 200) ++wins;
        } else if (rz::CancelPendingOrder(TestDb(), id, 0, rz::Actor::System(),
                                          "payment timeout")) {
          ++wins;
        }
      });
      BOOST_TEST(wins.load() == 1);
      if (user_answer.status != 200) BOOST_TEST(user_answer.error_type() == "invalid_state");
      BOOST_TEST(Stock(p) == 20);
      BOOST_TEST(Count("SELECT COUNT(*) FROM inventory_logs WHERE order_id = " + S(id) +
                       " AND reason = 'cancel'") == 1);
      BOOST_TEST(Count("SELECT COUNT(*) FROM order_logs WHERE order_id = " + S(id) +
                       " AND action = 'cancel'") == 1);
      BOOST_TEST(Count("SELECT used_count FROM coupons WHERE code = '" + code + "'") == 0);
      BOOST_TEST(Count("SELECT status FROM orders WHERE id = " + S(id)) == 4);
    }
  }
}

BOOST_AUTO_TEST_CASE(lifecycle_scoping_and_job_queries) {
  Buyer owner = NewBuyers(1)[0];
  Buyer other = NewBuyers(1)[0];
  int64_t p = MakeProduct(10000, 10);
  ApiResponse placed = PlaceOrder(owner.s.access_token, ItemsBody(p, 1, owner.address));
  BOOST_REQUIRE_EQUAL(placed.status, 201);
  const int64_t id = Int(placed.data(), "order_id");
  // Someone else's order is a 4003, and nothing changes.
  BOOST_CHECK_THROW(
      rz::CancelPendingOrder(TestDb(), id, other.s.user_id, rz::Actor::User(other.s.user_id), ""),
      rz::ApiError);
  BOOST_TEST(Stock(p) == 9);
  // The expiry job finds it once its deadline has passed.
  auto before = rz::ExpiredPendingOrders(TestDb(), 100000);
  BOOST_TEST((std::find(before.begin(), before.end(), id) == before.end()));
  Sql("UPDATE orders SET pay_deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id = " + S(id));
  auto expired = rz::ExpiredPendingOrders(TestDb(), 100000);
  BOOST_TEST((std::find(expired.begin(), expired.end(), id) != expired.end()));
  BOOST_TEST(rz::CancelPendingOrder(TestDb(), id, 0, rz::Actor::System(), "payment timeout"));
  BOOST_TEST(!rz::CancelPendingOrder(TestDb(), id, 0, rz::Actor::System(), "payment timeout"));
  BOOST_TEST(Stock(p) == 10);
  BOOST_TEST(Count("SELECT COUNT(*) FROM order_logs WHERE order_id = " + S(id) +
                   " AND action = 'cancel' AND operator_type = 'system'") == 1);

  // Auto-complete: shipped 11 days ago.
  ApiResponse second = PlaceOrder(owner.s.access_token, ItemsBody(p, 1, owner.address));
  const int64_t shipped = Int(second.data(), "order_id");
  Sql("UPDATE orders SET status = 2, express_code = 'SF', express_no = 'SF1', "
      "express_time = UTC_TIMESTAMP() - INTERVAL 11 DAY WHERE id = " +
      S(shipped));
  auto due = rz::OrdersToAutoComplete(TestDb(), rz::NowUnix() - 10 * 86400, 100000);
  BOOST_TEST((std::find(due.begin(), due.end(), shipped) != due.end()));
  BOOST_TEST(rz::ConfirmReceipt(TestDb(), shipped, 0, rz::Actor::System()));
  BOOST_TEST(!rz::ConfirmReceipt(TestDb(), shipped, 0, rz::Actor::System()));
  BOOST_TEST(Count("SELECT status FROM orders WHERE id = " + S(shipped)) == 3);
}
