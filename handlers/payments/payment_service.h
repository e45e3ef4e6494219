// Business rules of the payments worker: preparing a WeChat Pay JSAPI payment
// for the buyer's own pending order, reading a payment's status (asking WeChat
// while it is unpaid), and applying the notifications WeChat Pay sends.
#pragma once

#include <cstdint>
#include <string>

#include "cache/redis.h"
#include "core/config.h"
#include "db/db.h"
#include "payments/payment_state.h"
#include "shop/feature_switches.h"
#include "wechatpay/client.h"

namespace rz::payments {

struct Prepared {
  int64_t payment_id = 0;
  wechatpay::PayParams params;
};

struct PaymentView {
  PaymentStatus status = PaymentStatus::kUnpaid;
  int64_t amount = 0;
  std::string payment_time, transaction_id;
};

class PaymentService {
 public:
  PaymentService(Db& db, Redis& redis, const Config& cfg);

  // 4003 unless the caller's order; 4005 unless pending within its pay
  // deadline. Reuses a prepay_id valid for 5 more minutes, else orders the
  // trade at WeChat (time_expire = the order's pay deadline). 4005
  // feature_disabled while the `features.payment` switch is off.
  Prepared Prepare(int64_t user_id, int64_t order_id);
  // 4003 unless the caller's payment. While unpaid, asks WeChat at most once
  // per 5 s per payment (a lost notification is applied right here).
  PaymentView Status(int64_t user_id, int64_t payment_id);

  // Notifications: throw NotifyRejected with the HTTP status to answer.
  void OnPaymentNotification(const wechatpay::SignedHeaders& h, const std::string& body);
  void OnRefundNotification(const wechatpay::SignedHeaders& h, const std::string& body);

 private:
  Db& db_;
  Redis& redis_;
  wechatpay::Client client_;
  FeatureSwitches features_;
};

}  // namespace rz::payments
