// All SQL of the orders worker (orders, order_items, refunds, the cart lines
// and products an order is built from). Every function runs on the caller's
// session, so the service decides what shares a transaction; values are bound.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "shop/order_items.h"

namespace rz::orders {

struct CartLine {
  int64_t id = 0, product_id = 0, quantity = 0;
  std::string color, size;
};

// What order placement reads before its transaction: the address to snapshot,
// the buyer's VIP rate and the order settings.
struct CheckoutContext {
  std::string name, phone_enc, province, city, district, detail;
  int64_t vip_rate = 100;         // percent payable
  std::string shipping_fee_json;  // settings shipping_fee ("" when unset)
  std::string timeout_json;       // settings payment_timeout_minutes ("" when unset)
};

struct ProductRow {
  int64_t id = 0, status = 0, stock = 0;
  std::string name, sku, image, colors_json, sizes_json;
  Fen price = 0;
};

struct NewItem {
  int64_t product_id = 0, quantity = 0;
  std::string name, sku, image, color, size;
  Fen price = 0, subtotal = 0;
};

struct NewOrder {
  std::string order_no;
  int64_t user_id = 0, address_id = 0, item_count = 0;
  Fen subtotal = 0, vip_discount = 0, coupon_discount = 0, discount_price = 0;
  Fen express_price = 0, total_price = 0;
  int64_t coupon_id = 0;  // 0 = none
  std::string coupon_code;
  std::string pay_deadline;  // MySQL DATETIME, UTC
  std::string remark;
  std::string idempotency_key;  // "" = none
  CheckoutContext address;
};

// The fields POST /orders answers with.
struct OrderHeader {
  int64_t id = 0;
  std::string order_no;
  Fen subtotal = 0, discount_price = 0, express_price = 0, total_price = 0;
  std::string pay_deadline;  // ISO
  int64_t created_unix = 0;
};

struct ListRow {
  int64_t id = 0, status = 0, item_count = 0;
  std::string order_no, refund_status, created_at, first_name, first_image;
  Fen total_price = 0;
};

struct Summary {
  int64_t pending_payment = 0, pending_shipment = 0, shipped = 0, after_sales = 0;
};

using ItemRow = rz::OrderItem;  // common/shop/order_items.h

struct RefundRow {
  int64_t id = 0;
  std::string refund_no, status, reason, images_json, review_note, created_at, refunded_at;
  Fen amount = 0;
};

struct OrderRow {
  int64_t id = 0, user_id = 0, status = 0, item_count = 0;
  std::string order_no, refund_status, coupon_code, payment_method, payment_time, pay_deadline;
  std::string name, phone_enc, province, city, district, detail;
  std::string express_code, express_name, express_no, express_time, express_tracking_code;
  std::string remark, created_at, cancelled_at, cancel_reason, completed_at;
  Fen subtotal = 0, vip_discount = 0, coupon_discount = 0, discount_price = 0, express_price = 0;
  Fen total_price = 0;
};

// The order row as the refund rules see it, locked FOR UPDATE.
struct RefundBasis {
  int64_t status = 0;
  std::string order_no;
  Fen total_price = 0;
  int64_t open_requests = 0;  // refunds still requested/approved/processing
  int64_t requests = 0;       // every refund row of the order
  Fen refunded = 0;           // sum of refunds already paid back
};

struct NewRefund {
  std::string refund_no, reason, images_json;
  int64_t order_id = 0, user_id = 0;
  Fen amount = 0;
};

namespace repo {

// ---- placement
// The user's cart lines (all, or those of `ids`), oldest first.
std::vector<CartLine> CartLines(soci::session& s, int64_t user_id, const std::vector<int64_t>& ids);
// nullopt when the address is not this user's.
std::optional<CheckoutContext> Checkout(soci::session& s, int64_t user_id, int64_t address_id);
// Products by id, ascending; `lock` reads them FOR UPDATE (rows locked in that order).
std::vector<ProductRow> Products(soci::session& s, const std::vector<int64_t>& sorted_ids,
                                 bool lock);
// The conditional decrement: false (nothing changed) unless on sale with enough stock.
bool TakeStock(soci::session& s, int64_t product_id, int64_t quantity);
// Throws soci_error 1062 on a duplicate order_no or (user_id, idempotency_key).
int64_t InsertOrder(soci::session& s, const NewOrder& o);
void InsertItems(soci::session& s, int64_t order_id, const std::vector<NewItem>& items);
struct StockMove {
  int64_t product_id, delta, stock_after;
};
void InsertInventoryLogs(soci::session& s, int64_t order_id, const std::vector<StockMove>& moves,
                         const char* reason, const char* note);
// Deletes the given cart lines of the user; returns how many were deleted.
int64_t DeleteCartLines(soci::session& s, int64_t user_id, const std::vector<int64_t>& ids);
std::optional<OrderHeader> FindHeader(soci::session& s, int64_t order_id, int64_t user_id);
std::optional<OrderHeader> FindByIdempotencyKey(soci::session& s, int64_t user_id,
                                                const std::string& key);
// Frees a key older than its 24 h window so the same key may place a new order.
void ClearIdempotencyKey(soci::session& s, int64_t order_id);

// ---- order numbers
// Next number of the MySQL fallback sequence of `ymd` (autocommit).
int64_t NextFallbackSeq(soci::session& s, const std::string& ymd);
// Highest Redis-space sequence used by an order of `ymd` (0 when none).
int64_t MaxSeqOfDay(soci::session& s, const std::string& ymd, int64_t below);

// ---- reading
std::vector<ListRow> List(soci::session& s, int64_t user_id, std::optional<int64_t> status,
                          int64_t limit, int64_t offset, int64_t* total);
Summary CountSummary(soci::session& s, int64_t user_id);
std::optional<OrderRow> Find(soci::session& s, int64_t order_id, int64_t user_id);
std::vector<RefundRow> Refunds(soci::session& s, int64_t order_id);

// ---- refunds
std::optional<RefundBasis> LockForRefund(soci::session& s, int64_t order_id, int64_t user_id);
int64_t InsertRefund(soci::session& s, const NewRefund& r);

}  // namespace repo
}  // namespace rz::orders
