// Exactly-once application of WeChat Pay results; see settlement.h.
#include "payments/settlement.h"

#include "core/error.h"
#include "core/log.h"
#include "core/money.h"
#include "payments/payment_repo.h"
#include "payments/payment_state.h"
#include "shop/order_lifecycle.h"
#include "shop/order_state.h"

namespace rz::payments {
namespace {

constexpr char kAutoRefundReason[] = "payment arrived after the order was cancelled";

bool CountsAsSale(int64_t order_status) {
  auto s = StatusFromInt(order_status);
  return s &&
         (*s == OrderStatus::kPaid || *s == OrderStatus::kShipped || *s == OrderStatus::kCompleted);
}

void EmitOrderEvent(Redis* redis, const char* type, int64_t order_id, int64_t user_id,
                    int64_t amount) {
  if (!redis) return;
  RedisReply r = redis->Command({"XADD", "stream:orders", "MAXLEN", "~", "1000000", "*", "type",
                                 type, "order_id", std::to_string(order_id), "user_id",
                                 std::to_string(user_id), "amount", std::to_string(amount)});
  if (!r.ok)
    LogWarn("order event not emitted", {{"type", type}, {"order", std::to_string(order_id)}});
}

// The automatic refund of a payment whose order can no longer take it.
int64_t ScheduleAutoRefundInTx(soci::session& s, const payrepo::OrderForPay& o,
                               const payrepo::PaymentRow& p) {
  payrepo::RefundRow r;
  r.refund_no = RefundNo(o.order_no, payrepo::RefundTotalsOf(s, o.id).count + 1);
  r.order_id = o.id;
  r.payment_id = p.id;
  r.user_id = o.user_id;
  r.amount = p.amount;
  r.reason = kAutoRefundReason;
  const int64_t id = payrepo::InsertApprovedRefund(s, r);
  const OrderStatus st = StatusFromInt(o.status).value_or(OrderStatus::kCancelled);
  AppendOrderLogInTx(s, o.id, st, st, "auto_refund", Actor::System(),
                     r.refund_no + " " + FormatYuan(p.amount) + ": " + kAutoRefundReason);
  return id;
}

}  // namespace

Settled ApplyTransaction(Db& db, Redis* redis, const wechatpay::Settings& cfg,
                         const wechatpay::Transaction& t) {
  if (t.appid != cfg.appid) throw BadRequest("appid", "not our appid");
  if (t.mchid != cfg.mchid) throw BadRequest("mchid", "not our merchant");
  if (!t.paid()) throw BadRequest("trade_state", "not a successful payment: " + t.trade_state);

  auto found =
      db.Run([&](soci::session& s) { return payrepo::FindByOutTradeNo(s, t.out_trade_no); });
  if (!found) throw NotFound("unknown out_trade_no");

  Settled out;
  int64_t user_id = 0, amount = 0;
  out = RunOrderTx(db, [&](soci::session& s) {
    soci::transaction tx(s);
    Settled r;
    r.payment_id = found->id;
    r.order_id = found->order_id;
    auto order = payrepo::LockOrder(s, found->order_id);
    auto pay = payrepo::LockById(s, found->id);
    if (!order || !pay) throw NotFound("unknown out_trade_no");
    const PaymentStatus ps = PaymentStatusFromInt(pay->status).value_or(PaymentStatus::kUnpaid);
    if (!CanApplySuccess(ps)) {
      if (pay->transaction_id != t.transaction_id) {
        LogWarn("second transaction for a paid trade",
                {{"out_trade_no", t.out_trade_no}, {"transaction", t.transaction_id}});
      }
      r.kind = Settled::Kind::kAlreadyApplied;
      return r;
    }
    if (t.amount_total != pay->amount || pay->amount != order->total_price) {
      throw Conflict("amount_mismatch", "paid " + std::to_string(t.amount_total) +
                                            " fen, payable " + std::to_string(pay->amount));
    }
    payrepo::MarkPaid(s, pay->id, t.transaction_id, t.ToJson());
    if (MarkOrderPaidInTx(s, order->id, "wechat", Actor::Wechat(), t.transaction_id)) {
      payrepo::AddSoldCounts(s, order->id);
      AddUserSpendInTx(s, order->user_id, order->total_price);
      r.kind = Settled::Kind::kApplied;
    } else {
      // Cancelled (or expired) while the buyer was paying: the money goes back.
      r.refund_id = ScheduleAutoRefundInTx(s, *order, *pay);
      r.kind = Settled::Kind::kRefundScheduled;
    }
    user_id = order->user_id;
    amount = pay->amount;
    tx.commit();
    return r;
  });
  if (out.kind == Settled::Kind::kApplied) {
    EmitOrderEvent(redis, "paid", out.order_id, user_id, amount);
  } else if (out.kind == Settled::Kind::kRefundScheduled) {
    LogWarn("payment for a cancelled order: refund scheduled",
            {{"order", std::to_string(out.order_id)}, {"refund", std::to_string(out.refund_id)}});
  }
  return out;
}

RefundSettled ApplyRefund(Db& db, const wechatpay::Refund& w) {
  auto found =
      db.Run([&](soci::session& s) { return payrepo::FindRefundByNo(s, w.out_refund_no); });
  if (!found) throw NotFound("unknown out_refund_no");
  return RunOrderTx(db, [&](soci::session& s) {
    soci::transaction tx(s);
    RefundSettled r;
    r.refund_id = found->id;
    r.order_id = found->order_id;
    auto order = payrepo::LockOrder(s, found->order_id);
    auto refund = payrepo::LockRefund(s, found->id);
    if (!order || !refund) throw NotFound("unknown out_refund_no");
    if (refund->status != kRefundApproved && refund->status != kRefundProcessing) {
      r.kind = RefundSettled::Kind::kAlreadyFinal;
      return r;
    }
    if (w.amount_refund != refund->amount) {
      throw Conflict("amount_mismatch", "refund of " + std::to_string(w.amount_refund) +
                                            " fen, requested " + std::to_string(refund->amount));
    }
    if (w.status == "PROCESSING") {
      if (!w.refund_id.empty()) payrepo::SetWechatRefundId(s, refund->id, w.refund_id);
      tx.commit();
      r.kind = RefundSettled::Kind::kPending;
      return r;
    }
    if (w.status != "SUCCESS") {
      payrepo::MarkRefundFailed(s, refund->id, "wechat: " + w.status);
      const OrderStatus st = StatusFromInt(order->status).value_or(OrderStatus::kCancelled);
      AppendOrderLogInTx(s, order->id, st, st, "refund_failed", Actor::Wechat(),
                         refund->refund_no + " " + w.status);
      tx.commit();
      r.kind = RefundSettled::Kind::kFailed;
      return r;
    }
    auto pay = refund->payment_id ? payrepo::LockById(s, refund->payment_id)
                                  : payrepo::FindByOrder(s, order->id);
    if (!pay) throw NotFound("refund without payment");
    payrepo::MarkRefundDone(s, refund->id, w.refund_id);
    const int64_t refunded = payrepo::AddRefunded(s, pay->id, refund->amount);
    const bool whole = refunded >= pay->amount;
    const std::string note = refund->refund_no + " " + FormatYuan(refund->amount);
    if (CountsAsSale(order->status)) {
      AddUserSpendInTx(s, order->user_id, -refund->amount);
      if (whole) {
        MarkOrderRefundedInTx(s, order->id, Actor::Wechat(), note);
        payrepo::AddSoldCounts(s, order->id, -1);  // the sale is undone
      } else {
        payrepo::SetOrderRefundStatus(s, order->id, RefundStateName(RefundState::kPartial));
        const OrderStatus st = *StatusFromInt(order->status);
        AppendOrderLogInTx(s, order->id, st, st, "refund", Actor::Wechat(), note + " (partial)");
      }
    } else {
      // An automatic refund of a cancelled order: the order stays cancelled.
      payrepo::SetOrderRefundStatus(s, order->id, RefundStateName(RefundState::kRefunded));
      const OrderStatus st = StatusFromInt(order->status).value_or(OrderStatus::kCancelled);
      AppendOrderLogInTx(s, order->id, st, st, "refund", Actor::Wechat(), note);
    }
    tx.commit();
    r.kind = RefundSettled::Kind::kRefunded;
    r.order_fully_refunded = whole;
    return r;
  });
}

std::string ExecuteRefund(Db& db, const wechatpay::Client& client, int64_t refund_id) {
  struct Plan {
    std::string status, refund_no, reason, transaction_id;
    int64_t amount = 0, total = 0;
    bool send = false;
  };
  Plan plan = RunOrderTx(db, [&](soci::session& s) {
    soci::transaction tx(s);
    Plan p;
    auto refund = payrepo::LockRefund(s, refund_id);
    if (!refund) throw NotFound("refund not found");
    p.status = refund->status;
    if (refund->status != kRefundApproved && refund->status != kRefundProcessing) return p;
    auto pay = payrepo::FindByOrder(s, refund->order_id);
    const bool paid = pay && !pay->transaction_id.empty() &&
                      (pay->status == static_cast<int>(PaymentStatus::kPaid) ||
                       pay->status == static_cast<int>(PaymentStatus::kRefunded));
    if (!paid) {
      payrepo::MarkRefundFailed(s, refund_id, "no WeChat payment to refund");
      tx.commit();
      p.status = kRefundFailed;
      return p;
    }
    payrepo::MarkRefundSubmitted(s, refund_id, pay->id);
    tx.commit();
    p.status = kRefundProcessing;
    p.refund_no = refund->refund_no;
    p.reason = refund->reason;
    p.transaction_id = pay->transaction_id;
    p.amount = refund->amount;
    p.total = pay->amount;
    p.send = true;
    return p;
  });
  if (!plan.send) return plan.status;

  wechatpay::Refund answer;
  try {
    answer = client.CreateRefund(
        {plan.transaction_id, plan.refund_no, plan.reason.substr(0, 80), plan.amount, plan.total});
  } catch (const ApiError& e) {
    if (e.code() == ErrorCode::kUnavailable) {
      LogWarn("refund not sent; will retry", {{"refund", plan.refund_no}});
      return kRefundProcessing;
    }
    db.Run([&](soci::session& s) {
      payrepo::MarkRefundFailed(s, refund_id, "wechat refused: " + e.detail());
      return 0;
    });
    LogWarn("refund refused by wechat", {{"refund", plan.refund_no}, {"code", e.detail()}});
    return kRefundFailed;
  }
  RefundSettled r = ApplyRefund(db, answer);
  switch (r.kind) {
    case RefundSettled::Kind::kRefunded:
      return kRefundRefunded;
    case RefundSettled::Kind::kFailed:
      return kRefundFailed;
    default:
      return kRefundProcessing;
  }
}

}  // namespace rz::payments
