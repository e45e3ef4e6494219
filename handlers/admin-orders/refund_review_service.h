// Business rules of refund review: the refund list and detail, approving
// (which then executes the refund through WeChat Pay, payments/settlement.h),
// rejecting, and the after-sales stats. A review is a conditional UPDATE
// requested -> approved | rejected under the order's row lock, so of two
// reviewers exactly one wins and the other gets 4005.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "admin/operation_log.h"
#include "core/config.h"
#include "db/db.h"
#include "handlers/admin-orders/admin_order_repo.h"
#include "wechatpay/client.h"

namespace rz::admin_orders {

struct RefundStats {
  int64_t days = 0;
  std::vector<DailyRefund> daily;  // every day of the period, oldest first (zeros included)
  int64_t paid_orders = 0, refunded_orders = 0;
  std::vector<std::pair<std::string, int64_t>> reasons;  // top 10, most frequent first
  int64_t pending_count = 0;                             // refunds awaiting review
};

class RefundReviewService {
 public:
  RefundReviewService(Db& db, const Config& cfg);

  std::vector<RefundRow> List(const RefundFilter& f, int64_t limit, int64_t offset, int64_t* total);
  // 4003 when missing.
  RefundRow Detail(int64_t refund_id);
  // requested -> approved (reviewed_by/at, the order's refund_status), then the
  // refund is sent to WeChat Pay (a failure to reach it leaves it for the jobs
  // daemon). Returns the refund as it stands after. 4005 unless requested.
  RefundRow Approve(admin::OpLog log, int64_t refund_id, const std::string& note);
  // requested -> rejected with the reason; the order's status is untouched and
  // its refund_status becomes 'rejected'. 4005 unless requested.
  RefundRow Reject(admin::OpLog log, int64_t refund_id, const std::string& reason);
  // The last `days` UTC days, today included.
  RefundStats Stats(int64_t days);

 private:
  // The shared half of Approve and Reject: one transaction, order row first.
  void Review(admin::OpLog& log, const RefundRow& r, const std::string& to,
              const std::string& note);

  Db& db_;
  std::unique_ptr<wechatpay::Client> pay_;  // null when WeChat Pay is not configured
};

}  // namespace rz::admin_orders
