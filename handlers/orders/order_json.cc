// Rendering of the orders API's JSON; see order_json.h.
#include "handlers/orders/order_json.h"

#include "shop/order_state.h"

namespace rz::orders {
namespace {

OrderStatus StatusOf(int64_t v) { return StatusFromInt(v).value_or(OrderStatus::kPending); }

void WriteStatus(JsonOut& j, int64_t status) {
  OrderStatus s = StatusOf(status);
  j.Key("status").String(StatusName(s));
  j.Key("status_code").Int(status);
  j.Key("status_text").String(StatusText(s));
}

// Kuaidi100 state codes as the buyer reads them.
const char* TrackingStateText(const std::string& state) {
  if (state == "0") return "运输中";
  if (state == "1") return "已揽收";
  if (state == "2") return "疑难";
  if (state == "3") return "已签收";
  if (state == "4") return "退签";
  if (state == "5") return "派件中";
  if (state == "6") return "退回";
  if (state == "7") return "转投";
  if (state == "8") return "清关";
  if (state == "14") return "拒签";
  return "暂无物流信息";
}

// The actions the buyer can take now, for the mini-program's buttons.
void WriteActions(JsonOut& j, const OrderRow& o, bool open_refund) {
  j.Key("actions").StartArray();
  OrderStatus s = StatusOf(o.status);
  for (OrderAction a : AllowedActions(s)) {
    if (a == OrderAction::kShip || a == OrderAction::kRefund) continue;  // staff / payment side
    if (a == OrderAction::kRequestRefund && open_refund) continue;
    j.String(ActionName(a));
  }
  j.EndArray();
}

}  // namespace

void WritePlaced(JsonOut& j, const OrderHeader& h) {
  j.StartObject();
  j.Key("order_id").Int(h.id);
  j.Key("order_no").String(h.order_no);
  j.Key("subtotal").Money(h.subtotal);
  j.Key("discount_price").Money(h.discount_price);
  j.Key("express_price").Money(h.express_price);
  j.Key("total_price").Money(h.total_price);
  j.Key("pay_deadline").String(h.pay_deadline);
  j.EndObject();
}

void WriteListRow(JsonOut& j, const ListRow& r) {
  j.StartObject();
  j.Key("id").Int(r.id);
  j.Key("order_no").String(r.order_no);
  WriteStatus(j, r.status);
  j.Key("refund_status").String(r.refund_status);
  j.Key("total_price").Money(r.total_price);
  j.Key("item_count").Int(r.item_count);
  j.Key("first_item").StartObject();
  j.Key("name").String(r.first_name).Key("image").String(r.first_image).EndObject();
  j.Key("created_at").String(r.created_at);
  j.EndObject();
}

void WriteSummary(JsonOut& j, const Summary& s) {
  j.StartObject();
  j.Key("pending_payment").Int(s.pending_payment);
  j.Key("pending_shipment").Int(s.pending_shipment);
  j.Key("shipped").Int(s.shipped);
  j.Key("after_sales").Int(s.after_sales);
  j.EndObject();
}

void WriteRefund(JsonOut& j, const RefundRow& r) {
  j.StartObject();
  j.Key("id").Int(r.id);
  j.Key("refund_no").String(r.refund_no);
  j.Key("amount").Money(r.amount);
  j.Key("status").String(r.status);
  j.Key("reason").String(r.reason);
  // Stored by us from a validated array of strings.
  j.Key("images").Raw(r.images_json.empty() ? "[]" : r.images_json);
  j.Key("review_note").String(r.review_note);
  j.Key("created_at").String(r.created_at);
  j.Key("refunded_at").StringOrNull(r.refunded_at);
  j.EndObject();
}

void WriteDetail(JsonOut& j, const OrderDetail& d) {
  const OrderRow& o = d.order;
  Fen refunded = 0;
  bool open_refund = false;
  for (const RefundRow& r : d.refunds) {
    if (r.status == "refunded") refunded += r.amount;
    if (IsOpenRefundStatus(r.status)) open_refund = true;
  }
  j.StartObject();
  j.Key("id").Int(o.id);
  j.Key("order_no").String(o.order_no);
  WriteStatus(j, o.status);
  j.Key("refund_status").String(o.refund_status);
  WriteActions(j, o, open_refund);
  j.Key("subtotal").Money(o.subtotal);
  j.Key("vip_discount").Money(o.vip_discount);
  j.Key("coupon_discount").Money(o.coupon_discount);
  j.Key("discount_price").Money(o.discount_price);
  j.Key("express_price").Money(o.express_price);
  j.Key("total_price").Money(o.total_price);
  j.Key("refunded_amount").Money(refunded);
  j.Key("coupon_code").StringOrNull(o.coupon_code);
  j.Key("item_count").Int(o.item_count);
  j.Key("remark").String(o.remark);
  j.Key("payment_method").StringOrNull(o.payment_method);
  j.Key("payment_time").StringOrNull(o.payment_time);
  j.Key("pay_deadline").String(o.pay_deadline);
  j.Key("created_at").String(o.created_at);
  j.Key("cancelled_at").StringOrNull(o.cancelled_at);
  j.Key("cancel_reason").StringOrNull(o.cancel_reason);
  j.Key("completed_at").StringOrNull(o.completed_at);

  WriteOrderItems(j, d.items);

  j.Key("address").StartObject();
  j.Key("name").String(o.name);
  j.Key("phone").String(d.phone);
  j.Key("province").String(o.province);
  j.Key("city").String(o.city);
  j.Key("district").String(o.district);
  j.Key("detail").String(o.detail);
  j.EndObject();

  j.Key("express");
  if (o.express_no.empty()) {
    j.Null();
  } else {
    j.StartObject();
    j.Key("code").String(o.express_code);
    j.Key("name").String(o.express_name.empty() ? o.express_code : o.express_name);
    j.Key("no").String(o.express_no);
    j.Key("time").StringOrNull(o.express_time);
    j.EndObject();
  }

  j.Key("refunds").StartArray();
  for (const RefundRow& r : d.refunds) WriteRefund(j, r);
  j.EndArray();
  j.EndObject();
}

void WriteTracking(JsonOut& j, const std::string& company, const std::string& company_code,
                   const std::string& number, const ExpressTrace& t) {
  j.StartObject();
  j.Key("company").String(company);
  j.Key("company_code").String(company_code);
  j.Key("no").String(number);
  j.Key("state").String(t.state);
  j.Key("state_text").String(TrackingStateText(t.found ? t.state : ""));
  j.Key("message").String(t.message);
  j.Key("traces").StartArray();
  for (const ExpressEvent& e : t.events) {
    j.StartObject().Key("time").String(e.time).Key("context").String(e.context).EndObject();
  }
  j.EndArray();
  j.EndObject();
}

}  // namespace rz::orders
