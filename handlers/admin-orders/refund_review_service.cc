// Refund review; see refund_review_service.h.
#include "handlers/admin-orders/refund_review_service.h"

#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"
#include "handlers/admin-orders/audit.h"
#include "payments/payment_repo.h"
#include "payments/settlement.h"
#include "shop/order_lifecycle.h"
#include "shop/order_state.h"

namespace rz::admin_orders {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kTopReasons = 10;

}  // namespace

RefundReviewService::RefundReviewService(Db& db, const Config& cfg) : db_(db) {
  if (!cfg.Get("wechatpay.mchid").empty()) {
    pay_ = std::make_unique<wechatpay::Client>(wechatpay::Settings::FromConfig(cfg));
  }
}

std::vector<RefundRow> RefundReviewService::List(const RefundFilter& f, int64_t limit,
                                                 int64_t offset, int64_t* total) {
  return db_.Run([&](soci::session& s) {
    *total = repo::CountRefunds(s, f);
    return *total > offset ? repo::ListRefunds(s, f, limit, offset) : std::vector<RefundRow>{};
  });
}

RefundRow RefundReviewService::Detail(int64_t refund_id) {
  auto r = db_.Run([&](soci::session& s) { return repo::FindRefund(s, refund_id); });
  if (!r) throw NotFound("refund not found");
  return *r;
}

void RefundReviewService::Review(admin::OpLog& l, const RefundRow& r, const std::string& to,
                                 const std::string& note) {
  RunOrderTx(db_, [&](soci::session& s) {
    soci::transaction tx(s);
    // The order row first: the lock order of every refund and payment path.
    auto o = repo::LockOrder(s, r.order_id);
    if (!o) throw NotFound("order not found");
    if (!repo::ReviewRefund(s, r.id, to, l.admin_id, note)) {
      auto now = repo::FindRefund(s, r.id);
      throw Conflict("invalid_state", "the refund is " + (now ? now->status : std::string("gone")) +
                                          ", only a requested refund can be reviewed");
    }
    payrepo::SetOrderRefundStatus(s, o->id, to);
    const OrderStatus st = StatusFromInt(o->status).value_or(OrderStatus::kPaid);
    const std::string verb = to == "approved" ? "approve" : "reject";
    AppendOrderLogInTx(
        s, o->id, st, st, verb + "_refund", Actor::Admin(l.admin_id),
        r.refund_no + " " + FormatYuan(r.amount) + (note.empty() ? "" : ": " + note));
    l.summary = verb + "d refund " + r.refund_no + " of " + FormatYuan(r.amount) + " (order " +
                o->order_no + ")";
    l.detail_json =
        BeforeAfter("\"status\":\"requested\",\"order_refund_status\":" + Quoted(o->refund_status),
                    "\"status\":" + Quoted(to) + ",\"order_refund_status\":" + Quoted(to),
                    "\"refund_no\":" + Quoted(r.refund_no) + ",\"amount\":" + FormatYuan(r.amount) +
                        ",\"order_no\":" + Quoted(o->order_no) + ",\"note\":" + Quoted(note));
    admin::AppendOpLogInTx(s, l);
    tx.commit();
    return 0;
  });
}

RefundRow RefundReviewService::Approve(admin::OpLog log, int64_t refund_id,
                                       const std::string& note) {
  log.target_type = "refund";
  log.target_id = std::to_string(refund_id);
  AuditedWrite(db_, log, [&](admin::OpLog& l) {
    Review(l, Detail(refund_id), "approved", note);
    return 0;
  });
  if (pay_) {
    try {
      payments::ExecuteRefund(db_, *pay_, refund_id);
    } catch (const std::exception& e) {
      // Approved stands; the jobs daemon sends approved refunds on its next round.
      LogWarn("refund not executed after approval",
              {{"refund", std::to_string(refund_id)}, {"error", e.what()}});
    }
  }
  return Detail(refund_id);
}

RefundRow RefundReviewService::Reject(admin::OpLog log, int64_t refund_id,
                                      const std::string& reason) {
  log.target_type = "refund";
  log.target_id = std::to_string(refund_id);
  AuditedWrite(db_, log, [&](admin::OpLog& l) {
    Review(l, Detail(refund_id), "rejected", reason);
    return 0;
  });
  return Detail(refund_id);
}

RefundStats RefundReviewService::Stats(int64_t days) {
  const int64_t now = NowUnix();
  const int64_t from_unix = now - now % kDay - (days - 1) * kDay;
  const std::string from = FormatSqlUtc(from_unix);
  RefundStats st;
  st.days = days;
  std::vector<DailyRefund> found;
  db_.Run([&](soci::session& s) {
    found = repo::RefundedPerDay(s, from);
    repo::PaidAndRefundedOrders(s, from, &st.paid_orders, &st.refunded_orders);
    st.reasons = repo::TopReasons(s, from, kTopReasons);
    st.pending_count = repo::PendingRefunds(s);
    return 0;
  });
  // Every day of the period, so a chart needs no gap filling.
  size_t next = 0;
  for (int64_t d = 0; d < days; ++d) {
    DailyRefund day{FormatIsoUtc(from_unix + d * kDay).substr(0, 10), 0, 0};
    if (next < found.size() && found[next].date == day.date) day = found[next++];
    st.daily.push_back(std::move(day));
  }
  return st;
}

}  // namespace rz::admin_orders
