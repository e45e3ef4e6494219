// Integration tests of the payments worker over HTTP through nginx, against the
// WeChat Pay fake (real signatures and AES-GCM): prepare, notification and its
// forgeries, reconciliation, expiry closing the trade, automatic refund of a
// payment for a cancelled order, refunds full and partial.
#define BOOST_TEST_MODULE payments
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "core/time_util.h"
#include "tests/integration/payments_fixtures.h"
#include "wechatpay/rsa_key.h"

using namespace rz::test;
using namespace rz::test::payments;
using rz::test::orders::S;

namespace {

// A buyer's paid order (prepared, then paid through the fake).
struct Paid {
  Buyer b;
  Placed p;
  int64_t payment_id = 0;
};

Paid PayNewOrder(int64_t price = 29900, int64_t qty = 2) {
  Paid x{NewBuyer(), {}, 0};
  x.p = PlaceFor(x.b, price, qty);
  x.payment_id = PrepareOk(x.b, x.p);
  FakeAnswer a = FakePay(x.p.order_no);
  BOOST_REQUIRE_MESSAGE(a.status == 200 && a.responses == std::vector<int>{204},
                        "pay control answered " + S(a.status));
  BOOST_REQUIRE(OrderStatus(x.p.order_id) == "1");
  return x;
}

// The user asks for a refund; the admin approves it (SQL: the admin API is a later issue).
std::string ApprovedRefund(const Paid& x, const std::string& amount_json = "") {
  std::string body = "{\"reason\":\"尺码不合适\"" +
                     (amount_json.empty() ? "" : ",\"amount\":" + amount_json) + "}";
  ApiResponse r = Post(OrderPath(x.p.order_id, "/refund"), body, x.b.s.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 200 || r.status == 201, r.body);
  const std::string no = Str(r.data(), "refund_no");
  Sql("UPDATE refunds SET status = 'approved', reviewed_at = UTC_TIMESTAMP() WHERE refund_no = '" +
      no + "'");
  return no;
}

std::string RefundStatus(const std::string& refund_no) {
  return SqlScalar("SELECT status FROM refunds WHERE refund_no = '" + refund_no + "'");
}

// The jobs daemon sends the approved refund to WeChat Pay.
void WaitSubmitted(const std::string& refund_no) {
  BOOST_REQUIRE_MESSAGE(
      WaitFor([&] {
        return RefundStatus(refund_no) == "processing" &&
               !SqlScalar(
                    "SELECT COALESCE(wechat_refund_id, '') FROM refunds "
                    "WHERE refund_no = '" +
                    refund_no + "'")
                    .empty();
      }),
      "refund " + refund_no + " was not submitted; status " + RefundStatus(refund_no));
}

int64_t TotalSpent(const Buyer& b) {
  return Count("SELECT total_spent FROM users WHERE id = " + S(b.s.user_id));
}

// A notification forged by the fake in `mode` is refused with `status` and changes nothing.
void ExpectForgedPaymentRefused(const std::string& mode, int status) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  PrepareOk(b, p);
  FakeAnswer a = FakePay(p.order_no, mode);
  BOOST_REQUIRE(a.status == 200);
  BOOST_REQUIRE(a.responses.size() == 1u);
  BOOST_TEST(a.responses[0] == status);
  BOOST_TEST(OrderStatus(p.order_id) == "0");
  BOOST_TEST(PaymentStatus(p.order_id) == "0");
  BOOST_TEST(PayLogs(p.order_id) == 0);
  BOOST_TEST(Count("SELECT sold_count FROM products WHERE id = " + S(p.product_id)) == 0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(full_buy_path_moves_order_stock_and_spending) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b, 29900, 2);
  BOOST_TEST(Stock(p.product_id) == 8);

  ApiResponse r = Prepare(b, p.order_id);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  const auto& d = r.data();
  BOOST_TEST(Str(d, "appId") == StackConfig().Get("wechatpay.appid"));
  BOOST_TEST(Str(d, "signType") == "RSA");
  BOOST_TEST(Str(d, "package").rfind("prepay_id=", 0) == 0);
  // paySign verifies with the merchant certificate over the documented message.
  auto merchant =
      rz::wechatpay::RsaKey::PublicFromFile(StackConfig().Get("wechatpay.merchant_cert_file"));
  BOOST_TEST(
      merchant.VerifyBase64(rz::wechatpay::PaySignMessage(Str(d, "appId"), Str(d, "timeStamp"),
                                                          Str(d, "nonceStr"), Str(d, "package")),
                            Str(d, "paySign")));
  const int64_t payment_id = Int(d, "payment_id");
  BOOST_TEST(AnyStartsWith(FakeRequests(p.order_no), "POST /v3/pay/transactions/jsapi ok"));

  FakeAnswer a = FakePay(p.order_no);
  BOOST_TEST(a.status == 200);
  BOOST_TEST((a.responses == std::vector<int>{204}));

  ApiResponse o = Get(OrderPath(p.order_id), b.s.access_token);
  BOOST_TEST(Str(o.data(), "status") == "paid");
  BOOST_TEST(Str(o.data(), "payment_method") == "wechat");
  BOOST_TEST(Stock(p.product_id) == 8);
  BOOST_TEST(Count("SELECT sold_count FROM products WHERE id = " + S(p.product_id)) == 2);
  BOOST_TEST(TotalSpent(b) == p.total);
  BOOST_TEST(PayLogs(p.order_id) == 1);
  BOOST_TEST(Count("SELECT COUNT(*) FROM order_logs WHERE action = 'pay' AND operator_type = "
                   "'wechat' AND order_id = " +
                   S(p.order_id)) == 1);

  ApiResponse st = Get("/api/v1/payments/" + S(payment_id) + "/status", b.s.access_token);
  BOOST_REQUIRE_MESSAGE(st.status == 200, st.body);
  BOOST_TEST(Str(st.data(), "status") == "paid");
  BOOST_TEST(Fen(st.data(), "amount") == p.total);
  BOOST_TEST(Str(st.data(), "transaction_id").rfind("4200", 0) == 0);
  BOOST_TEST(!Str(st.data(), "payment_time").empty());
}

BOOST_AUTO_TEST_CASE(paid_order_emits_an_order_event) {
  Paid x = PayNewOrder();
  const std::string events = RedisCli("XREVRANGE stream:orders + - COUNT 200");
  BOOST_TEST(events.find("order_id\n" + S(x.p.order_id) + "\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(prepare_twice_reuses_the_prepay_id) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  ApiResponse first = Prepare(b, p.order_id);
  ApiResponse second = Prepare(b, p.order_id);
  BOOST_REQUIRE(first.status == 200);
  BOOST_REQUIRE(second.status == 200);
  BOOST_TEST(Str(first.data(), "package") == Str(second.data(), "package"));
  BOOST_TEST(Int(first.data(), "payment_id") == Int(second.data(), "payment_id"));
  int jsapi_calls = 0;
  for (const auto& l : FakeRequests(p.order_no))
    jsapi_calls += l.find("/jsapi") != std::string::npos;
  BOOST_TEST(jsapi_calls == 1);
}

BOOST_AUTO_TEST_CASE(prepare_on_another_users_order_is_4003) {
  Buyer owner = NewBuyer();
  Placed p = PlaceFor(owner);
  Buyer other = NewBuyer();
  ApiResponse r = Prepare(other, p.order_id);
  BOOST_TEST(r.code() == 4003);
  BOOST_TEST(Count("SELECT COUNT(*) FROM payments WHERE order_id = " + S(p.order_id)) == 0);
}

BOOST_AUTO_TEST_CASE(prepare_on_a_paid_order_is_4005) {
  Paid x = PayNewOrder();
  ApiResponse r = Prepare(x.b, x.p.order_id);
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(r.error_type() == "invalid_state");
}

BOOST_AUTO_TEST_CASE(prepare_after_the_pay_deadline_is_4005) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  Sql("UPDATE orders SET pay_deadline = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = " +
      S(p.order_id));
  BOOST_TEST(Prepare(b, p.order_id).code() == 4005);
}

BOOST_AUTO_TEST_CASE(prepare_rejects_bad_input_naming_the_field) {
  Buyer b = NewBuyer();
  for (const char* body :
       {"{}", "{\"order_id\":\"12\"}", "{\"order_id\":-1}", "{\"order_id\":1,\"amount\":1}"}) {
    ApiResponse r = Post(kPrepare, body, b.s.access_token);
    BOOST_TEST(r.code() == 4004, body);
  }
  BOOST_TEST(Post(kPrepare, "{}", b.s.access_token).has_field_error("order_id"));
  BOOST_TEST(Post(kPrepare, "{\"order_id\":1}").code() == 4001);
}

BOOST_AUTO_TEST_CASE(status_of_another_users_payment_is_4003) {
  Paid x = PayNewOrder();
  Buyer other = NewBuyer();
  BOOST_TEST(Get("/api/v1/payments/" + S(x.payment_id) + "/status", other.s.access_token).code() ==
             4003);
}

BOOST_AUTO_TEST_CASE(duplicate_notification_moves_the_order_once) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  PrepareOk(b, p);
  FakeAnswer a = FakePay(p.order_no, "duplicate");
  BOOST_TEST((a.responses == std::vector<int>{204, 204}));
  BOOST_TEST(OrderStatus(p.order_id) == "1");
  BOOST_TEST(PayLogs(p.order_id) == 1);
  BOOST_TEST(Count("SELECT sold_count FROM products WHERE id = " + S(p.product_id)) == 2);
  BOOST_TEST(TotalSpent(b) == p.total);
}

BOOST_AUTO_TEST_CASE(concurrent_notifications_move_the_order_once) {
  for (int round = 0; round < 3; ++round) {
    Buyer b = NewBuyer();
    Placed p = PlaceFor(b);
    PrepareOk(b, p);
    FakeAnswer a = FakePay(p.order_no, "concurrent");
    BOOST_TEST((a.responses == std::vector<int>{204, 204}));
    BOOST_TEST(PayLogs(p.order_id) == 1);
    BOOST_TEST(Count("SELECT sold_count FROM products WHERE id = " + S(p.product_id)) == 2);
    BOOST_TEST(TotalSpent(b) == p.total);
  }
}

BOOST_AUTO_TEST_CASE(a_replayed_notification_is_refused) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  PrepareOk(b, p);
  FakeAnswer a = FakePay(p.order_no, "replay");
  BOOST_TEST((a.responses == std::vector<int>{204, 401}));
  BOOST_TEST(PayLogs(p.order_id) == 1);
}

BOOST_AUTO_TEST_CASE(wrong_amount_is_refused) { ExpectForgedPaymentRefused("wrong_amount", 400); }
BOOST_AUTO_TEST_CASE(bad_signature_is_refused) { ExpectForgedPaymentRefused("bad_signature", 401); }
BOOST_AUTO_TEST_CASE(stale_timestamp_is_refused) {
  ExpectForgedPaymentRefused("stale_timestamp", 401);
}
BOOST_AUTO_TEST_CASE(probe_signature_is_refused) { ExpectForgedPaymentRefused("probe", 401); }
BOOST_AUTO_TEST_CASE(unknown_serial_is_refused) {
  ExpectForgedPaymentRefused("unknown_serial", 401);
}

BOOST_AUTO_TEST_CASE(garbage_notifications_get_a_fail_answer) {
  // Unsigned garbage.
  ApiResponse r = Post(kNotify, "not json at all");
  BOOST_TEST(r.status == 401);
  BOOST_TEST(Str(r.json, "code") == "FAIL");
  // Correctly signed by the platform key, but not a notification / not decryptable.
  auto platform =
      rz::wechatpay::RsaKey::PrivateFromFile(StackConfig().Get("wechatpay.platform_key_file"));
  for (const std::string& body :
       {std::string("{\"garbage\":true}"),
        std::string(
            "{\"id\":\"x\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{"
            "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"AAAAAAAAAAAAAAAAAAAAAAAA\","
            "\"associated_data\":\"transaction\",\"original_type\":\"transaction\","
            "\"nonce\":\"abcdefabcdef\"}}")}) {
    auto h = rz::wechatpay::SignResponse(platform, StackConfig().Get("wechatpay.platform_serial"),
                                         body, rz::NowUnix());
    ApiResponse g = Call("POST", kNotify, body, "",
                         {{"Wechatpay-Timestamp", h.timestamp},
                          {"Wechatpay-Nonce", h.nonce},
                          {"Wechatpay-Signature", h.signature},
                          {"Wechatpay-Serial", h.serial}});
    BOOST_TEST(g.status == 400, body);
    BOOST_TEST(Str(g.json, "code") == "FAIL");
  }
}

BOOST_AUTO_TEST_CASE(a_lost_notification_is_caught_by_reconciliation) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  PrepareOk(b, p);
  FakeAnswer a = FakePay(p.order_no, "silent");
  BOOST_TEST(a.responses.empty());
  BOOST_TEST(OrderStatus(p.order_id) == "0");
  // The jobs daemon queries unpaid payments and applies the SUCCESS it finds.
  BOOST_TEST(WaitFor([&] { return OrderStatus(p.order_id) == "1"; }, 20));
  BOOST_TEST(PayLogs(p.order_id) == 1);
  BOOST_TEST(AnyStartsWith(FakeRequests(p.order_no),
                           "GET /v3/pay/transactions/out-trade-no/" + p.order_no));
}

BOOST_AUTO_TEST_CASE(status_query_applies_a_lost_notification) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  const int64_t payment_id = PrepareOk(b, p);
  FakePay(p.order_no, "silent");
  ApiResponse st = Get("/api/v1/payments/" + S(payment_id) + "/status", b.s.access_token);
  BOOST_REQUIRE_MESSAGE(st.status == 200, st.body);
  BOOST_TEST(Str(st.data(), "status") == "paid");
  BOOST_TEST(OrderStatus(p.order_id) == "1");
}

BOOST_AUTO_TEST_CASE(user_cancel_closes_the_wechat_trade) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  PrepareOk(b, p);
  ApiResponse c = Post(OrderPath(p.order_id, "/cancel"), "{}", b.s.access_token);
  BOOST_REQUIRE_MESSAGE(c.status == 200, c.body);
  BOOST_TEST(AnyStartsWith(FakeRequests(p.order_no),
                           "POST /v3/pay/transactions/out-trade-no/" + p.order_no + "/close ok"));
  BOOST_TEST(PaymentStatus(p.order_id) == "4");
  BOOST_TEST(FakePay(p.order_no).status == 409);  // the buyer can no longer pay
}

BOOST_AUTO_TEST_CASE(expiry_closes_the_trade_before_cancelling) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  PrepareOk(b, p);
  Sql("UPDATE orders SET pay_deadline = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = " +
      S(p.order_id));
  BOOST_REQUIRE(WaitFor([&] { return OrderStatus(p.order_id) == "4"; }, 20));
  BOOST_TEST(AnyStartsWith(FakeRequests(p.order_no),
                           "POST /v3/pay/transactions/out-trade-no/" + p.order_no + "/close ok"));
  BOOST_TEST(PaymentStatus(p.order_id) == "4");
  BOOST_TEST(Stock(p.product_id) == 10);
}

BOOST_AUTO_TEST_CASE(payment_for_a_cancelled_order_is_refunded_automatically) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  PrepareOk(b, p);
  // The order was cancelled locally while WeChat still took the money (say, the close
  // request was lost): simulated by cancelling in MySQL only.
  Sql("UPDATE orders SET status = 4, cancelled_at = UTC_TIMESTAMP() WHERE id = " + S(p.order_id));
  FakeAnswer a = FakePay(p.order_no);
  BOOST_TEST((a.responses == std::vector<int>{204}));
  BOOST_TEST(OrderStatus(p.order_id) == "4");
  BOOST_TEST(PaymentStatus(p.order_id) == "1");
  BOOST_TEST(Count("SELECT COUNT(*) FROM order_logs WHERE action = 'auto_refund' AND order_id = " +
                   S(p.order_id)) == 1);
  const std::string no =
      SqlScalar("SELECT refund_no FROM refunds WHERE order_id = " + S(p.order_id));
  BOOST_TEST(Count("SELECT amount FROM refunds WHERE order_id = " + S(p.order_id)) == p.total);
  WaitSubmitted(no);
  BOOST_TEST(AnyStartsWith(FakeRequests(no), "POST /v3/refund/domestic/refunds ok"));
  FakeAnswer r = FakeRefund(no);
  BOOST_TEST((r.responses == std::vector<int>{204}));
  BOOST_TEST(RefundStatus(no) == "refunded");
  BOOST_TEST(PaymentStatus(p.order_id) == "3");
  BOOST_TEST(OrderStatus(p.order_id) == "4");
  BOOST_TEST(SqlScalar("SELECT refund_status FROM orders WHERE id = " + S(p.order_id)) ==
             "refunded");
  BOOST_TEST(TotalSpent(b) == 0);
  BOOST_TEST(Count("SELECT sold_count FROM products WHERE id = " + S(p.product_id)) == 0);
}

BOOST_AUTO_TEST_CASE(full_refund_marks_the_order_refunded) {
  Paid x = PayNewOrder();
  const std::string no = ApprovedRefund(x);
  WaitSubmitted(no);
  FakeAnswer r = FakeRefund(no);
  BOOST_TEST((r.responses == std::vector<int>{204}));
  BOOST_TEST(RefundStatus(no) == "refunded");
  BOOST_TEST(OrderStatus(x.p.order_id) == "5");
  BOOST_TEST(SqlScalar("SELECT refund_status FROM orders WHERE id = " + S(x.p.order_id)) ==
             "refunded");
  BOOST_TEST(PaymentStatus(x.p.order_id) == "3");
  BOOST_TEST(TotalSpent(x.b) == 0);
  BOOST_TEST(Count("SELECT sold_count FROM products WHERE id = " + S(x.p.product_id)) == 0);
  // Delivered again: acknowledged, nothing moves twice.
  FakeAnswer again = FakeRefund(no, "duplicate");
  BOOST_TEST((again.responses == std::vector<int>{204, 204}));
  BOOST_TEST(Count("SELECT refunded_amount FROM payments WHERE order_id = " + S(x.p.order_id)) ==
             x.p.total);
}

BOOST_AUTO_TEST_CASE(partial_refund_keeps_the_order_and_tracks_the_amount) {
  Paid x = PayNewOrder(29900, 2);  // 598 yuan + shipping
  const std::string no = ApprovedRefund(x, "100.50");
  WaitSubmitted(no);
  BOOST_TEST((FakeRefund(no).responses == std::vector<int>{204}));
  BOOST_TEST(RefundStatus(no) == "refunded");
  BOOST_TEST(OrderStatus(x.p.order_id) == "1");
  BOOST_TEST(SqlScalar("SELECT refund_status FROM orders WHERE id = " + S(x.p.order_id)) ==
             "partial");
  BOOST_TEST(Count("SELECT refunded_amount FROM payments WHERE order_id = " + S(x.p.order_id)) ==
             10050);
  BOOST_TEST(PaymentStatus(x.p.order_id) == "1");
  BOOST_TEST(TotalSpent(x.b) == x.p.total - 10050);
  BOOST_TEST(Count("SELECT sold_count FROM products WHERE id = " + S(x.p.product_id)) == 2);
}

BOOST_AUTO_TEST_CASE(forged_refund_notification_changes_nothing) {
  Paid x = PayNewOrder();
  const std::string no = ApprovedRefund(x);
  WaitSubmitted(no);
  for (const char* mode : {"bad_signature", "stale_timestamp", "probe", "unknown_serial"}) {
    FakeAnswer a = FakeRefund(no, mode);
    BOOST_TEST((a.responses == std::vector<int>{401}), mode);
  }
  BOOST_TEST(RefundStatus(no) == "processing");
  BOOST_TEST(OrderStatus(x.p.order_id) == "1");
}

BOOST_AUTO_TEST_CASE(abnormal_refund_marks_the_refund_failed) {
  Paid x = PayNewOrder();
  const std::string no = ApprovedRefund(x);
  WaitSubmitted(no);
  BOOST_TEST((FakeRefund(no, "abnormal").responses == std::vector<int>{204}));
  BOOST_TEST(RefundStatus(no) == "failed");
  BOOST_TEST(OrderStatus(x.p.order_id) == "1");
  BOOST_TEST(PaymentStatus(x.p.order_id) == "1");
}

BOOST_AUTO_TEST_CASE(alipay_is_reserved) {
  Buyer b = NewBuyer();
  ApiResponse r = Post("/api/v1/payments/alipay/prepare", "{}", b.s.access_token);
  BOOST_TEST(r.code() == 5002);
  BOOST_TEST(r.body.find("alipay not enabled") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(payment_switch_off_refuses_prepare_within_seconds) {
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  Sql("INSERT INTO settings (`key`, value, description) VALUES ('features', "
      "'{\"ordering\":true,\"payment\":false,\"shipping\":true}', 'feature switches') "
      "ON DUPLICATE KEY UPDATE value = VALUES(value)");
  // Workers re-read the switch at most every 3 s.
  bool refused =
      WaitFor([&] { return Prepare(b, p.order_id).error_type() == "feature_disabled"; }, 8);
  Sql("UPDATE settings SET value = '{\"ordering\":true,\"payment\":true,\"shipping\":true}' "
      "WHERE `key` = 'features'");
  BOOST_TEST(refused);
  // Every worker process has re-read the switch once its 3 s cache entry has aged out.
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  BOOST_TEST(Prepare(b, p.order_id).status == 200);
  BOOST_TEST(Prepare(b, p.order_id).status == 200);
}

BOOST_AUTO_TEST_CASE(paid_spending_upgrades_the_level_when_the_order_completes) {
  Paid x = PayNewOrder(600000, 1);  // 6000 yuan: past the 银卡 threshold of 5000
  BOOST_TEST(TotalSpent(x.b) == x.p.total);
  BOOST_TEST(Count("SELECT vip_level FROM users WHERE id = " + S(x.b.s.user_id)) == 0);
  Sql("UPDATE orders SET status = 2, express_code = 'SF', express_no = 'SF" + S(x.p.order_id) +
      "', express_time = UTC_TIMESTAMP() WHERE id = " + S(x.p.order_id));
  ApiResponse r = Post(OrderPath(x.p.order_id, "/confirm"), "", x.b.s.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Count("SELECT vip_level FROM users WHERE id = " + S(x.b.s.user_id)) == 1);
}

// A buyer cancelling while WeChat delivers the payment: whichever wins, money and stock
// stay consistent — a paid order keeps its stock taken; a cancelled order has its stock
// back and, if WeChat took the money anyway, a refund of all of it.
BOOST_AUTO_TEST_CASE(cancel_racing_the_payment_leaves_money_and_stock_consistent) {
  for (int round = 0; round < 6; ++round) {
    Buyer b = NewBuyer();
    Placed p = PlaceFor(b, 29900, 2);
    PrepareOk(b, p);
    ApiResponse cancel;
    std::thread t([&] { cancel = Post(OrderPath(p.order_id, "/cancel"), "{}", b.s.access_token); });
    FakeAnswer pay = FakePay(p.order_no, "concurrent");
    t.join();
    const std::string order = OrderStatus(p.order_id);
    const std::string payment = PaymentStatus(p.order_id);
    const int64_t refunds =
        Count("SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_id = " + S(p.order_id));
    BOOST_TEST_CONTEXT("round " << round << ": order " << order << ", payment " << payment
                                << ", cancel " << cancel.status << ", pay " << pay.status) {
      if (order == "1") {  // the payment won
        BOOST_TEST(cancel.code() == 4005);
        BOOST_TEST(payment == "1");
        BOOST_TEST(Stock(p.product_id) == 8);
        BOOST_TEST(refunds == 0);
        BOOST_TEST(TotalSpent(b) == p.total);
      } else {  // the cancellation won
        BOOST_TEST(order == "4");
        BOOST_TEST(cancel.status == 200);
        BOOST_TEST(Stock(p.product_id) == 10);
        BOOST_TEST(TotalSpent(b) == 0);
        // Money WeChat took is refunded in full; a closed trade took none.
        BOOST_TEST((payment == "1" || payment == "3" ? refunds == p.total : refunds == 0));
      }
      BOOST_TEST(PayLogs(p.order_id) <= 1);
    }
  }
}
