// Asking WeChat Pay instead of waiting for it: catching a lost notification,
// and closing a trade before its order is cancelled so no money can arrive for
// an order that no longer exists. Both end in settlement.h, the same path as a
// notification.
#pragma once

#include <cstdint>

#include "cache/redis.h"
#include "db/db.h"
#include "payments/payment_state.h"
#include "wechatpay/client.h"

namespace rz::payments {

// Queries WeChat about an unpaid payment. SUCCESS -> ApplyTransaction; a
// CLOSED trade -> payment closed; a NOTPAY trade whose order is no longer
// pending -> closed at WeChat, then locally. Returns the payment's status
// after. Throws ApiError 5002 when WeChat cannot be asked.
PaymentStatus ReconcilePayment(Db& db, Redis* redis, const wechatpay::Client& client,
                               int64_t payment_id);

enum class TradeClose {
  kNoTrade,      // no open WeChat trade for the order: cancel freely
  kClosed,       // the trade is closed now: cancel freely
  kPaid,         // WeChat had the money: the payment was applied instead
  kUnreachable,  // WeChat could not be asked: try again later
};
// Closes the order's open WeChat trade (expiry and cancellation).
TradeClose CloseOrderTrade(Db& db, Redis* redis, const wechatpay::Client& client, int64_t order_id);

}  // namespace rz::payments
