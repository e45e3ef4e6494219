// Fixtures of the payment tests: a buyer with an address, a placed and
// prepared order, the WeChat Pay fake's control API, and polling.
#pragma once

#include <boost/test/unit_test.hpp>

#include <httplib.h>
#include <rapidjson/document.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/orders_fixtures.h"
#include "wechatpay/protocol.h"

namespace rz::test::payments {

using orders::Fen;
using orders::ItemsBody;
using orders::MakeAddress;
using orders::MakeProduct;
using orders::OrderPath;
using orders::PlaceOrder;
using orders::S;
using orders::Stock;

constexpr char kPrepare[] = "/api/v1/payments/wechat/prepare";
constexpr char kNotify[] = "/api/v1/payments/wechat/notify";
constexpr char kRefundNotify[] = "/api/v1/payments/wechat/refund-notify";

struct Buyer {
  Session s;
  int64_t address = 0;
};

inline Buyer NewBuyer() {
  Buyer b{Login(UniqueCode("pay")), 0};
  b.address = MakeAddress(b.s.user_id);
  return b;
}

struct Placed {
  int64_t order_id = 0, product_id = 0, total = 0;
  std::string order_no;
};

// An order of `qty` units of a fresh product priced `price` fen (stock 10).
inline Placed PlaceFor(const Buyer& b, int64_t price = 29900, int64_t qty = 2) {
  Placed p;
  p.product_id = MakeProduct(price, 10);
  ApiResponse r = PlaceOrder(b.s.access_token, ItemsBody(p.product_id, qty, b.address));
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  p.order_id = Int(r.data(), "order_id");
  p.order_no = Str(r.data(), "order_no");
  p.total = Fen(r.data(), "total_price");
  return p;
}

inline ApiResponse Prepare(const Buyer& b, int64_t order_id) {
  return Post(kPrepare, "{\"order_id\":" + S(order_id) + "}", b.s.access_token);
}

// Prepares and returns the payment id.
inline int64_t PrepareOk(const Buyer& b, const Placed& p) {
  ApiResponse r = Prepare(b, p.order_id);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return Int(r.data(), "payment_id");
}

// The fake's control API (wechatpay.api_base of the stack).
struct FakeAnswer {
  int status = 0;
  rapidjson::Document json;
  std::vector<int> responses;  // per delivery
};

inline FakeAnswer FakeControl(const std::string& path, const std::string& body) {
  httplib::Client cli(StackConfig().Get("wechatpay.api_base"));
  cli.set_read_timeout(20, 0);
  FakeAnswer a;
  auto res = body.empty() ? cli.Get(path) : cli.Post(path, body, "application/json");
  BOOST_REQUIRE_MESSAGE(res, "WeChat Pay fake unreachable at " + path);
  a.status = res->status;
  a.json.Parse(res->body.c_str());
  if (a.json.IsObject() && a.json.HasMember("responses") && a.json["responses"].IsArray()) {
    for (const auto& v : a.json["responses"].GetArray()) a.responses.push_back(v.GetInt());
  }
  return a;
}

inline FakeAnswer FakePay(const std::string& out_trade_no, const std::string& mode = "normal") {
  return FakeControl("/_control/pay",
                     "{\"out_trade_no\":\"" + out_trade_no + "\",\"mode\":\"" + mode + "\"}");
}

inline FakeAnswer FakeRefund(const std::string& out_refund_no, const std::string& mode = "normal") {
  return FakeControl("/_control/refund",
                     "{\"out_refund_no\":\"" + out_refund_no + "\",\"mode\":\"" + mode + "\"}");
}

// What the backend called at the fake whose path or body mentions `text`:
// "METHOD path ok|bad" lines.
inline std::vector<std::string> FakeRequests(const std::string& text) {
  FakeAnswer a = FakeControl("/_control/requests?contains=" + text, "");
  std::vector<std::string> out;
  if (!a.json.IsObject() || !a.json.HasMember("requests")) return out;
  for (const auto& r : a.json["requests"].GetArray()) {
    out.push_back(std::string(r["method"].GetString()) + " " + r["path"].GetString() + " " +
                  (r["signature_ok"].GetBool() ? "ok" : "bad"));
  }
  return out;
}

inline bool AnyStartsWith(const std::vector<std::string>& lines, const std::string& prefix) {
  for (const auto& l : lines) {
    if (l.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

inline std::string OrderStatus(int64_t order_id) {
  return SqlScalar("SELECT status FROM orders WHERE id = " + S(order_id));
}
inline std::string PaymentStatus(int64_t order_id) {
  return SqlScalar("SELECT status FROM payments WHERE order_id = " + S(order_id));
}
inline int64_t Count(const std::string& sql) { return std::stoll(SqlScalar(sql)); }
inline int64_t PayLogs(int64_t order_id) {
  return Count("SELECT COUNT(*) FROM order_logs WHERE action = 'pay' AND order_id = " +
               S(order_id));
}

// Polls `pred` every 100 ms for up to `seconds`.
inline bool WaitFor(const std::function<bool()>& pred, int seconds = 15) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pred();
}

}  // namespace rz::test::payments
