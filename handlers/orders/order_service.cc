// OrderService: reading orders and the user-side transitions (placement is in
// order_placement.cc).
#include "handlers/orders/order_service.h"

#include "core/log.h"
#include "payments/payment_repo.h"
#include "payments/reconcile.h"

#include <cctype>
#include <cstdio>

#include "core/error.h"
#include "core/json_out.h"
#include "core/time_util.h"
#include "handlers/orders/order_json.h"
#include "shop/order_lifecycle.h"

namespace rz::orders {
namespace {

constexpr int kTraceTtl = 10 * 60;  // a found trace: 10 minutes
constexpr int kNoTraceTtl = 60;     // "nothing yet": ask again sooner

std::string JsonStringArray(const std::vector<std::string>& items) {
  JsonOut j;
  j.StartArray();
  for (const auto& s : items) j.String(s);
  j.EndArray();
  return j.str();
}

}  // namespace

OrderService::OrderService(Db& db, Redis& redis, const crypto::FieldCipher& cipher,
                           const Config& cfg)
    : db_(db), redis_(redis), cipher_(cipher), numbers_(db, redis), express_(cfg), features_(db) {
  if (!cfg.Get("wechatpay.mchid").empty()) {
    pay_ = std::make_unique<wechatpay::Client>(wechatpay::Settings::FromConfig(cfg));
  }
}

std::vector<ListRow> OrderService::List(int64_t user_id, std::optional<int64_t> status,
                                        int64_t limit, int64_t offset, int64_t* total) {
  return db_.Run(
      [&](soci::session& s) { return repo::List(s, user_id, status, limit, offset, total); });
}

Summary OrderService::GetSummary(int64_t user_id) {
  return db_.Run([&](soci::session& s) { return repo::CountSummary(s, user_id); });
}

OrderDetail OrderService::Detail(int64_t user_id, int64_t order_id) {
  OrderDetail d = db_.Run([&](soci::session& s) {
    OrderDetail out;
    auto o = repo::Find(s, order_id, user_id);
    if (!o) throw NotFound("order not found");
    out.order = std::move(*o);
    out.items = ReadOrderItems(s, order_id);
    out.refunds = repo::Refunds(s, order_id);
    return out;
  });
  // The owner sees the receiver's phone in full.
  if (!d.order.phone_enc.empty()) d.phone = cipher_.Decrypt(d.order.phone_enc).value_or("");
  return d;
}

void OrderService::Cancel(int64_t user_id, int64_t order_id, const std::string& reason) {
  if (!CancelPendingOrder(db_, order_id, user_id, Actor::User(user_id), reason)) {
    throw Conflict("invalid_state", "only a pending order can be cancelled");
  }
  if (!pay_) return;
  try {
    payments::CloseOrderTrade(db_, &redis_, *pay_, order_id);
  } catch (const std::exception& e) {
    // The cancellation stands; reconciliation closes the trade (or refunds) later.
    LogWarn("wechat trade not closed after cancel",
            {{"order", std::to_string(order_id)}, {"error", e.what()}});
  }
}

void OrderService::Confirm(int64_t user_id, int64_t order_id) {
  if (!ConfirmReceipt(db_, order_id, user_id, Actor::User(user_id))) {
    throw Conflict("invalid_state", "only a shipped order can be confirmed");
  }
}

RefundRow OrderService::RequestRefund(int64_t user_id, int64_t order_id, const RefundInput& in) {
  return RunOrderTx(db_, [&](soci::session& s) {
    soci::transaction tx(s);
    auto basis = repo::LockForRefund(s, order_id, user_id);
    if (!basis) throw NotFound("order not found");
    const OrderStatus status = StatusFromInt(basis->status).value_or(OrderStatus::kCancelled);
    if (!CanDo(status, OrderAction::kRequestRefund)) {
      throw Conflict("invalid_state",
                     "a refund can be requested for a paid, shipped or completed order only");
    }
    if (basis->open_requests > 0) {
      throw Conflict("invalid_state", "a refund request is already open for this order");
    }
    const Fen refundable = basis->total_price - basis->refunded;
    if (refundable <= 0) throw Conflict("invalid_state", "the order is fully refunded");
    const Fen amount = in.amount.value_or(refundable);
    if (amount > refundable) {
      throw BadRequest("amount",
                       "must be at most " + FormatYuan(refundable) + " (paid - refunded)");
    }
    NewRefund r;
    r.refund_no = RefundNo(basis->order_no, basis->requests + 1);
    r.order_id = order_id;
    r.user_id = user_id;
    r.amount = amount;
    r.reason = in.reason;
    r.images_json = JsonStringArray(in.images);
    const int64_t id = repo::InsertRefund(s, r);
    payrepo::SetOrderRefundStatus(s, order_id, RefundStateName(RefundState::kRequested));
    AppendOrderLogInTx(s, order_id, status, status, ActionName(OrderAction::kRequestRefund),
                       Actor::User(user_id),
                       r.refund_no + " " + FormatYuan(amount) + ": " + in.reason);
    tx.commit();
    RefundRow out;
    out.id = id;
    out.refund_no = r.refund_no;
    out.amount = amount;
    out.status = "requested";
    out.reason = r.reason;
    out.images_json = r.images_json;
    out.created_at = FormatIsoUtc(NowUnix());
    return out;
  });
}

std::string OrderService::TrackingJson(int64_t user_id, int64_t order_id) {
  auto o = db_.Run([&](soci::session& s) { return repo::Find(s, order_id, user_id); });
  if (!o) throw NotFound("order not found");
  const OrderStatus status = StatusFromInt(o->status).value_or(OrderStatus::kPending);
  const bool went_out = status == OrderStatus::kShipped || status == OrderStatus::kCompleted ||
                        status == OrderStatus::kRefunded;
  if (!went_out || o->express_no.empty()) {
    throw Conflict("invalid_state", "the order has not been shipped");
  }
  std::string com = o->express_tracking_code;
  if (com.empty()) {  // a company we do not list: try its code as the API's
    for (char c : o->express_code)
      com += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string cache_key = "express:trace:" + com + ":" + o->express_no;
  if (auto cached = redis_.Get(cache_key)) return *cached;
  ExpressTrace trace = express_.Query(com, o->express_no);
  JsonOut j;
  WriteTracking(j, o->express_name.empty() ? o->express_code : o->express_name, o->express_code,
                o->express_no, trace);
  redis_.Set(cache_key, j.str(), trace.found ? kTraceTtl : kNoTraceTtl);
  return j.str();
}

}  // namespace rz::orders
