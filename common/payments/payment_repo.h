// SQL of the payments table and of the after-sales bookkeeping every side shares
// (refund rows, an order's refund totals and refund_status): the one place these
// statements live (payments, orders and admin-orders workers, jobs daemon).
// Functions take the caller's session, so the caller decides the transaction.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rz::payrepo {

struct PaymentRow {
  int64_t id = 0, order_id = 0, user_id = 0, amount = 0, refunded_amount = 0, status = 0;
  std::string out_trade_no, transaction_id, prepay_id, paid_at;  // paid_at ISO or ""
  int64_t prepay_expires_unix = 0;                               // 0 = none
};

// The order fields payment code needs.
struct OrderForPay {
  int64_t id = 0, user_id = 0, status = 0, total_price = 0, pay_deadline_unix = 0;
  std::string order_no;
};

std::optional<OrderForPay> FindOrder(soci::session& s, int64_t order_id, int64_t user_id);
// The order row locked FOR UPDATE (first lock of every payment transaction).
std::optional<OrderForPay> LockOrder(soci::session& s, int64_t order_id);
std::string UserOpenid(soci::session& s, int64_t user_id);

// What prepare needs in one read: the caller's order, the buyer's openid and
// the order's wechat payment if there is one.
struct PrepareBasis {
  OrderForPay order;
  std::string openid;
  std::optional<PaymentRow> payment;
};
std::optional<PrepareBasis> ReadPrepareBasis(soci::session& s, int64_t order_id, int64_t user_id);
// Creates the order's wechat payment row (out_trade_no = order_no) with a
// prepay_id, or stores the new prepay_id on the existing row while it is
// unpaid; one statement. Returns the payment id.
int64_t UpsertPrepay(soci::session& s, const OrderForPay& o, const std::string& prepay_id,
                     int64_t expires_unix);
std::optional<PaymentRow> FindByOrder(soci::session& s, int64_t order_id);
// user_id > 0 scopes to the owner.
std::optional<PaymentRow> FindById(soci::session& s, int64_t id, int64_t user_id);
std::optional<PaymentRow> FindByOutTradeNo(soci::session& s, const std::string& out_trade_no);
std::optional<PaymentRow> LockById(soci::session& s, int64_t id);

// unpaid/failed/closed -> paid with WeChat's transaction; false if it was not in those states.
bool MarkPaid(soci::session& s, int64_t id, const std::string& transaction_id,
              const std::string& notify_json);
// unpaid -> closed; false otherwise.
bool MarkClosed(soci::session& s, int64_t id);
void TouchChecked(soci::session& s, int64_t id);
// refunded_amount += amount; status -> refunded when it reaches the amount. Returns the new total.
int64_t AddRefunded(soci::session& s, int64_t id, int64_t amount);

// Unpaid payments with a prepay_id created before `created_before_unix` and not
// checked since `checked_before_unix`, oldest first.
std::vector<int64_t> UnpaidToReconcile(soci::session& s, int64_t created_before_unix,
                                       int64_t checked_before_unix, int64_t limit);
// payment id (0 if none) of an unpaid payment with a prepay_id for the order.
int64_t OpenTradeOfOrder(soci::session& s, int64_t order_id);

// ---- refunds

struct RefundRow {
  int64_t id = 0, order_id = 0, user_id = 0, amount = 0, payment_id = 0;
  int64_t reviewed_by = 0;  // admins.id; 0 = none (an automatic refund)
  std::string refund_no, status, reason, wechat_refund_id;
};
std::optional<RefundRow> LockRefund(soci::session& s, int64_t id);
std::optional<RefundRow> FindRefundByNo(soci::session& s, const std::string& refund_no);
// Inserts an already-approved refund (automatic refunds, an admin's cancel of a
// paid order); payment_id / reviewed_by 0 are stored as NULL. Returns its id.
int64_t InsertApprovedRefund(soci::session& s, const RefundRow& r);

// An order's refund rows at a glance (under the order's row lock, the basis of
// "one open request at a time" and of the next refund_no).
struct RefundTotals {
  int64_t count = 0;     // every refund row of the order
  int64_t open = 0;      // still requested / approved / processing
  int64_t refunded = 0;  // fen already paid back
};
RefundTotals RefundTotalsOf(soci::session& s, int64_t order_id);
// approved/processing -> processing, with the payment and the submission time.
bool MarkRefundSubmitted(soci::session& s, int64_t id, int64_t payment_id);
void SetWechatRefundId(soci::session& s, int64_t id, const std::string& wechat_refund_id);
// approved/processing -> refunded.
bool MarkRefundDone(soci::session& s, int64_t id, const std::string& wechat_refund_id);
// approved/processing -> failed with the reason.
bool MarkRefundFailed(soci::session& s, int64_t id, const std::string& reason);
// Approved refunds, and processing ones submitted before `stale_before_unix`, oldest first.
std::vector<int64_t> RefundsToExecute(soci::session& s, int64_t stale_before_unix, int64_t limit);

void SetOrderRefundStatus(soci::session& s, int64_t order_id, const std::string& refund_status);
// sold_count += quantity for every item of the order (a paid sale), or -=
// (floored at 0) when the sale is undone by a full refund.
void AddSoldCounts(soci::session& s, int64_t order_id, int sign = 1);

}  // namespace rz::payrepo
