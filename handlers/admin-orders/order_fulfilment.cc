// OrderAdminService: shipping (one order or a batch) and cancelling.
#include "core/error.h"
#include "core/log.h"
#include "handlers/admin-orders/audit.h"
#include "handlers/admin-orders/order_admin_service.h"
#include "payments/payment_repo.h"
#include "payments/payment_state.h"
#include "payments/reconcile.h"
#include "payments/settlement.h"
#include "shop/order_lifecycle.h"
#include "shop/order_state.h"

namespace rz::admin_orders {
namespace {

constexpr size_t kMaxLoggedFailures = 50;  // failed rows named in the batch's summary row

void RequireShippingOn(FeatureSwitches& features) {
  if (!features.Enabled("shipping")) {
    throw Conflict("feature_disabled", "shipping is paused by the shop (settings features)");
  }
}

// A refund waiting for review or execution: the parcel must not leave meanwhile.
bool RefundOpen(const std::string& refund_status) {
  return refund_status == RefundStateName(RefundState::kRequested) ||
         refund_status == RefundStateName(RefundState::kApproved);
}

}  // namespace

void OrderAdminService::Ship(admin::OpLog log, int64_t order_id, const ShipInput& in) {
  log.target_type = "order";
  log.target_id = std::to_string(order_id);
  AuditedWrite(db_, log, [&](admin::OpLog& l) {
    RequireShippingOn(features_);
    ShipInTx(l, order_id, in);
    return 0;
  });
}

std::string OrderAdminService::ShipInTx(admin::OpLog& l, int64_t order_id, const ShipInput& in) {
  return RunOrderTx(db_, [&](soci::session& s) {
    soci::transaction tx(s);
    if (!repo::ExpressCompanyActive(s, in.express_code)) {
      throw BadRequest("express_code", "not an active express company");
    }
    auto o = repo::LockOrder(s, order_id);
    if (!o) throw NotFound("order not found");
    const OrderStatus st = StatusFromInt(o->status).value_or(OrderStatus::kCancelled);
    if (st != OrderStatus::kPaid) {
      throw Conflict("invalid_state",
                     std::string("only a paid order can be shipped; it is ") + StatusName(st));
    }
    if (RefundOpen(o->refund_status)) {
      throw Conflict("invalid_state", "a refund of this order is " + o->refund_status +
                                          ": settle it before shipping");
    }
    if (!ShipOrderInTx(s, order_id, in.express_code, in.express_no, Actor::Admin(l.admin_id))) {
      throw Conflict("invalid_state", "the order is no longer paid");
    }
    l.summary = "shipped " + o->order_no + " by " + in.express_code + " " + in.express_no;
    l.detail_json =
        BeforeAfter("\"status\":\"paid\"",
                    "\"status\":\"shipped\",\"express_code\":" + Quoted(in.express_code) +
                        ",\"express_no\":" + Quoted(in.express_no));
    admin::AppendOpLogInTx(s, l);
    tx.commit();
    return o->order_no;
  });
}

std::vector<BatchOutcome> OrderAdminService::BatchShip(admin::OpLog log,
                                                       const std::vector<BatchRow>& rows) {
  RequireShippingOn(features_);
  std::vector<BatchOutcome> out;
  JsonOut failures;
  failures.StartArray();
  size_t failed = 0;
  for (const BatchRow& row : rows) {
    BatchOutcome r{row.row, row.order_no, false, 0, row.error};
    try {
      if (!row.error.empty()) throw BadRequest("row", row.error);
      int64_t id = row.order_id;
      if (id == 0) {
        id = db_.Run([&](soci::session& s) { return repo::OrderIdByNo(s, row.order_no); });
        if (id == 0) throw NotFound("no order " + row.order_no);
      }
      admin::OpLog l = log;
      l.action = "ship";
      l.target_type = "order";
      l.target_id = std::to_string(id);
      r.order_no = ShipInTx(l, id, row.ship);  // also for rows given by id
      r.ok = true;
    } catch (const ApiError& e) {
      r.error_code = static_cast<int>(e.code());
      r.error = e.fields().empty() ? e.detail() : e.fields().begin()->second;
      if (e.code() == ErrorCode::kBadRequest && !e.fields().empty() &&
          e.fields().begin()->first != "row") {
        r.error = e.fields().begin()->first + ": " + r.error;
      }
      if (++failed <= kMaxLoggedFailures) {
        failures.StartObject().Key("row").Int(r.row).Key("error").String(r.error).EndObject();
      }
    }
    out.push_back(std::move(r));
  }
  failures.EndArray();
  log.target_type = "order";
  log.summary = "batch ship: " + std::to_string(rows.size() - failed) + " of " +
                std::to_string(rows.size()) + " shipped";
  log.detail_json = "{\"total\":" + std::to_string(rows.size()) +
                    ",\"failed\":" + std::to_string(failed) + ",\"failures\":" + failures.str() +
                    "}";
  admin::AppendOpLog(db_, log);
  return out;
}

void OrderAdminService::Cancel(admin::OpLog log, int64_t order_id, const CancelInput& in) {
  log.target_type = "order";
  log.target_id = std::to_string(order_id);
  bool close_trade = false;
  int64_t refund_id = AuditedWrite(db_, log, [&](admin::OpLog& l) {
    return RunOrderTx(db_, [&](soci::session& s) -> int64_t {
      soci::transaction tx(s);
      auto o = repo::LockOrder(s, order_id);
      if (!o) throw NotFound("order not found");
      const OrderStatus st = StatusFromInt(o->status).value_or(OrderStatus::kCancelled);
      int64_t refund = 0;
      if (st == OrderStatus::kPending) {
        // We hold the order row, so this cannot lose a race any more.
        CancelPendingOrderInTx(s, order_id, 0, Actor::Admin(l.admin_id), in.reason);
        l.summary = "cancelled pending order " + o->order_no;
        l.detail_json = BeforeAfter("\"status\":\"pending\"",
                                    "\"status\":\"cancelled\",\"reason\":" + Quoted(in.reason));
        close_trade = true;
      } else if (st == OrderStatus::kPaid) {
        refund = CancelWithRefundInTx(s, l, *o, in.reason);
      } else {
        throw Conflict("invalid_state", std::string("only a pending or paid (not shipped) order "
                                                    "can be cancelled; it is ") +
                                            StatusName(st));
      }
      admin::AppendOpLogInTx(s, l);
      tx.commit();
      return refund;
    });
  });
  AfterCommit(order_id, close_trade, refund_id);
}

int64_t OrderAdminService::CancelWithRefundInTx(soci::session& s, admin::OpLog& l,
                                                const LockedOrder& o, const std::string& reason) {
  const payrepo::RefundTotals totals = payrepo::RefundTotalsOf(s, o.id);
  if (totals.open > 0) {
    throw Conflict("invalid_state", "a refund of this order is open: review it under /refunds");
  }
  auto pay = repo::PaymentOf(s, o.id);
  if (!pay || pay->transaction_id.empty() ||
      pay->status != static_cast<int64_t>(PaymentStatus::kPaid)) {
    throw Conflict("invalid_state", "the order has no WeChat payment to refund");
  }
  payrepo::RefundRow r;
  r.refund_no = RefundNo(o.order_no, totals.count + 1);
  r.order_id = o.id;
  r.payment_id = pay->id;
  r.user_id = o.user_id;
  r.reviewed_by = l.admin_id;
  r.amount = pay->amount - pay->refunded_amount;  // all that is still with us
  r.reason = "商家取消订单：" + reason;
  if (r.amount <= 0) throw Conflict("invalid_state", "the order is fully refunded");
  const int64_t id = payrepo::InsertApprovedRefund(s, r);
  RestockOrderItemsInTx(s, o.id);
  payrepo::SetOrderRefundStatus(s, o.id, RefundStateName(RefundState::kApproved));
  AppendOrderLogInTx(s, o.id, OrderStatus::kPaid, OrderStatus::kPaid, "cancel_refund",
                     Actor::Admin(l.admin_id),
                     r.refund_no + " " + FormatYuan(r.amount) + ": " + reason);
  l.summary = "cancelled paid order " + o.order_no + " with refund " + r.refund_no + " of " +
              FormatYuan(r.amount);
  l.detail_json = BeforeAfter(
      "\"status\":\"paid\",\"refund_status\":" + Quoted(o.refund_status),
      "\"status\":\"paid\",\"refund_status\":\"approved\",\"refund_no\":" + Quoted(r.refund_no) +
          ",\"refund_amount\":" + FormatYuan(r.amount) + ",\"reason\":" + Quoted(reason));
  return id;
}

void OrderAdminService::AfterCommit(int64_t order_id, bool close_trade, int64_t refund_id) {
  if (!pay_) return;  // the jobs daemon executes approved refunds
  try {
    if (close_trade) payments::CloseOrderTrade(db_, &redis_, *pay_, order_id);
    if (refund_id > 0) payments::ExecuteRefund(db_, *pay_, refund_id);
  } catch (const std::exception& e) {
    // The cancellation stands: reconciliation closes the trade, the jobs daemon
    // re-sends the approved refund.
    LogWarn("after-cancel call to WeChat Pay failed",
            {{"order", std::to_string(order_id)}, {"error", e.what()}});
  }
}

}  // namespace rz::admin_orders
