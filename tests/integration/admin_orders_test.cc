// Integration tests of the admin-orders worker over HTTP through nginx: the
// order list filters, the full order, shipping (one, batch JSON / CSV) and what
// the buyer then sees, address and remark, cancelling pending and paid orders,
// the CSV export, refund review through the WeChat Pay fake, the permissions of
// the read-only roles, and the operation_logs row of every write.
#define BOOST_TEST_MODULE admin_orders
#include <boost/test/unit_test.hpp>

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "core/time_util.h"
#include "tests/integration/payments_fixtures.h"
#include "tests/integration/support/admin.h"

using namespace rz::test;
using namespace rz::test::payments;
using rz::test::orders::Cipher;
using rz::test::orders::S;

namespace {

// ---------------------------------------------------------------- fixtures

struct Paid {
  Buyer b;
  Placed p;
};

// A buyer's order paid through the WeChat Pay fake.
Paid PaidOrder(int64_t price = 29900, int64_t qty = 2) {
  Paid x{NewBuyer(), {}};
  x.p = PlaceFor(x.b, price, qty);
  PrepareOk(x.b, x.p);
  FakeAnswer a = FakePay(x.p.order_no);
  BOOST_REQUIRE_MESSAGE(a.status == 200 && a.responses == std::vector<int>{204},
                        "pay control answered " + S(a.status));
  BOOST_REQUIRE(OrderStatus(x.p.order_id) == "1");
  return x;
}

// A nickname no other test uses, set on the buyer (filters by it find only them).
std::string TagBuyer(const Buyer& b) {
  std::string tag = "管理测试_" + UniqueCode();
  Sql("UPDATE users SET nickname = '" + tag + "' WHERE id = " + S(b.s.user_id));
  return tag;
}

std::string UniquePhone() {
  static int n = 0;
  long long v = (rz::NowMillis() * 7 + getpid() * 131LL + ++n) % 1000000000LL;
  char buf[16];
  std::snprintf(buf, sizeof buf, "15%09lld", v);
  return buf;
}

std::string Enc(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  return out;
}

std::string Path(int64_t order_id, const std::string& tail = "") {
  return "/orders/" + S(order_id) + tail;
}

std::string ShipBody(const std::string& code, const std::string& no) {
  return "{\"express_code\":\"" + code + "\",\"express_no\":\"" + no + "\"}";
}

std::string SfNumber(int64_t order_id) { return "SF" + S(order_id) + S(rz::NowUnix() % 100000); }

// The ids of a list answer's items.
std::vector<int64_t> Ids(const ApiResponse& r) {
  std::vector<int64_t> out;
  for (const auto& it : r.data()["items"].GetArray()) out.push_back(it["id"].GetInt64());
  return out;
}

bool Has(const std::vector<int64_t>& v, int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The buyer asks for a refund of the whole order; returns the refund id.
int64_t RequestRefund(const Paid& x, const std::string& reason = "尺码不合适") {
  ApiResponse r = Post(OrderPath(x.p.order_id, "/refund"), "{\"reason\":\"" + reason + "\"}",
                       x.b.s.access_token);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  return Int(r.data(), "id");
}

std::string RefundNoOf(int64_t refund_id) {
  return SqlScalar("SELECT refund_no FROM refunds WHERE id = " + S(refund_id));
}

std::string RefundStatusOf(const std::string& refund_no) {
  return SqlScalar("SELECT status FROM refunds WHERE refund_no = '" + refund_no + "'");
}

// The refund reached the fake (the admin call or the jobs daemon sent it).
void WaitSubmitted(const std::string& refund_no) {
  BOOST_REQUIRE_MESSAGE(WaitFor([&] {
                          return RefundStatusOf(refund_no) == "processing" &&
                                 !SqlScalar(
                                      "SELECT COALESCE(wechat_refund_id, '') FROM refunds "
                                      "WHERE refund_no = '" +
                                      refund_no + "'")
                                      .empty();
                        }),
                        "refund " + refund_no + " not submitted: " + RefundStatusOf(refund_no));
}

// operation_logs rows of this admin's `action` on `target_id` with `result`.
int64_t OpLogs(const AdminSession& a, const std::string& action, const std::string& target_id,
               const std::string& result = "success") {
  return Count("SELECT COUNT(*) FROM operation_logs WHERE admin_id = " + S(a.admin_id) +
               " AND action = '" + action + "' AND target_id = '" + target_id + "' AND result = '" +
               result + "'");
}

std::string OpDetail(const AdminSession& a, const std::string& action,
                     const std::string& target_id) {
  return SqlScalar("SELECT detail FROM operation_logs WHERE admin_id = " + S(a.admin_id) +
                   " AND action = '" + action + "' AND target_id = '" + target_id +
                   "' AND result = 'success' ORDER BY id DESC LIMIT 1");
}

bool Contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

ApiResponse PostCsv(const AdminSession& a, const std::string& path, const std::string& csv) {
  httplib::Client cli(BaseUrl());
  cli.set_read_timeout(30, 0);
  httplib::Headers h{{"Authorization", "Bearer " + a.access_token}};
  auto r = cli.Post(std::string(kAdminBase) + path, h, csv, "text/csv");
  ApiResponse out;
  BOOST_REQUIRE(r);
  out.status = r->status;
  out.body = r->body;
  out.json.Parse(out.body.c_str());
  if (out.json.HasParseError()) out.json.SetNull();
  return out;
}

}  // namespace

// ---------------------------------------------------------------- list filters

BOOST_AUTO_TEST_CASE(list_filters_by_order_number_exact_and_prefix) {
  AdminSession admin = AdminLogin("order_admin");
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  ApiResponse r = AdminGet(admin, "/orders?order_no=" + p.order_no);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_REQUIRE_EQUAL(Int(r.data(), "total"), 1);
  const auto& it = r.data()["items"][0];
  BOOST_TEST(Int(it, "id") == p.order_id);
  BOOST_TEST(Int(it["user"], "id") == b.s.user_id);
  BOOST_TEST(Str(it, "status") == "pending");
  BOOST_TEST(Str(it, "status_text") == "待支付");
  BOOST_TEST(Str(it, "receiver_name") == "收货人");
  BOOST_TEST(Str(it, "receiver_phone") == "138****1111");  // masked in lists
  BOOST_TEST(it["express"].IsNull());
  BOOST_TEST(Int(it, "item_count") == 2);

  // A prefix (the day part of the number) finds it among that day's orders.
  r = AdminGet(admin, "/orders?per_page=100&order_no=" + p.order_no.substr(0, 11));
  BOOST_REQUIRE(r.status == 200);
  BOOST_TEST(Int(r.data(), "total") >= 1);
  for (const auto& o : r.data()["items"].GetArray()) {
    BOOST_TEST(std::string(o["order_no"].GetString()).rfind(p.order_no.substr(0, 11), 0) == 0u);
  }
  BOOST_TEST(AdminGet(admin, "/orders?order_no=ORD%25").code() == 4004);  // no LIKE wildcards
}

BOOST_AUTO_TEST_CASE(list_filters_by_buyer_phone) {
  AdminSession admin = AdminLogin("order_admin");
  Buyer b = NewBuyer();
  const std::string phone = UniquePhone();
  Sql("UPDATE users SET phone = '" + Cipher().Encrypt(phone) + "', phone_hash = '" +
      Cipher().BlindIndex(phone) + "' WHERE id = " + S(b.s.user_id));
  Placed p1 = PlaceFor(b);
  Placed p2 = PlaceFor(b, 10000, 1);
  Placed other = PlaceFor(NewBuyer());
  ApiResponse r = AdminGet(admin, "/orders?phone=" + phone);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  auto ids = Ids(r);
  BOOST_TEST(ids.size() == 2u);
  BOOST_TEST(ids[0] == p2.order_id);  // newest first
  BOOST_TEST(Has(ids, p1.order_id));
  BOOST_TEST(!Has(ids, other.order_id));
  BOOST_TEST(Int(AdminGet(admin, "/orders?phone=" + UniquePhone()).data(), "total") == 0);
  BOOST_TEST(AdminGet(admin, "/orders?phone=1380000").code() == 4004);  // whole numbers only
}

BOOST_AUTO_TEST_CASE(list_filters_by_status_and_nickname) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const std::string tag = TagBuyer(x.b);
  Placed pending = PlaceFor(x.b);
  ApiResponse r = AdminGet(admin, "/orders?status=paid&nickname=" + Enc(tag));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_REQUIRE_EQUAL(Int(r.data(), "total"), 1);
  const auto& it = r.data()["items"][0];
  BOOST_TEST(Int(it, "id") == x.p.order_id);
  BOOST_TEST(Str(it, "payment_method") == "wechat");
  BOOST_TEST(!it["payment_time"].IsNull());
  BOOST_TEST(Str(it["user"], "nickname") == tag);
  r = AdminGet(admin, "/orders?status=pending&nickname=" + Enc(tag));
  BOOST_TEST((Ids(r) == std::vector<int64_t>{pending.order_id}));
  BOOST_TEST(Int(AdminGet(admin, "/orders?nickname=" + Enc(tag)).data(), "total") == 2);
  BOOST_TEST(AdminGet(admin, "/orders?status=lost").code() == 4004);
}

BOOST_AUTO_TEST_CASE(list_filters_by_amount_and_date_range) {
  AdminSession admin = AdminLogin("order_admin");
  Buyer b = NewBuyer();
  const std::string tag = TagBuyer(b);
  Placed cheap = PlaceFor(b, 10000, 1);
  Placed dear = PlaceFor(b, 50000, 1);
  const std::string by = "&nickname=" + Enc(tag);
  auto yuan = [](int64_t fen) {
    return S(fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + S(fen % 100);
  };
  ApiResponse r = AdminGet(admin, "/orders?amount_min=" + yuan(cheap.total + 1) + by);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST((Ids(r) == std::vector<int64_t>{dear.order_id}));
  r = AdminGet(admin, "/orders?amount_min=" + yuan(cheap.total) +
                          "&amount_max=" + yuan(dear.total - 1) + by);
  BOOST_TEST((Ids(r) == std::vector<int64_t>{cheap.order_id}));
  const std::string today = rz::FormatIsoUtc(rz::NowUnix()).substr(0, 10);
  const std::string yesterday = rz::FormatIsoUtc(rz::NowUnix() - 86400).substr(0, 10);
  BOOST_TEST(Int(AdminGet(admin, "/orders?date_from=" + today + "&date_to=" + today + by).data(),
                 "total") == 2);
  BOOST_TEST(Int(AdminGet(admin, "/orders?date_to=" + yesterday + by).data(), "total") == 0);
  BOOST_TEST(AdminGet(admin, "/orders?amount_min=5&amount_max=1").code() == 4004);
  BOOST_TEST(AdminGet(admin, "/orders?date_from=2024-13-01").code() == 4004);
}

// ---------------------------------------------------------------- detail

BOOST_AUTO_TEST_CASE(detail_has_items_payment_refunds_and_logs) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder(29900, 2);
  RequestRefund(x);
  ApiResponse r = AdminGet(admin, Path(x.p.order_id));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  const auto& d = r.data();
  BOOST_TEST(Str(d, "order_no") == x.p.order_no);
  BOOST_TEST(Str(d, "status") == "paid");
  BOOST_TEST(Str(d, "refund_status") == "requested");
  BOOST_TEST(orders::Fen(d, "total_price") == x.p.total);
  BOOST_REQUIRE_EQUAL(d["items"].Size(), 1u);
  BOOST_TEST(Int(d["items"][0], "quantity") == 2);
  BOOST_TEST(Int(d["items"][0], "product_id") == x.p.product_id);
  BOOST_TEST(Str(d["address"], "name") == "收货人");
  BOOST_TEST(Str(d["address"], "phone") == "13800001111");  // order:write sees it whole
  BOOST_TEST(d["address"]["phone_masked"].GetBool() == false);
  BOOST_TEST(Str(d["payment"], "status") == "paid");
  BOOST_TEST(!Str(d["payment"], "transaction_id").empty());
  BOOST_REQUIRE_EQUAL(d["refunds"].Size(), 1u);
  BOOST_TEST(Str(d["refunds"][0], "status") == "requested");
  BOOST_TEST(Str(d["refunds"][0], "reason") == "尺码不合适");
  std::vector<std::string> actions;
  for (const auto& l : d["order_logs"].GetArray()) actions.push_back(l["action"].GetString());
  BOOST_TEST((actions == std::vector<std::string>{"create", "pay", "request_refund"}));
  BOOST_TEST(Str(d["order_logs"][1], "from_status") == "pending");
  BOOST_TEST(Str(d["order_logs"][1], "to_status") == "paid");
  BOOST_TEST(Str(d, "admin_remark") == "");
  BOOST_TEST(AdminGet(admin, "/orders/999999999").code() == 4003);
}

BOOST_AUTO_TEST_CASE(read_only_roles_see_the_receiver_phone_masked) {
  AdminSession cs = AdminLogin("customer_service");
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  ApiResponse r = AdminGet(cs, Path(p.order_id));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Str(r.data()["address"], "phone") == "138****1111");
  BOOST_TEST(r.data()["address"]["phone_masked"].GetBool());
}

// ---------------------------------------------------------------- shipping

BOOST_AUTO_TEST_CASE(ship_then_the_buyer_sees_express_and_tracking) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const std::string number = SfNumber(x.p.order_id);
  ApiResponse r = AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("SF", number));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Str(r.data(), "status") == "shipped");
  BOOST_TEST(Str(r.data()["express"], "name") == "顺丰速运");

  ApiResponse mine = Get(OrderPath(x.p.order_id), x.b.s.access_token);
  BOOST_REQUIRE(mine.status == 200);
  BOOST_TEST(Str(mine.data(), "status") == "shipped");
  BOOST_TEST(Str(mine.data()["express"], "code") == "SF");
  BOOST_TEST(Str(mine.data()["express"], "no") == number);
  ApiResponse track = Get(OrderPath(x.p.order_id, "/tracking"), x.b.s.access_token);
  BOOST_REQUIRE_MESSAGE(track.status == 200, track.body);
  BOOST_TEST(Str(track.data(), "no") == number);

  const std::string id = S(x.p.order_id);
  BOOST_TEST(OpLogs(admin, "ship", id) == 1);
  const std::string detail = OpDetail(admin, "ship", id);
  BOOST_TEST((Contains(detail, "\"before\": {\"status\": \"paid\"}") ||
              Contains(detail, "\"before\":{\"status\":\"paid\"}")));
  BOOST_TEST(Contains(detail, number));
  BOOST_TEST(Count("SELECT COUNT(*) FROM order_logs WHERE action = 'ship' AND operator_type = "
                   "'admin' AND operator_id = " +
                   S(admin.admin_id) + " AND order_id = " + id) == 1);
  // Shipping twice: the order is no longer paid.
  BOOST_TEST(AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("SF", number)).code() == 4005);
  BOOST_TEST(OpLogs(admin, "ship", id, "failure") == 1);
}

BOOST_AUTO_TEST_CASE(shipping_a_pending_order_is_refused) {
  AdminSession admin = AdminLogin("order_admin");
  Placed p = PlaceFor(NewBuyer());
  ApiResponse r = AdminPost(admin, Path(p.order_id, "/ship"), ShipBody("SF", "SF1234567890"));
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(r.error_type() == "invalid_state");
  BOOST_TEST(OrderStatus(p.order_id) == "0");
}

BOOST_AUTO_TEST_CASE(shipping_with_an_unknown_express_company_or_bad_number_is_refused) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  ApiResponse r = AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("NOPE", "AB123456"));
  BOOST_TEST(r.code() == 4004);
  BOOST_TEST(r.has_field_error("express_code"));
  r = AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("SF", "SF-12"));
  BOOST_TEST(r.has_field_error("express_no"));
  r = AdminPost(admin, Path(x.p.order_id, "/ship"),
                "{\"express_code\":\"SF\",\"express_no\":\"SF123456\",\"status\":3}");
  BOOST_TEST(r.has_field_error("status"));  // mass assignment refused
  BOOST_TEST(OrderStatus(x.p.order_id) == "1");
}

BOOST_AUTO_TEST_CASE(shipping_an_order_with_an_open_refund_is_refused) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  RequestRefund(x);
  ApiResponse r = AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("SF", "SF7654321"));
  BOOST_TEST(r.code() == 4005);
}

BOOST_AUTO_TEST_CASE(customer_service_can_list_but_not_ship) {
  AdminSession cs = AdminLogin("customer_service");
  Paid x = PaidOrder();
  BOOST_TEST(AdminGet(cs, "/orders?order_no=" + x.p.order_no).status == 200);
  ApiResponse r = AdminPost(cs, Path(x.p.order_id, "/ship"), ShipBody("SF", "SF1234567"));
  BOOST_TEST(r.code() == 4002);
  BOOST_TEST(AdminPost(cs, Path(x.p.order_id, "/remark"), "{\"remark\":\"x\"}").code() == 4002);
  BOOST_TEST(AdminGet(cs, "/orders/export").code() == 4002);
  BOOST_TEST(OrderStatus(x.p.order_id) == "1");
}

BOOST_AUTO_TEST_CASE(batch_ship_json_answers_per_row) {
  AdminSession admin = AdminLogin("order_admin");
  Paid a = PaidOrder();
  Paid b = PaidOrder();
  const std::string body =
      "{\"items\":[{\"order_id\":" + S(a.p.order_id) +
      ",\"express_code\":\"YTO\","
      "\"express_no\":\"YT" +
      S(a.p.order_id) +
      "99\"},"
      "{\"order_no\":\"ORD1900010199999\",\"express_code\":\"SF\",\"express_no\":\"SF00000001\"},"
      "{\"order_no\":\"" +
      b.p.order_no + "\",\"express_code\":\"SF\",\"express_no\":\"" + SfNumber(b.p.order_id) +
      "\"}]}";
  ApiResponse r = AdminPost(admin, "/orders/batch-ship", body);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "total") == 3);
  BOOST_TEST(Int(d, "succeeded") == 2);
  BOOST_TEST(Int(d, "failed") == 1);
  BOOST_TEST(d["results"][0]["ok"].GetBool());
  BOOST_TEST(Str(d["results"][0], "order_no") == a.p.order_no);  // named though given by id
  BOOST_TEST(!d["results"][1]["ok"].GetBool());
  BOOST_TEST(Int(d["results"][1]["error"], "code") == 4003);
  BOOST_TEST(Int(d["results"][2], "row") == 3);
  BOOST_TEST(d["results"][2]["ok"].GetBool());
  BOOST_TEST(OrderStatus(a.p.order_id) == "2");
  BOOST_TEST(OrderStatus(b.p.order_id) == "2");
  BOOST_TEST(OpLogs(admin, "ship", S(a.p.order_id)) == 1);
  BOOST_TEST(OpLogs(admin, "ship", S(b.p.order_id)) == 1);
  BOOST_TEST(Count("SELECT COUNT(*) FROM operation_logs WHERE action = 'batch_ship' AND "
                   "admin_id = " +
                   S(admin.admin_id)) == 1);
  BOOST_TEST(AdminPost(admin, "/orders/batch-ship", "{\"items\":[]}").code() == 4004);
  BOOST_TEST(AdminPost(admin, "/orders/batch-ship", "{\"items\":").code() == 4004);
}

BOOST_AUTO_TEST_CASE(batch_ship_csv_answers_per_row) {
  AdminSession admin = AdminLogin("order_admin");
  Paid a = PaidOrder();
  Paid b = PaidOrder();
  Placed pending = PlaceFor(NewBuyer());
  const std::string csv = std::string("\xEF\xBB\xBF") + "order_no,express_code,express_no\r\n" +
                          a.p.order_no + ",SF," + SfNumber(a.p.order_id) + "\r\n" +
                          pending.order_no + ",SF,SF99887766\r\n" + b.p.order_no + ",ZTO,ZT" +
                          S(b.p.order_id) + "001\r\n" + b.p.order_no + ",SF,bad-no\r\n";
  ApiResponse r = PostCsv(admin, "/orders/batch-ship", csv);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  const auto& d = r.data();
  BOOST_TEST(Int(d, "total") == 4);
  BOOST_TEST(Int(d, "succeeded") == 2);
  BOOST_TEST(Int(d, "failed") == 2);
  BOOST_TEST(Int(d["results"][1]["error"], "code") == 4005);  // the pending order
  BOOST_TEST(Str(d["results"][1], "order_no") == pending.order_no);
  BOOST_TEST(Int(d["results"][3]["error"], "code") == 4004);  // the malformed number
  BOOST_TEST(OrderStatus(a.p.order_id) == "2");
  BOOST_TEST(OrderStatus(b.p.order_id) == "2");
  BOOST_TEST(OrderStatus(pending.order_id) == "0");
  BOOST_TEST(PostCsv(admin, "/orders/batch-ship", "no,code\r\nx,y\r\n").code() == 4004);
}

BOOST_AUTO_TEST_CASE(shipping_switch_off_refuses_shipping) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const std::string before = SqlScalar("SELECT value FROM settings WHERE `key` = 'features'");
  Sql("INSERT INTO settings (`key`, value) VALUES ('features', '{\"shipping\": false}') "
      "ON DUPLICATE KEY UPDATE value = JSON_SET(value, '$.shipping', false)");
  // Every worker process re-reads the switches within 3 s.
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  ApiResponse r = AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("SF", "SF5555555"));
  if (before.empty()) {
    Sql("DELETE FROM settings WHERE `key` = 'features'");
  } else {
    Sql("UPDATE settings SET value = '" + before + "' WHERE `key` = 'features'");  // as it was
  }
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(r.error_type() == "feature_disabled");
  BOOST_TEST(OrderStatus(x.p.order_id) == "1");
  // Back on once every worker process has re-read the switches (3 s).
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  BOOST_TEST(AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("SF", "SF5555555")).status ==
             200);
}

// ---------------------------------------------------------------- address, remark

BOOST_AUTO_TEST_CASE(address_changes_before_shipping_only) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const std::string body =
      "{\"name\":\"新收货人\",\"phone\":\"13911112222\",\"province\":\"浙江省\","
      "\"city\":\"杭州市\",\"district\":\"西湖区\",\"detail\":\"文三路 1 号\"}";
  ApiResponse r = AdminPut(admin, Path(x.p.order_id, "/address"), body);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Str(r.data()["address"], "name") == "新收货人");
  BOOST_TEST(Str(r.data()["address"], "phone") == "13911112222");
  BOOST_TEST(Str(r.data()["address"], "city") == "杭州市");
  // Stored encrypted, never in clear.
  BOOST_TEST(Count("SELECT COUNT(*) FROM orders WHERE receiver_phone = '13911112222' AND id = " +
                   S(x.p.order_id)) == 0);
  ApiResponse mine = Get(OrderPath(x.p.order_id), x.b.s.access_token);
  BOOST_TEST(Str(mine.data()["address"], "phone") == "13911112222");
  BOOST_TEST(Count("SELECT COUNT(*) FROM order_logs WHERE action = 'change_address' AND "
                   "order_id = " +
                   S(x.p.order_id)) == 1);
  const std::string detail = OpDetail(admin, "address", S(x.p.order_id));
  BOOST_TEST(Contains(detail, "139****2222"));
  BOOST_TEST(Contains(detail, "138****1111"));
  BOOST_TEST(!Contains(detail, "13911112222"));

  BOOST_TEST(AdminPut(admin, Path(x.p.order_id, "/address"),
                      "{\"name\":\"a\",\"phone\":\"12\",\"province\":\"p\",\"city\":\"c\","
                      "\"district\":\"d\",\"detail\":\"x\"}")
                 .has_field_error("phone"));
  BOOST_REQUIRE(AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("SF", SfNumber(1))).status ==
                200);
  r = AdminPut(admin, Path(x.p.order_id, "/address"), body);
  BOOST_TEST(r.code() == 4005);
}

BOOST_AUTO_TEST_CASE(remark_is_the_staff_note_not_the_buyers) {
  AdminSession admin = AdminLogin("order_admin");
  Buyer b = NewBuyer();
  Placed p = PlaceFor(b);
  ApiResponse r =
      AdminPost(admin, Path(p.order_id, "/remark"), "{\"remark\":\"客户要求周末送达\"}");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Str(r.data(), "admin_remark") == "客户要求周末送达");
  BOOST_TEST(Str(r.data(), "remark") == "");
  ApiResponse mine = Get(OrderPath(p.order_id), b.s.access_token);
  BOOST_TEST(Str(mine.data(), "remark") == "");
  BOOST_TEST(!mine.data().HasMember("admin_remark"));
  BOOST_TEST(OpLogs(admin, "remark", S(p.order_id)) == 1);
  BOOST_TEST(AdminPost(admin, Path(p.order_id, "/remark"),
                       "{\"remark\":\"" + std::string(501, 'x') + "\"}")
                 .has_field_error("remark"));
}

// ---------------------------------------------------------------- cancel

BOOST_AUTO_TEST_CASE(cancel_pending_order_puts_stock_back) {
  AdminSession admin = AdminLogin("order_admin");
  Placed p = PlaceFor(NewBuyer(), 29900, 3);
  BOOST_REQUIRE(Stock(p.product_id) == 7);
  ApiResponse r = AdminPost(admin, Path(p.order_id, "/cancel"), "{\"reason\":\"缺货\"}");
  BOOST_TEST(r.has_field_error("confirm"));
  r = AdminPost(admin, Path(p.order_id, "/cancel"), "{\"reason\":\"缺货\",\"confirm\":true}");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Str(r.data(), "status") == "cancelled");
  BOOST_TEST(Str(r.data(), "cancel_reason") == "缺货");
  BOOST_TEST(Stock(p.product_id) == 10);
  BOOST_TEST(OpLogs(admin, "cancel", S(p.order_id)) == 1);
  BOOST_TEST(Contains(OpDetail(admin, "cancel", S(p.order_id)), "cancelled"));
  BOOST_TEST(
      AdminPost(admin, Path(p.order_id, "/cancel"), "{\"reason\":\"x\",\"confirm\":true}").code() ==
      4005);
}

BOOST_AUTO_TEST_CASE(cancel_paid_order_refunds_it_and_puts_stock_back) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder(29900, 2);
  BOOST_REQUIRE(Stock(x.p.product_id) == 8);
  ApiResponse r =
      AdminPost(admin, Path(x.p.order_id, "/cancel"), "{\"reason\":\"仓库无货\",\"confirm\":true}");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Str(r.data(), "refund_status") == "approved");
  BOOST_REQUIRE_EQUAL(r.data()["refunds"].Size(), 1u);
  const auto& refund = r.data()["refunds"][0];
  BOOST_TEST(orders::Fen(refund, "amount") == x.p.total);
  BOOST_TEST(Str(refund["review"]["by"], "name") == "测试管理员");
  BOOST_TEST(Stock(x.p.product_id) == 10);
  BOOST_TEST(Count("SELECT COUNT(*) FROM inventory_logs WHERE reason = 'cancel' AND order_id = " +
                   S(x.p.order_id)) == 1);
  const std::string no = Str(refund, "refund_no");
  WaitSubmitted(no);
  BOOST_TEST(AnyStartsWith(FakeRequests(no), "POST /v3/refund/domestic/refunds ok"));
  BOOST_TEST((FakeRefund(no).responses == std::vector<int>{204}));
  BOOST_TEST(RefundStatusOf(no) == "refunded");
  BOOST_TEST(OrderStatus(x.p.order_id) == "5");
  const std::string detail = OpDetail(admin, "cancel", S(x.p.order_id));
  BOOST_TEST(Contains(detail, "before"));
  BOOST_TEST(Contains(detail, no));
}

BOOST_AUTO_TEST_CASE(cancel_shipped_order_is_refused) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  BOOST_REQUIRE(
      AdminPost(admin, Path(x.p.order_id, "/ship"), ShipBody("SF", SfNumber(x.p.order_id)))
          .status == 200);
  ApiResponse r =
      AdminPost(admin, Path(x.p.order_id, "/cancel"), "{\"reason\":\"x\",\"confirm\":true}");
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(OrderStatus(x.p.order_id) == "2");
}

// ---------------------------------------------------------------- export

BOOST_AUTO_TEST_CASE(export_streams_csv_with_bom_chinese_text_and_the_filter) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const std::string tag = TagBuyer(x.b);
  Placed pending = PlaceFor(x.b);
  ApiResponse r = AdminGet(admin, "/orders/export?status=paid&nickname=" + Enc(tag));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Contains(r.header("content-type"), "text/csv"));
  BOOST_TEST(Contains(r.header("content-disposition"), "orders-"));
  const std::string& body = r.body;
  BOOST_REQUIRE(body.size() > 3);
  BOOST_TEST(body.substr(0, 3) == "\xEF\xBB\xBF");
  BOOST_TEST(body.substr(3, body.find("\r\n") - 3) ==
             "order_no,created_at,status,buyer_nickname,receiver_name,receiver_phone,province,"
             "city,district,detail,items,total_yuan,payment_method,payment_time,express");
  BOOST_TEST(Contains(body, x.p.order_no));
  BOOST_TEST(!Contains(body, pending.order_no));  // the status filter applies
  BOOST_TEST(Contains(body, "收货人"));
  BOOST_TEST(Contains(body, "测试商品"));
  BOOST_TEST(Contains(body, "×2"));
  BOOST_TEST(Contains(body, "已支付"));
  BOOST_TEST(Contains(body, "138****1111"));
  BOOST_TEST(!Contains(body, "13800001111"));
  BOOST_TEST(Count("SELECT COUNT(*) FROM operation_logs WHERE action = 'export' AND admin_id = " +
                   S(admin.admin_id)) == 1);
}

// ---------------------------------------------------------------- refunds

BOOST_AUTO_TEST_CASE(refund_approve_executes_through_wechat_pay) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const int64_t id = RequestRefund(x);
  const std::string no = RefundNoOf(id);
  ApiResponse r = AdminPost(admin, "/refunds/" + S(id) + "/approve",
                            "{\"confirm\":true,\"note\":\"同意退款\"}");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST((Str(r.data(), "status") == "processing" || Str(r.data(), "status") == "approved"));
  BOOST_TEST(Int(r.data()["review"]["by"], "id") == admin.admin_id);
  BOOST_TEST(Str(r.data()["review"], "note") == "同意退款");
  WaitSubmitted(no);
  BOOST_TEST(AnyStartsWith(FakeRequests(no), "POST /v3/refund/domestic/refunds ok"));
  BOOST_TEST((FakeRefund(no).responses == std::vector<int>{204}));
  BOOST_TEST(RefundStatusOf(no) == "refunded");
  BOOST_TEST(OrderStatus(x.p.order_id) == "5");
  BOOST_TEST(Str(AdminGet(admin, "/refunds/" + S(id)).data(), "status") == "refunded");
  BOOST_TEST(OpLogs(admin, "approve", S(id)) == 1);
  const std::string detail = OpDetail(admin, "approve", S(id));
  BOOST_TEST(Contains(detail, "requested"));
  BOOST_TEST(Contains(detail, "amount"));
}

BOOST_AUTO_TEST_CASE(refund_approved_twice_is_refused) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const int64_t id = RequestRefund(x);
  const std::string path = "/refunds/" + S(id) + "/approve";
  BOOST_REQUIRE(AdminPost(admin, path, "{\"confirm\":true}").status == 200);
  ApiResponse r = AdminPost(admin, path, "{\"confirm\":true}");
  BOOST_TEST(r.code() == 4005);
  BOOST_TEST(OpLogs(admin, "approve", S(id)) == 1);
  BOOST_TEST(OpLogs(admin, "approve", S(id), "failure") == 1);
  BOOST_TEST(AdminPost(admin, "/refunds/999999999/approve", "{\"confirm\":true}").code() == 4003);
}

BOOST_AUTO_TEST_CASE(refund_approve_needs_confirm) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const int64_t id = RequestRefund(x);
  const std::string path = "/refunds/" + S(id) + "/approve";
  BOOST_TEST(AdminPost(admin, path, "{}").has_field_error("confirm"));
  BOOST_TEST(AdminPost(admin, path, "{\"confirm\":false}").has_field_error("confirm"));
  BOOST_TEST(RefundStatusOf(RefundNoOf(id)) == "requested");
}

BOOST_AUTO_TEST_CASE(refund_reject_leaves_the_order_as_it_was) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const int64_t id = RequestRefund(x);
  BOOST_TEST(AdminPost(admin, "/refunds/" + S(id) + "/reject", "{}").has_field_error("reason"));
  ApiResponse r =
      AdminPost(admin, "/refunds/" + S(id) + "/reject", "{\"reason\":\"商品已使用，不支持退款\"}");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(Str(r.data(), "status") == "rejected");
  BOOST_TEST(Str(r.data()["review"], "note") == "商品已使用，不支持退款");
  BOOST_TEST(OrderStatus(x.p.order_id) == "1");
  BOOST_TEST(SqlScalar("SELECT refund_status FROM orders WHERE id = " + S(x.p.order_id)) ==
             "rejected");
  BOOST_TEST(OpLogs(admin, "reject", S(id)) == 1);
  BOOST_TEST(AdminPost(admin, "/refunds/" + S(id) + "/approve", "{\"confirm\":true}").code() ==
             4005);
}

BOOST_AUTO_TEST_CASE(refund_list_detail_and_stats) {
  AdminSession admin = AdminLogin("order_admin");
  Paid x = PaidOrder();
  const int64_t id = RequestRefund(x, "质量问题");
  ApiResponse r = AdminGet(admin, "/refunds?status=requested&order_no=" + x.p.order_no);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_REQUIRE_EQUAL(Int(r.data(), "total"), 1);
  const auto& it = r.data()["items"][0];
  BOOST_TEST(Int(it, "id") == id);
  BOOST_TEST(Str(it["order"], "order_no") == x.p.order_no);
  BOOST_TEST(Int(it["user"], "id") == x.b.s.user_id);
  BOOST_TEST(Str(it, "status_text") == "待审核");
  ApiResponse one = AdminGet(admin, "/refunds/" + S(id));
  BOOST_REQUIRE(one.status == 200);
  BOOST_TEST(one.data()["images"].IsArray());
  BOOST_TEST(one.data()["review"]["by"].IsNull());
  BOOST_TEST(Str(one.data()["order"], "status") == "paid");

  ApiResponse st = AdminGet(admin, "/refunds/stats?days=7");
  BOOST_REQUIRE_MESSAGE(st.status == 200, st.body);
  BOOST_TEST(st.data()["daily"].Size() == 7u);
  BOOST_TEST(Str(st.data()["daily"][6], "date") == rz::FormatIsoUtc(rz::NowUnix()).substr(0, 10));
  BOOST_TEST(Int(st.data(), "pending_count") >= 1);
  BOOST_TEST(st.data()["refund_rate"].GetDouble() >= 0.0);
  BOOST_TEST(st.data()["refund_rate"].GetDouble() <= 1.0);
  BOOST_TEST(st.data()["reasons"].Size() >= 1u);
  BOOST_TEST(AdminGet(admin, "/refunds/stats?days=0").code() == 4004);
  BOOST_TEST(AdminGet(admin, "/refunds?status=lost").code() == 4004);
}

BOOST_AUTO_TEST_CASE(finance_reads_refunds_but_cannot_approve) {
  AdminSession finance = AdminLogin("finance");
  Paid x = PaidOrder();
  const int64_t id = RequestRefund(x);
  BOOST_TEST(AdminGet(finance, "/refunds").status == 200);
  BOOST_TEST(AdminGet(finance, "/refunds/" + S(id)).status == 200);
  BOOST_TEST(AdminGet(finance, "/refunds/stats").status == 200);
  BOOST_TEST(AdminPost(finance, "/refunds/" + S(id) + "/approve", "{\"confirm\":true}").code() ==
             4002);
  BOOST_TEST(AdminPost(finance, "/refunds/" + S(id) + "/reject", "{\"reason\":\"x\"}").code() ==
             4002);
  BOOST_TEST(RefundStatusOf(RefundNoOf(id)) == "requested");
}

BOOST_AUTO_TEST_CASE(a_mini_program_token_is_refused) {
  Buyer b = NewBuyer();
  ApiResponse r = Get(std::string(kAdminBase) + "/orders", b.s.access_token);
  BOOST_TEST(r.code() == 4001);
}
