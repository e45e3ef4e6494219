// Applying what WeChat Pay reports — a transaction that succeeded, a refund that
// finished — to our tables, each in ONE transaction that moves every row
// exactly once however often and however concurrently the same news arrives
// (notification, its retries, a status query, the reconciliation job).
//
// Lock order (the same as order placement and cancellation): the order row,
// then the payment row, then the refund row, then product rows.
#pragma once

#include <cstdint>
#include <string>

#include "cache/redis.h"
#include "db/db.h"
#include "wechatpay/client.h"
#include "wechatpay/messages.h"

namespace rz::payments {

struct Settled {
  enum class Kind {
    kApplied,          // order pending -> paid now
    kAlreadyApplied,   // this payment was applied before: nothing changed
    kRefundScheduled,  // WeChat took money for an order no longer payable: refund created
  };
  Kind kind = Kind::kAlreadyApplied;
  int64_t order_id = 0, payment_id = 0, refund_id = 0;
};

// A SUCCESS transaction (notification resource or query answer). Checks
// appid/mchid are ours (4004), the trade is known (4003), the amount equals
// the payment's and the order's (4005 amount_mismatch); then, in one
// transaction: payment -> paid (transaction_id, notify_data), and either the
// order pending -> paid (order_logs, sold_count, the user's total_spent) or,
// when the order was cancelled meanwhile, an approved automatic refund of the
// whole amount (logged on the order). After commit: an order event on
// stream:orders (best effort).
Settled ApplyTransaction(Db& db, Redis* redis, const wechatpay::Settings& cfg,
                         const wechatpay::Transaction& t);

struct RefundSettled {
  enum class Kind { kRefunded, kFailed, kAlreadyFinal, kPending };
  Kind kind = Kind::kPending;
  int64_t refund_id = 0, order_id = 0;
  bool order_fully_refunded = false;
};
// A refund result (REFUND.* notification resource, or the refund API's answer).
// SUCCESS: refund -> refunded, payment.refunded_amount grows (payment ->
// refunded when whole), the user's total_spent shrinks (paid orders only), and
// the order -> refunded when fully refunded (and its sold_count taken back),
// else refund_status 'partial'.
// CLOSED / ABNORMAL: refund -> failed. PROCESSING: nothing. Unknown
// out_refund_no: 4003; an amount other than the row's: 4005 amount_mismatch.
RefundSettled ApplyRefund(Db& db, const wechatpay::Refund& r);

// Executes an approved refund (or re-sends a processing one whose answer was
// lost): marks it processing, calls the refund API with out_refund_no =
// refund_no (idempotent at WeChat), and applies an immediate final answer.
// WeChat refusing it marks the refund failed; WeChat unreachable leaves it
// processing for the jobs daemon to re-send. Returns the refund's status after.
std::string ExecuteRefund(Db& db, const wechatpay::Client& client, int64_t refund_id);

}  // namespace rz::payments
