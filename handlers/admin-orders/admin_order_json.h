// JSON shapes of the admin orders and refunds API (admin.md module 3). Money in
// yuan, times ISO UTC, statuses as names with their Chinese text.
#pragma once

#include <cstdint>
#include <vector>

#include "core/json_out.h"
#include "handlers/admin-orders/order_admin_service.h"
#include "handlers/admin-orders/refund_review_service.h"

namespace rz::admin_orders {

// {items:[...], total, page, per_page, has_more} around `write_item` per row.
template <class Row, class F>
void WritePage(JsonOut& j, const std::vector<Row>& rows, int64_t total, int64_t page,
               int64_t per_page, F&& write_item) {
  j.StartObject().Key("items").StartArray();
  for (const Row& r : rows) write_item(j, r);
  j.EndArray();
  j.Key("total").Int(total).Key("page").Int(page).Key("per_page").Int(per_page);
  j.Key("has_more").Bool((page - 1) * per_page + static_cast<int64_t>(rows.size()) < total);
  j.EndObject();
}

// {id, order_no, user:{id, nickname}, total_price, status, status_text,
//  refund_status, payment_method, item_count, receiver_name, receiver_phone
//  (masked), created_at, payment_time, express:{code, name, no, time}|null}
void WriteOrderRow(JsonOut& j, const OrderRow& r);
// The list fields plus amounts, items, address, payment, refunds, logs, remarks.
void WriteOrderDetail(JsonOut& j, const OrderDetail& d);
// {total, succeeded, failed, results:[{row, order_no, ok, error?:{code, message}}]}
void WriteBatchResult(JsonOut& j, const std::vector<BatchOutcome>& results);
// {id, refund_no, amount, status, status_text, reason, order:{...}, user:{...}, created_at,
//  reviewed_at, refunded_at}; `full` adds images, review:{by:{id, name}, at, note},
//  wechat_refund_id, fail_reason, submitted_at.
void WriteRefund(JsonOut& j, const RefundRow& r, bool full);
// {days, daily:[{date, amount, count}], paid_orders, refunded_orders, refund_rate,
//  reasons:[{reason, count}], pending_count}
void WriteRefundStats(JsonOut& j, const RefundStats& s);

}  // namespace rz::admin_orders
