// PaymentService; see payment_service.h.
#include "handlers/payments/payment_service.h"

#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"
#include "payments/notification.h"
#include "payments/payment_repo.h"
#include "payments/reconcile.h"
#include "payments/settlement.h"
#include "shop/order_state.h"

namespace rz::payments {
namespace {

constexpr int64_t kPrepayValidSeconds = 2 * 3600;  // WeChat: a prepay_id lives 2 hours
constexpr int64_t kPrepayReuseMargin = 5 * 60;     // reuse only with time left to pay
constexpr int kStatusQueryEverySeconds = 5;

// ApiError from settlement -> what WeChat is told (it retries anything non-2xx).
[[noreturn]] void Reject(const ApiError& e) {
  const int status = e.code() == ErrorCode::kNotFound      ? 404
                     : e.code() == ErrorCode::kUnavailable ? 500
                     : e.code() == ErrorCode::kInternal    ? 500
                                                           : 400;
  throw NotifyRejected(status, e.detail());
}

}  // namespace

PaymentService::PaymentService(Db& db, Redis& redis, const Config& cfg)
    : db_(db), redis_(redis), client_(wechatpay::Settings::FromConfig(cfg)), features_(db) {}

Prepared PaymentService::Prepare(int64_t user_id, int64_t order_id) {
  if (!features_.Enabled("payment")) {
    throw Conflict("feature_disabled", "payment is paused by the shop");
  }
  auto basis =
      db_.Run([&](soci::session& s) { return payrepo::ReadPrepareBasis(s, order_id, user_id); });
  if (!basis) throw NotFound("order not found");
  const payrepo::OrderForPay& order = basis->order;
  if (order.status != static_cast<int>(OrderStatus::kPending)) {
    throw Conflict("invalid_state", "the order is not awaiting payment");
  }
  const int64_t now = NowUnix();
  if (order.pay_deadline_unix <= now) {
    throw Conflict("invalid_state", "the payment window of this order has closed");
  }
  const auto& pay = basis->payment;
  if (pay && pay->status != static_cast<int>(PaymentStatus::kUnpaid)) {
    throw Conflict("invalid_state",
                   "the payment is already " +
                       std::string(PaymentStatusName(*PaymentStatusFromInt(pay->status))));
  }
  if (pay && !pay->prepay_id.empty() && pay->prepay_expires_unix > now + kPrepayReuseMargin) {
    return Prepared{pay->id, client_.MiniProgramParams(pay->prepay_id, now)};
  }
  wechatpay::Client::JsapiOrder o;
  o.out_trade_no = order.order_no;
  o.description = "RUIZHU 订单 " + order.order_no;
  o.payer_openid = basis->openid;
  o.total = order.total_price;
  o.time_expire = wechatpay::FormatTime(order.pay_deadline_unix);
  const std::string prepay = client_.CreateJsapiOrder(o);
  const int64_t expires = std::min(now + kPrepayValidSeconds, order.pay_deadline_unix);
  const int64_t payment_id =
      db_.Run([&](soci::session& s) { return payrepo::UpsertPrepay(s, order, prepay, expires); });
  return Prepared{payment_id, client_.MiniProgramParams(prepay, now)};
}

PaymentView PaymentService::Status(int64_t user_id, int64_t payment_id) {
  auto read = [&] {
    return db_.Run([&](soci::session& s) { return payrepo::FindById(s, payment_id, user_id); });
  };
  auto p = read();
  if (!p) throw NotFound("payment not found");
  if (p->status == static_cast<int>(PaymentStatus::kUnpaid) && !p->prepay_id.empty() &&
      redis_.SetNx("wxpay:query:" + std::to_string(p->id), "1", kStatusQueryEverySeconds)) {
    try {
      ReconcilePayment(db_, &redis_, client_, p->id);
      p = read();
    } catch (const ApiError& e) {
      // The answer is still true as far as we know; WeChat being down is not the buyer's error.
      LogWarn("payment status query failed",
              {{"payment", std::to_string(p->id)}, {"why", e.detail()}});
    }
  }
  PaymentView v;
  v.status = PaymentStatusFromInt(p->status).value_or(PaymentStatus::kUnpaid);
  v.amount = p->amount;
  v.payment_time = p->paid_at;
  v.transaction_id = p->transaction_id;
  return v;
}

void PaymentService::OnPaymentNotification(const wechatpay::SignedHeaders& h,
                                           const std::string& body) {
  OpenedNotification n = OpenNotification(client_.settings(), &redis_, h, body, "transaction");
  if (n.event_type != "TRANSACTION.SUCCESS") {
    LogInfo("wechatpay notification ignored", {{"event", n.event_type}});
    return;
  }
  auto t = wechatpay::Transaction::Parse(n.plaintext);
  if (!t) throw NotifyRejected(400, "resource is not a transaction");
  try {
    ApplyTransaction(db_, &redis_, client_.settings(), *t);
  } catch (const ApiError& e) {
    LogWarn("wechatpay notification refused",
            {{"out_trade_no", t->out_trade_no}, {"why", e.detail()}});
    Reject(e);
  }
}

void PaymentService::OnRefundNotification(const wechatpay::SignedHeaders& h,
                                          const std::string& body) {
  OpenedNotification n = OpenNotification(client_.settings(), &redis_, h, body, "refund");
  auto r = wechatpay::Refund::Parse(n.plaintext);
  if (!r) throw NotifyRejected(400, "resource is not a refund");
  if (!r->mchid.empty() && r->mchid != client_.settings().mchid) {
    throw NotifyRejected(400, "not our merchant");
  }
  try {
    ApplyRefund(db_, *r);
  } catch (const ApiError& e) {
    LogWarn("wechatpay refund notification refused",
            {{"out_refund_no", r->out_refund_no}, {"why", e.detail()}});
    Reject(e);
  }
}

}  // namespace rz::payments
