// The WeChat Pay v3 documents of wechatpay/messages.h: the notification
// envelope and the transaction / refund resources (wechat.md "WeChat Pay API v3").
#define BOOST_TEST_MODULE wechatpay_messages
#include <boost/test/unit_test.hpp>

#include <string>

#include "wechatpay/messages.h"
#include "wechatpay/protocol.h"

using namespace rz::wechatpay;

namespace {

// Shaped like wechat.md's notification (and WeChat's documentation example).
const char kNotification[] = R"({
  "id": "EV-2018022511223320873",
  "create_time": "2015-05-20T13:29:35+08:00",
  "resource_type": "encrypt-resource",
  "event_type": "TRANSACTION.SUCCESS",
  "summary": "支付成功",
  "resource": {
    "original_type": "transaction",
    "algorithm": "AEAD_AES_256_GCM",
    "ciphertext": "c2VjcmV0",
    "associated_data": "transaction",
    "nonce": "fdasflkja484w"
  }
})";

const char kTransactionSuccess[] = R"({
  "appid": "wxd678efh567hg6787",
  "mchid": "1230000109",
  "out_trade_no": "RZ1217752501201407033233368018",
  "transaction_id": "1217752501201407033233368018",
  "trade_type": "JSAPI",
  "trade_state": "SUCCESS",
  "trade_state_desc": "支付成功",
  "bank_type": "CMC",
  "success_time": "2018-06-08T10:34:56+08:00",
  "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
  "amount": {"total": 100, "payer_total": 100, "currency": "CNY", "payer_currency": "CNY"}
})";

}  // namespace

// ------------------------------------------------------------- Notification

BOOST_AUTO_TEST_CASE(notification_parses_wechat_shape) {
  const auto n = Notification::Parse(kNotification);
  BOOST_REQUIRE(n.has_value());
  BOOST_TEST(n->id == "EV-2018022511223320873");
  BOOST_TEST(n->event_type == "TRANSACTION.SUCCESS");
  BOOST_TEST(n->resource_type == "encrypt-resource");
  BOOST_TEST(n->algorithm == "AEAD_AES_256_GCM");
  BOOST_TEST(n->ciphertext == "c2VjcmV0");
  BOOST_TEST(n->associated_data == "transaction");
  BOOST_TEST(n->original_type == "transaction");
  BOOST_TEST(n->nonce == "fdasflkja484w");
}

BOOST_AUTO_TEST_CASE(notification_optional_fields_may_be_absent) {
  const auto n = Notification::Parse(
      R"({"id":"EV-1","event_type":"REFUND.SUCCESS","resource":{"algorithm":"AEAD_AES_256_GCM","ciphertext":"c2VjcmV0","nonce":"n"}})");
  BOOST_REQUIRE(n.has_value());
  BOOST_TEST(n->event_type == "REFUND.SUCCESS");
  BOOST_TEST(n->resource_type.empty());
  BOOST_TEST(n->associated_data.empty());
  BOOST_TEST(n->original_type.empty());
}

BOOST_AUTO_TEST_CASE(notification_missing_resource_is_rejected) {
  BOOST_TEST(
      !Notification::Parse(R"({"id":"EV-1","event_type":"TRANSACTION.SUCCESS"})").has_value());
  // resource present but not an object
  BOOST_TEST(!Notification::Parse(
                  R"({"id":"EV-1","event_type":"TRANSACTION.SUCCESS","resource":"c2VjcmV0"})")
                  .has_value());
  BOOST_TEST(
      !Notification::Parse(R"({"id":"EV-1","event_type":"TRANSACTION.SUCCESS","resource":null})")
           .has_value());
}

BOOST_AUTO_TEST_CASE(notification_missing_required_field_is_rejected) {
  const char* bodies[] = {
      // no id
      R"({"event_type":"T","resource":{"algorithm":"A","ciphertext":"c","nonce":"n"}})",
      // no event_type
      R"({"id":"E","resource":{"algorithm":"A","ciphertext":"c","nonce":"n"}})",
      // no algorithm / ciphertext / nonce
      R"({"id":"E","event_type":"T","resource":{"ciphertext":"c","nonce":"n"}})",
      R"({"id":"E","event_type":"T","resource":{"algorithm":"A","nonce":"n"}})",
      R"({"id":"E","event_type":"T","resource":{"algorithm":"A","ciphertext":"c"}})",
      // mistyped
      R"({"id":1,"event_type":"T","resource":{"algorithm":"A","ciphertext":"c","nonce":"n"}})",
      R"({"id":"E","event_type":"T","resource":{"algorithm":"A","ciphertext":7,"nonce":"n"}})",
  };
  for (const char* b : bodies) BOOST_TEST(!Notification::Parse(b).has_value(), b);
}

BOOST_AUTO_TEST_CASE(notification_non_object_or_garbage_is_rejected) {
  for (const char* b : {"", "garbage", "[]", "[{\"id\":\"E\"}]", "\"string\"", "42", "null",
                        "{\"id\":", "{\"id\":\"E\",}"}) {
    BOOST_TEST(!Notification::Parse(b).has_value(), b);
  }
  // Invalid UTF-8 is refused, not passed along.
  BOOST_TEST(!Notification::Parse(
                  "{\"id\":\"\xff\xfe\",\"event_type\":\"T\",\"resource\":{\"algorithm\":\"A\","
                  "\"ciphertext\":\"c\",\"nonce\":\"n\"}}")
                  .has_value());
}

// The whole path: envelope -> AES-GCM resource -> transaction.
BOOST_AUTO_TEST_CASE(notification_resource_decrypts_to_transaction) {
  const std::string key = "0123456789abcdef0123456789ABCDEF";
  const std::string ct = EncryptResource(key, "nonce1234567", "transaction", kTransactionSuccess);
  const std::string body =
      R"({"id":"EV-9","event_type":"TRANSACTION.SUCCESS","resource_type":"encrypt-resource",)"
      R"("resource":{"algorithm":"AEAD_AES_256_GCM","ciphertext":")" +
      ct +
      R"(","associated_data":"transaction","original_type":"transaction","nonce":"nonce1234567"}})";
  const auto n = Notification::Parse(body);
  BOOST_REQUIRE(n.has_value());
  const auto plain = DecryptResource(key, n->nonce, n->associated_data, n->ciphertext);
  BOOST_REQUIRE(plain.has_value());
  const auto t = Transaction::Parse(*plain);
  BOOST_REQUIRE(t.has_value());
  BOOST_TEST(t->paid());
  BOOST_TEST(t->amount_total == 100);
}

// -------------------------------------------------------------- Transaction

BOOST_AUTO_TEST_CASE(transaction_success_parses) {
  const auto t = Transaction::Parse(kTransactionSuccess);
  BOOST_REQUIRE(t.has_value());
  BOOST_TEST(t->appid == "wxd678efh567hg6787");
  BOOST_TEST(t->mchid == "1230000109");
  BOOST_TEST(t->out_trade_no == "RZ1217752501201407033233368018");
  BOOST_TEST(t->transaction_id == "1217752501201407033233368018");
  BOOST_TEST(t->trade_state == "SUCCESS");
  BOOST_TEST(t->success_time == "2018-06-08T10:34:56+08:00");
  BOOST_TEST(t->payer_openid == "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  BOOST_TEST(t->amount_total == 100);
  BOOST_TEST(t->paid());
}

BOOST_AUTO_TEST_CASE(transaction_success_without_amount_is_rejected) {
  BOOST_TEST(
      !Transaction::Parse(
           R"({"appid":"wx1","mchid":"1900","out_trade_no":"RZ1","transaction_id":"42","trade_state":"SUCCESS"})")
           .has_value());
  // amount without total, or a mistyped total
  BOOST_TEST(
      !Transaction::Parse(
           R"({"appid":"wx1","mchid":"1900","out_trade_no":"RZ1","transaction_id":"42","trade_state":"SUCCESS","amount":{"currency":"CNY"}})")
           .has_value());
  BOOST_TEST(
      !Transaction::Parse(
           R"({"appid":"wx1","mchid":"1900","out_trade_no":"RZ1","transaction_id":"42","trade_state":"SUCCESS","amount":{"total":"100"}})")
           .has_value());
  BOOST_TEST(
      !Transaction::Parse(
           R"({"appid":"wx1","mchid":"1900","out_trade_no":"RZ1","transaction_id":"42","trade_state":"SUCCESS","amount":{"total":1.5}})")
           .has_value());
}

BOOST_AUTO_TEST_CASE(transaction_success_without_transaction_id_is_rejected) {
  BOOST_TEST(
      !Transaction::Parse(
           R"({"appid":"wx1","mchid":"1900","out_trade_no":"RZ1","trade_state":"SUCCESS","amount":{"total":100}})")
           .has_value());
}

BOOST_AUTO_TEST_CASE(transaction_notpay_without_transaction_id_parses) {
  const auto t = Transaction::Parse(
      R"({"appid":"wx1","mchid":"1900","out_trade_no":"RZ1","trade_state":"NOTPAY","trade_state_desc":"未支付","amount":{"total":100}})");
  BOOST_REQUIRE(t.has_value());
  BOOST_TEST(t->trade_state == "NOTPAY");
  BOOST_TEST(!t->paid());
  BOOST_TEST(t->transaction_id.empty());
  BOOST_TEST(t->amount_total == 100);
  // Without an amount as well.
  const auto t2 = Transaction::Parse(
      R"({"appid":"wx1","mchid":"1900","out_trade_no":"RZ1","trade_state":"NOTPAY"})");
  BOOST_REQUIRE(t2.has_value());
  BOOST_TEST(t2->amount_total == 0);
}

BOOST_AUTO_TEST_CASE(transaction_missing_required_field_is_rejected) {
  for (const char* b :
       {R"({"mchid":"1900","out_trade_no":"RZ1","trade_state":"NOTPAY"})",
        R"({"appid":"wx1","out_trade_no":"RZ1","trade_state":"NOTPAY"})",
        R"({"appid":"wx1","mchid":"1900","trade_state":"NOTPAY"})",
        R"({"appid":"wx1","mchid":"1900","out_trade_no":"RZ1"})",
        R"({"appid":"wx1","mchid":1900,"out_trade_no":"RZ1","trade_state":"NOTPAY"})", "garbage",
        "[]", ""}) {
    BOOST_TEST(!Transaction::Parse(b).has_value(), b);
  }
}

BOOST_AUTO_TEST_CASE(transaction_to_json_parse_round_trip) {
  Transaction t;
  t.appid = "wx1";
  t.mchid = "1900";
  t.out_trade_no = "RZ20240101";
  t.transaction_id = "4200001";
  t.trade_state = "SUCCESS";
  t.success_time = "2024-01-01T12:00:00+08:00";
  t.payer_openid = "fake-openid-x";
  t.amount_total = 17900;
  const auto back = Transaction::Parse(t.ToJson());
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST(back->appid == t.appid);
  BOOST_TEST(back->mchid == t.mchid);
  BOOST_TEST(back->out_trade_no == t.out_trade_no);
  BOOST_TEST(back->transaction_id == t.transaction_id);
  BOOST_TEST(back->trade_state == t.trade_state);
  BOOST_TEST(back->success_time == t.success_time);
  BOOST_TEST(back->payer_openid == t.payer_openid);
  BOOST_TEST(back->amount_total == t.amount_total);

  // An unpaid one (no transaction_id, no success_time) round-trips too.
  Transaction u;
  u.appid = "wx1";
  u.mchid = "1900";
  u.out_trade_no = "RZ2";
  u.trade_state = "NOTPAY";
  u.amount_total = 5;
  const auto ub = Transaction::Parse(u.ToJson());
  BOOST_REQUIRE(ub.has_value());
  BOOST_TEST(ub->trade_state == "NOTPAY");
  BOOST_TEST(ub->transaction_id.empty());
  BOOST_TEST(ub->success_time.empty());
  BOOST_TEST(ub->amount_total == 5);
}

// -------------------------------------------------------------------- Refund

BOOST_AUTO_TEST_CASE(refund_notification_shape_with_refund_status) {
  const auto r = Refund::Parse(R"({
    "mchid": "1900000100",
    "transaction_id": "1008450740201411110005820873",
    "out_trade_no": "RZ20150806125346",
    "refund_id": "50200207182018070300011301001",
    "out_refund_no": "RF7752501201407033233368018",
    "refund_status": "SUCCESS",
    "success_time": "2018-06-08T10:34:56+08:00",
    "user_received_account": "招商银行信用卡0403",
    "amount": {"total": 999, "refund": 999, "payer_total": 999, "payer_refund": 999}
  })");
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->mchid == "1900000100");
  BOOST_TEST(r->transaction_id == "1008450740201411110005820873");
  BOOST_TEST(r->out_trade_no == "RZ20150806125346");
  BOOST_TEST(r->refund_id == "50200207182018070300011301001");
  BOOST_TEST(r->out_refund_no == "RF7752501201407033233368018");
  BOOST_TEST(r->status == "SUCCESS");
  BOOST_TEST(r->success_time == "2018-06-08T10:34:56+08:00");
  BOOST_TEST(r->amount_total == 999);
  BOOST_TEST(r->amount_refund == 999);
}

BOOST_AUTO_TEST_CASE(refund_api_answer_with_status) {
  const auto r = Refund::Parse(R"({
    "refund_id": "50000000382019052709732678859",
    "out_refund_no": "RF1217752501201407033233368018",
    "transaction_id": "1217752501201407033233368018",
    "out_trade_no": "RZ1217752501201407033233368018",
    "channel": "ORIGINAL",
    "status": "PROCESSING",
    "create_time": "2020-12-01T16:18:12+08:00",
    "amount": {"total": 100, "refund": 40, "payer_total": 100, "payer_refund": 40, "currency": "CNY"}
  })");
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->status == "PROCESSING");
  BOOST_TEST(r->mchid.empty());
  BOOST_TEST(r->success_time.empty());
  BOOST_TEST(r->amount_total == 100);
  BOOST_TEST(r->amount_refund == 40);
}

BOOST_AUTO_TEST_CASE(refund_missing_amount_is_rejected) {
  BOOST_TEST(
      !Refund::Parse(R"({"refund_id":"R1","out_refund_no":"RF1","status":"SUCCESS"})").has_value());
  BOOST_TEST(
      !Refund::Parse(
           R"({"refund_id":"R1","out_refund_no":"RF1","status":"SUCCESS","amount":{"total":100}})")
           .has_value());
  BOOST_TEST(
      !Refund::Parse(
           R"({"refund_id":"R1","out_refund_no":"RF1","status":"SUCCESS","amount":{"refund":100}})")
           .has_value());
  BOOST_TEST(
      !Refund::Parse(R"({"refund_id":"R1","out_refund_no":"RF1","status":"SUCCESS","amount":100})")
           .has_value());
}

BOOST_AUTO_TEST_CASE(refund_missing_required_field_is_rejected) {
  for (const char* b :
       {// no status of either name
        R"({"refund_id":"R1","out_refund_no":"RF1","amount":{"total":1,"refund":1}})",
        // no refund_id / out_refund_no
        R"({"out_refund_no":"RF1","status":"SUCCESS","amount":{"total":1,"refund":1}})",
        R"({"refund_id":"R1","status":"SUCCESS","amount":{"total":1,"refund":1}})", "garbage", "[]",
        ""}) {
    BOOST_TEST(!Refund::Parse(b).has_value(), b);
  }
}

BOOST_AUTO_TEST_CASE(refund_to_json_parse_round_trip) {
  Refund r;
  r.mchid = "1900";
  r.out_trade_no = "RZ1";
  r.transaction_id = "4200001";
  r.out_refund_no = "RF1";
  r.refund_id = "50300001";
  r.status = "SUCCESS";
  r.success_time = "2024-01-02T08:00:00+08:00";
  r.amount_refund = 300;
  r.amount_total = 17900;
  for (bool as_notification : {true, false}) {
    const std::string json = r.ToJson(as_notification);
    const std::string key = as_notification ? "\"refund_status\":" : "\"status\":";
    const std::string other = as_notification ? "\"status\":" : "\"refund_status\":";
    BOOST_TEST(json.find(key) != std::string::npos, json);
    BOOST_TEST(json.find(other) == std::string::npos, json);
    const auto back = Refund::Parse(json);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->mchid == r.mchid);
    BOOST_TEST(back->out_trade_no == r.out_trade_no);
    BOOST_TEST(back->transaction_id == r.transaction_id);
    BOOST_TEST(back->out_refund_no == r.out_refund_no);
    BOOST_TEST(back->refund_id == r.refund_id);
    BOOST_TEST(back->status == r.status);
    BOOST_TEST(back->success_time == r.success_time);
    BOOST_TEST(back->amount_refund == r.amount_refund);
    BOOST_TEST(back->amount_total == r.amount_total);
  }
}
