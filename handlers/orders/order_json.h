// JSON shapes of the orders API (api.md "Orders"): the placed order, list
// rows, the summary, the full order, refunds and express traces.
#pragma once

#include <vector>

#include "core/json_out.h"
#include "handlers/orders/order_repo.h"
#include "handlers/orders/order_service.h"
#include "shop/express_client.h"

namespace rz::orders {

// {order_id, order_no, subtotal, discount_price, express_price, total_price, pay_deadline}
void WritePlaced(JsonOut& j, const OrderHeader& h);
// {id, order_no, status, status_code, status_text, refund_status, total_price, item_count,
//  first_item:{name, image}, created_at}
void WriteListRow(JsonOut& j, const ListRow& r);
void WriteSummary(JsonOut& j, const Summary& s);
void WriteDetail(JsonOut& j, const OrderDetail& d);
// {id, refund_no, amount, status, reason, images, review_note, created_at, refunded_at}
void WriteRefund(JsonOut& j, const RefundRow& r);
// {company, company_code, no, state, state_text, message, traces:[{time, context}]}
void WriteTracking(JsonOut& j, const std::string& company, const std::string& company_code,
                   const std::string& number, const ExpressTrace& t);

}  // namespace rz::orders
