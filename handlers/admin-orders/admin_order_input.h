// Validation of the admin-orders worker's query strings and bodies. Every
// parser answers one 4004 naming each bad field; nothing here touches storage.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handlers/admin-orders/admin_order_repo.h"
#include "http/request.h"

namespace rz::admin_orders {

// GET /orders and /orders/export. `phone` is the buyer's whole mobile number
// ("" = none); the service turns it into buyer ids through the blind index.
struct OrderSearch {
  OrderFilter filter;
  std::string phone;
};
OrderSearch ParseOrderSearch(const Query& q);

// GET /refunds.
RefundFilter ParseRefundFilter(const Query& q);
// GET /refunds/stats ?days=1..365 (default 30).
int64_t ParseStatsDays(const Query& q);

// PUT /orders/{id}/address: every field required; phone ^1\d{10}$ (plain text here).
Address ParseAddress(const rapidjson::Value& body);

struct ShipInput {
  std::string express_code, express_no;
};
ShipInput ParseShip(const rapidjson::Value& body);
// express_no: 6..32 letters and digits. Used for single and batch rows.
bool IsExpressNo(const std::string& s);

// One batch-ship row: an order by id or by number.
struct BatchRow {
  int64_t row = 0;  // 1-based, as the caller numbers its rows (CSV: data lines)
  int64_t order_id = 0;
  std::string order_no;
  ShipInput ship;
  std::string error;  // a row-level problem found while parsing ("" = fine)
};
constexpr size_t kMaxBatchRows = 500;
// POST /orders/batch-ship: a text/csv body (header order_no,express_code,express_no)
// or JSON {items:[{order_id | order_no, express_code, express_no}]}. 1..500
// rows. A malformed body or header is a 4004 for the whole request; a bad row
// comes back with its `error` set so the other rows still ship.
std::vector<BatchRow> ParseBatchShip(const Request& req);

struct CancelInput {
  std::string reason;
};
// {reason (1..200), confirm: true}.
CancelInput ParseCancel(const rapidjson::Value& body);
// {remark (0..500)}.
std::string ParseRemark(const rapidjson::Value& body);
// POST /refunds/{id}/approve {confirm: true, note? (0..500)}: the note.
std::string ParseApprove(const rapidjson::Value& body);
// POST /refunds/{id}/reject {reason (1..500)}: the reason.
std::string ParseReject(const rapidjson::Value& body);

}  // namespace rz::admin_orders
