// Reconciliation with WeChat Pay; see reconcile.h.
#include "payments/reconcile.h"

#include "core/error.h"
#include "core/log.h"
#include "payments/payment_repo.h"
#include "payments/settlement.h"
#include "shop/order_state.h"

namespace rz::payments {

PaymentStatus ReconcilePayment(Db& db, Redis* redis, const wechatpay::Client& client,
                               int64_t payment_id) {
  auto p = db.Run([&](soci::session& s) { return payrepo::FindById(s, payment_id, 0); });
  if (!p) throw NotFound("payment not found");
  if (p->status != static_cast<int>(PaymentStatus::kUnpaid)) {
    return PaymentStatusFromInt(p->status).value_or(PaymentStatus::kUnpaid);
  }
  auto t = client.QueryTransaction(p->out_trade_no);
  db.Run([&](soci::session& s) {
    payrepo::TouchChecked(s, p->id);
    return 0;
  });
  if (t && t->paid()) {
    ApplyTransaction(db, redis, client.settings(), *t);
    return PaymentStatus::kPaid;
  }
  bool close_locally = t && t->trade_state == "CLOSED";
  if (t && t->trade_state == "NOTPAY") {
    auto order =
        db.Run([&](soci::session& s) { return payrepo::FindOrder(s, p->order_id, p->user_id); });
    if (order && order->status != static_cast<int>(OrderStatus::kPending)) {
      auto r = client.CloseTransaction(p->out_trade_no);
      if (r == wechatpay::Client::CloseResult::kAlreadyPaid) {
        return ReconcilePayment(db, redis, client, payment_id);  // paid in between: apply it
      }
      close_locally = true;
    }
  }
  if (close_locally) {
    db.Run([&](soci::session& s) { return payrepo::MarkClosed(s, p->id); });
    return PaymentStatus::kClosed;
  }
  return PaymentStatus::kUnpaid;
}

TradeClose CloseOrderTrade(Db& db, Redis* redis, const wechatpay::Client& client,
                           int64_t order_id) {
  auto p = db.Run([&](soci::session& s) {
    int64_t id = payrepo::OpenTradeOfOrder(s, order_id);
    return id ? payrepo::FindById(s, id, 0) : std::nullopt;
  });
  if (!p) return TradeClose::kNoTrade;
  try {
    switch (client.CloseTransaction(p->out_trade_no)) {
      case wechatpay::Client::CloseResult::kAlreadyPaid: {
        auto t = client.QueryTransaction(p->out_trade_no);
        if (t && t->paid()) {
          ApplyTransaction(db, redis, client.settings(), *t);
          return TradeClose::kPaid;
        }
        return TradeClose::kUnreachable;  // WeChat contradicts itself: ask again later
      }
      case wechatpay::Client::CloseResult::kClosed:
      case wechatpay::Client::CloseResult::kUnknownTrade:
        break;
    }
  } catch (const ApiError& e) {
    LogWarn("wechat trade not closed", {{"order", std::to_string(order_id)}, {"why", e.detail()}});
    return TradeClose::kUnreachable;
  }
  db.Run([&](soci::session& s) { return payrepo::MarkClosed(s, p->id); });
  return TradeClose::kClosed;
}

}  // namespace rz::payments
