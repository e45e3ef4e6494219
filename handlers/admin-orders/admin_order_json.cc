// Rendering of the admin orders / refunds JSON; see admin_order_json.h.
#include "handlers/admin-orders/admin_order_json.h"

#include <cmath>

#include "payments/payment_state.h"
#include "shop/order_state.h"

namespace rz::admin_orders {
namespace {

void WriteStatus(JsonOut& j, int64_t status) {
  auto s = StatusFromInt(status);
  j.Key("status").String(s ? StatusName(*s) : "unknown");
  j.Key("status_text").String(s ? StatusText(*s) : "");
}

const char* RefundStatusText(const std::string& s) {
  if (s == "requested") return "待审核";
  if (s == "approved") return "已同意";
  if (s == "rejected") return "已拒绝";
  if (s == "processing") return "退款中";
  if (s == "refunded") return "已退款";
  if (s == "failed") return "退款失败";
  return "";
}

void WriteExpress(JsonOut& j, const OrderRow& r) {
  j.Key("express");
  if (r.express_no.empty()) {
    j.Null();
    return;
  }
  j.StartObject();
  j.Key("code").String(r.express_code);
  j.Key("name").String(r.express_name.empty() ? r.express_code : r.express_name);
  j.Key("no").String(r.express_no);
  j.Key("time").StringOrNull(r.express_time);
  j.EndObject();
}

// The members the list row and the detail share.
void WriteOrderMembers(JsonOut& j, const OrderRow& r) {
  j.Key("id").Int(r.id);
  j.Key("order_no").String(r.order_no);
  j.Key("user").StartObject().Key("id").Int(r.user_id).Key("nickname").String(r.nickname);
  j.EndObject();
  j.Key("total_price").Money(r.total_price);
  WriteStatus(j, r.status);
  j.Key("refund_status").String(r.refund_status);
  j.Key("payment_method").StringOrNull(r.payment_method);
  j.Key("item_count").Int(r.item_count);
  j.Key("created_at").String(r.created_at);
  j.Key("payment_time").StringOrNull(r.payment_time);
  WriteExpress(j, r);
}

void WritePayment(JsonOut& j, const std::optional<PaymentInfo>& p) {
  j.Key("payment");
  if (!p) {
    j.Null();
    return;
  }
  auto st = PaymentStatusFromInt(p->status);
  j.StartObject();
  j.Key("id").Int(p->id);
  j.Key("status").String(st ? PaymentStatusName(*st) : "unknown");
  j.Key("status_text").String(st ? PaymentStatusText(*st) : "");
  j.Key("method").String(p->method);
  j.Key("amount").Money(p->amount);
  j.Key("refunded_amount").Money(p->refunded_amount);
  j.Key("transaction_id").StringOrNull(p->transaction_id);
  j.Key("paid_at").StringOrNull(p->paid_at);
  j.EndObject();
}

void WriteLogs(JsonOut& j, const std::vector<OrderLogRow>& logs) {
  j.Key("order_logs").StartArray();
  for (const OrderLogRow& l : logs) {
    auto from = l.from_status ? StatusFromInt(*l.from_status) : std::nullopt;
    auto to = StatusFromInt(l.to_status);
    j.StartObject();
    j.Key("id").Int(l.id);
    j.Key("action").String(l.action);
    j.Key("from_status");
    if (from) {
      j.String(StatusName(*from));
    } else {
      j.Null();
    }
    j.Key("to_status").String(to ? StatusName(*to) : "unknown");
    j.Key("operator_type").String(l.operator_type);
    j.Key("operator_id").Int(l.operator_id);
    j.Key("operator_name").StringOrNull(l.operator_name);
    j.Key("note").String(l.note);
    j.Key("created_at").String(l.created_at);
    j.EndObject();
  }
  j.EndArray();
}

}  // namespace

void WriteOrderRow(JsonOut& j, const OrderRow& r) {
  j.StartObject();
  WriteOrderMembers(j, r);
  j.Key("receiver_name").String(r.receiver_name);
  j.Key("receiver_phone").String(r.phone);
  j.EndObject();
}

void WriteOrderDetail(JsonOut& j, const OrderDetail& d) {
  const OrderFull& o = d.order;
  j.StartObject();
  WriteOrderMembers(j, o.row);
  j.Key("user_phone").String(d.user_phone);
  j.Key("subtotal").Money(o.subtotal);
  j.Key("vip_discount").Money(o.vip_discount);
  j.Key("coupon_discount").Money(o.coupon_discount);
  j.Key("discount_price").Money(o.discount_price);
  j.Key("express_price").Money(o.express_price);
  j.Key("coupon_code").StringOrNull(o.coupon_code);
  j.Key("pay_deadline").String(o.pay_deadline);
  j.Key("remark").String(o.remark);
  j.Key("admin_remark").String(o.admin_remark);
  j.Key("cancelled_at").StringOrNull(o.cancelled_at);
  j.Key("cancel_reason").StringOrNull(o.cancel_reason);
  j.Key("completed_at").StringOrNull(o.completed_at);
  WriteOrderItems(j, d.items);
  j.Key("address").StartObject();
  j.Key("name").String(o.row.receiver_name);
  j.Key("phone").String(o.row.phone);
  j.Key("phone_masked").Bool(d.phone_masked);
  j.Key("province").String(o.row.province).Key("city").String(o.row.city);
  j.Key("district").String(o.row.district).Key("detail").String(o.row.detail);
  j.EndObject();
  WritePayment(j, d.payment);
  j.Key("refunds").StartArray();
  for (const RefundRow& r : d.refunds) WriteRefund(j, r, true);
  j.EndArray();
  WriteLogs(j, d.logs);
  j.EndObject();
}

void WriteBatchResult(JsonOut& j, const std::vector<BatchOutcome>& results) {
  int64_t ok = 0;
  for (const BatchOutcome& r : results) ok += r.ok ? 1 : 0;
  j.StartObject();
  j.Key("total").Int(static_cast<int64_t>(results.size()));
  j.Key("succeeded").Int(ok);
  j.Key("failed").Int(static_cast<int64_t>(results.size()) - ok);
  j.Key("results").StartArray();
  for (const BatchOutcome& r : results) {
    j.StartObject();
    j.Key("row").Int(r.row).Key("order_no").String(r.order_no).Key("ok").Bool(r.ok);
    if (!r.ok) {
      j.Key("error").StartObject().Key("code").Int(r.error_code);
      j.Key("message").String(r.error).EndObject();
    }
    j.EndObject();
  }
  j.EndArray().EndObject();
}

void WriteRefund(JsonOut& j, const RefundRow& r, bool full) {
  j.StartObject();
  j.Key("id").Int(r.id);
  j.Key("refund_no").String(r.refund_no);
  j.Key("amount").Money(r.amount);
  j.Key("status").String(r.status);
  j.Key("status_text").String(RefundStatusText(r.status));
  j.Key("reason").String(r.reason);
  j.Key("order").StartObject();
  j.Key("id").Int(r.order_id).Key("order_no").String(r.order_no);
  WriteStatus(j, r.order_status);
  j.Key("refund_status").String(r.order_refund_status);
  j.Key("total_price").Money(r.order_total);
  j.Key("payment_time").StringOrNull(r.order_payment_time);
  j.EndObject();
  j.Key("user").StartObject().Key("id").Int(r.user_id).Key("nickname").String(r.nickname);
  j.EndObject();
  j.Key("created_at").String(r.created_at);
  j.Key("reviewed_at").StringOrNull(r.reviewed_at);
  j.Key("refunded_at").StringOrNull(r.refunded_at);
  if (full) {
    // Stored by us from a validated array of URLs.
    j.Key("images").Raw(r.images_json.empty() ? "[]" : r.images_json);
    j.Key("review").StartObject();
    j.Key("by");
    if (r.reviewed_by > 0) {
      j.StartObject().Key("id").Int(r.reviewed_by).Key("name").String(r.reviewer_name);
      j.EndObject();
    } else {
      j.Null();
    }
    j.Key("at").StringOrNull(r.reviewed_at).Key("note").String(r.review_note).EndObject();
    j.Key("wechat_refund_id").StringOrNull(r.wechat_refund_id);
    j.Key("fail_reason").String(r.fail_reason);
    j.Key("submitted_at").StringOrNull(r.submitted_at);
  }
  j.EndObject();
}

void WriteRefundStats(JsonOut& j, const RefundStats& s) {
  j.StartObject();
  j.Key("days").Int(s.days);
  j.Key("daily").StartArray();
  for (const DailyRefund& d : s.daily) {
    j.StartObject().Key("date").String(d.date).Key("amount").Money(d.amount);
    j.Key("count").Int(d.count).EndObject();
  }
  j.EndArray();
  j.Key("paid_orders").Int(s.paid_orders).Key("refunded_orders").Int(s.refunded_orders);
  // A ratio to 4 decimals (0.0123 = 1.23 %).
  const double rate =
      s.paid_orders > 0 ? static_cast<double>(s.refunded_orders) / s.paid_orders : 0.0;
  j.Key("refund_rate").Double(std::round(rate * 10000) / 10000);
  j.Key("reasons").StartArray();
  for (const auto& [reason, count] : s.reasons) {
    j.StartObject().Key("reason").String(reason).Key("count").Int(count).EndObject();
  }
  j.EndArray();
  j.Key("pending_count").Int(s.pending_count);
  j.EndObject();
}

}  // namespace rz::admin_orders
