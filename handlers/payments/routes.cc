// Payments worker route table and its handlers: validate, call
// PaymentService, write the answer. The two notification endpoints answer
// WeChat Pay in its own terms: 204 when applied (or already applied), else a
// non-2xx with {"code":"FAIL","message":...} so WeChat delivers it again.
#include "handlers/payments/routes.h"

#include <soci/soci.h>

#include <memory>

#include "core/error.h"
#include "core/json_in.h"
#include "core/json_out.h"
#include "core/log.h"
#include "handlers/payments/payment_service.h"
#include "payments/notification.h"

namespace rz::payments {
namespace {

void HandlePaymentPrepare(PaymentService& svc, Request& req, Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"order_id"});
  const int64_t order_id = in.ReqInt("order_id", 1, INT64_MAX);
  in.Finish();
  Prepared p = svc.Prepare(req.principal.id, order_id);
  JsonOut j;
  j.StartObject();
  j.Key("appId").String(p.params.app_id).Key("timeStamp").String(p.params.time_stamp);
  j.Key("nonceStr").String(p.params.nonce_str).Key("package").String(p.params.package);
  j.Key("signType").String(p.params.sign_type).Key("paySign").String(p.params.pay_sign);
  j.Key("payment_id").Int(p.payment_id);
  j.EndObject();
  res.Ok(j);
}

void HandlePaymentStatus(PaymentService& svc, Request& req, Response& res) {
  PaymentView v = svc.Status(req.principal.id, req.PathId());
  JsonOut j;
  j.StartObject();
  j.Key("status").String(PaymentStatusName(v.status));
  j.Key("status_text").String(PaymentStatusText(v.status));
  j.Key("amount").Money(v.amount);
  j.Key("payment_time").StringOrNull(v.payment_time);
  j.Key("transaction_id").StringOrNull(v.transaction_id);
  j.EndObject();
  res.Ok(j);
}

void HandleAlipayPrepare(PaymentService&, Request&, Response&) {
  throw Unavailable("alipay not enabled");
}

wechatpay::SignedHeaders SignedHeadersOf(const Request& req) {
  return {req.WechatpayHeader("Wechatpay-Timestamp"), req.WechatpayHeader("Wechatpay-Nonce"),
          req.WechatpayHeader("Wechatpay-Signature"), req.WechatpayHeader("Wechatpay-Serial")};
}

void AnswerWechat(Response& res, int status, const std::string& message) {
  res.status = status;
  res.api_code = status;
  if (status == 204) {
    res.body.clear();
    return;
  }
  JsonOut j;
  j.StartObject().Key("code").String("FAIL").Key("message").String(message).EndObject();
  res.body = j.str();
}

// Runs `apply`; every failure becomes a FAIL answer (never the API envelope).
template <class F>
void Notify(Response& res, F&& apply) {
  try {
    apply();
    AnswerWechat(res, 204, "");
  } catch (const NotifyRejected& e) {
    AnswerWechat(res, e.status(), e.what());
  } catch (const soci::soci_error& e) {
    LogError("notification not applied: database", {{"error", e.what()}});
    AnswerWechat(res, 500, "temporarily unavailable");
  } catch (const ApiError& e) {
    AnswerWechat(res, e.code() == ErrorCode::kUnavailable ? 500 : 400, e.detail());
  }
}

void HandleWechatNotify(PaymentService& svc, Request& req, Response& res) {
  Notify(res, [&] { svc.OnPaymentNotification(SignedHeadersOf(req), req.body); });
}

void HandleWechatRefundNotify(PaymentService& svc, Request& req, Response& res) {
  Notify(res, [&] { svc.OnRefundNotification(SignedHeadersOf(req), req.body); });
}

}  // namespace

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the service holds no per-request state.
  auto svc = std::make_shared<PaymentService>(*ctx.db, *ctx.redis, ctx.config);
  Router r;
  r.Add("POST", "/api/v1/payments/wechat/prepare", BindService(svc, HandlePaymentPrepare),
        Realm::kUser);
  r.Add("GET", "/api/v1/payments/{id}/status", BindService(svc, HandlePaymentStatus), Realm::kUser);
  r.Add("POST", "/api/v1/payments/alipay/prepare", BindService(svc, HandleAlipayPrepare),
        Realm::kUser);
  for (auto [path, handler] :
       {std::pair{"/api/v1/payments/wechat/notify", HandleWechatNotify},
        std::pair{"/api/v1/payments/wechat/refund-notify", HandleWechatRefundNotify}}) {
    Route route{"POST", path, BindService(svc, handler), Realm::kPublic, "", 0};
    route.raw_body = true;  // verified byte for byte against its signature
    r.Add(std::move(route));
  }
  return r;
}

}  // namespace rz::payments
