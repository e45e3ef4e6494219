// All SQL of the admin-orders worker: the order list and export with their
// filters, the full order, the staff-side writes (address, remark, refund
// rows), and the refund list, detail, review and stats. Every function runs on
// the caller's session, so the services decide what shares a transaction;
// every value is bound.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "shop/order_items.h"

namespace rz::admin_orders {

// GET /orders and /orders/export filters; an empty / unset member filters nothing.
struct OrderFilter {
  std::string order_no;  // a whole number (exact) or its beginning (prefix)
  bool order_no_exact = false;
  // Buyers found by phone (users.phone_hash); set and empty = no order matches.
  std::optional<std::vector<int64_t>> user_ids;
  std::string nickname;  // contained in the buyer's nickname
  std::optional<int64_t> status;
  std::string payment_method, refund_status;
  std::string created_from, created_before;  // MySQL DATETIME, UTC; [from, before)
  std::optional<Fen> amount_min, amount_max;
};

// One order as the list and the export show it.
struct OrderRow {
  int64_t id = 0, user_id = 0, status = 0, item_count = 0;
  std::string order_no, nickname, refund_status, payment_method, payment_time, created_at;
  std::string receiver_name, phone_enc, province, city, district, detail;
  std::string express_code, express_name, express_no, express_time;
  Fen total_price = 0;
  std::string phone;  // not read here: the receiver's phone as the service shows it
};

// The whole order for GET /orders/{id}.
struct OrderFull {
  OrderRow row;
  std::string user_phone_enc, coupon_code, pay_deadline, remark, admin_remark;
  std::string cancelled_at, cancel_reason, completed_at;
  Fen subtotal = 0, vip_discount = 0, coupon_discount = 0, discount_price = 0, express_price = 0;
};

using ItemRow = rz::OrderItem;  // common/shop/order_items.h

struct PaymentInfo {
  int64_t id = 0, status = 0;
  std::string method, transaction_id, paid_at;
  Fen amount = 0, refunded_amount = 0;
};

struct OrderLogRow {
  int64_t id = 0, operator_id = 0;
  std::optional<int64_t> from_status;
  int64_t to_status = 0;
  std::string action, operator_type, operator_name, note, created_at;
};

// The order row as the staff-side writes see it, locked FOR UPDATE.
struct LockedOrder {
  int64_t id = 0, user_id = 0, status = 0;
  std::string order_no, refund_status, admin_remark;
  std::string name, phone_enc, province, city, district, detail;
  Fen total_price = 0;
};

struct Address {
  std::string name, phone_enc, province, city, district, detail;
};

// The refunds of one order, for a new staff refund.
struct RefundFilter {
  std::string status, order_no;
  bool order_no_exact = false;
  std::string created_from, created_before;
};

struct RefundRow {
  int64_t id = 0, order_id = 0, user_id = 0, order_status = 0, reviewed_by = 0;
  std::string refund_no, status, reason, images_json, review_note, created_at, reviewed_at;
  std::string refunded_at, order_no, nickname, reviewer_name, wechat_refund_id, fail_reason;
  std::string submitted_at, order_refund_status, order_payment_time;
  Fen amount = 0, order_total = 0;
};

struct DailyRefund {
  std::string date;  // YYYY-MM-DD (UTC)
  Fen amount = 0;
  int64_t count = 0;
};

namespace repo {

// ---- orders: reading
// Users whose phone has this blind index (normally one).
std::vector<int64_t> UsersByPhoneHash(soci::session& s, const std::string& phone_hash);
int64_t CountOrders(soci::session& s, const OrderFilter& f);
// Newest first (created_at, id), a page of `limit` from `offset`.
std::vector<OrderRow> ListOrders(soci::session& s, const OrderFilter& f, int64_t limit,
                                 int64_t offset);
// Export keyset page: ids below `before_id` (0 = from the newest), id descending.
std::vector<OrderRow> ExportPage(soci::session& s, const OrderFilter& f, int64_t before_id,
                                 int64_t limit);
// "name×qty; name×qty" per order id.
std::map<int64_t, std::string> ItemSummaries(soci::session& s, const std::vector<int64_t>& ids);
std::optional<OrderFull> FindOrder(soci::session& s, int64_t order_id);
std::optional<PaymentInfo> PaymentOf(soci::session& s, int64_t order_id);
std::vector<OrderLogRow> Logs(soci::session& s, int64_t order_id);
// 0 when no order has that number.
int64_t OrderIdByNo(soci::session& s, const std::string& order_no);

// ---- orders: writing (inside the caller's transaction)
std::optional<LockedOrder> LockOrder(soci::session& s, int64_t order_id);
bool ExpressCompanyActive(soci::session& s, const std::string& code);
void SetAddress(soci::session& s, int64_t order_id, const Address& a);
void SetAdminRemark(soci::session& s, int64_t order_id, const std::string& remark);
// An approved refund reviewed by the admin; returns its id.

// ---- refunds
int64_t CountRefunds(soci::session& s, const RefundFilter& f);
std::vector<RefundRow> ListRefunds(soci::session& s, const RefundFilter& f, int64_t limit,
                                   int64_t offset);
std::vector<RefundRow> RefundsOfOrder(soci::session& s, int64_t order_id);
std::optional<RefundRow> FindRefund(soci::session& s, int64_t refund_id);
// requested -> `to` (approved / rejected) with the reviewer; false when the
// refund was no longer requested (reviewed meanwhile).
bool ReviewRefund(soci::session& s, int64_t refund_id, const std::string& to, int64_t admin_id,
                  const std::string& note);

// ---- refund stats, from `from` (MySQL DATETIME, UTC) on
std::vector<DailyRefund> RefundedPerDay(soci::session& s, const std::string& from);
// Orders paid since `from`, and how many of them have money back (whole or part).
void PaidAndRefundedOrders(soci::session& s, const std::string& from, int64_t* paid,
                           int64_t* refunded);
std::vector<std::pair<std::string, int64_t>> TopReasons(soci::session& s, const std::string& from,
                                                        int64_t limit);
int64_t PendingRefunds(soci::session& s);

}  // namespace repo
}  // namespace rz::admin_orders
