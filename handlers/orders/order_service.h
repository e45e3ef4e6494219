// Business rules of the orders worker: placing an order (one transaction that
// reserves stock, prices and records it), reading a user's orders, and the
// user-side transitions (cancel, confirm, refund request) and express tracking.
// Every call is scoped to the calling user: another user's order is a 4003.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cache/redis.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "handlers/orders/order_input.h"
#include "handlers/orders/order_numbers.h"
#include "handlers/orders/order_repo.h"
#include "shop/express_client.h"
#include "shop/feature_switches.h"
#include "wechatpay/client.h"

namespace rz::orders {

struct PlacedOrder {
  OrderHeader header;
  bool replayed = false;  // an earlier order returned for the same Idempotency-Key
};

struct OrderDetail {
  OrderRow order;
  std::string phone;  // receiver phone, decrypted for its owner
  std::vector<ItemRow> items;
  std::vector<RefundRow> refunds;
};

class OrderService {
 public:
  OrderService(Db& db, Redis& redis, const crypto::FieldCipher& cipher, const Config& cfg);

  // POST /orders. One MySQL transaction: coupon use, order, items, log, stock
  // (locked once, ascending ids, conditional decrement), inventory logs, cart
  // lines. Any failure rolls everything back. 4005 feature_disabled while the
  // `features.ordering` switch is off. With an idempotency key, a
  // repeated (or concurrent) request of the same user within 24 h gets the
  // first order back.
  PlacedOrder Place(int64_t user_id, const PlaceOrderInput& in, const std::string& idempotency_key);

  // status: nullopt = all.
  std::vector<ListRow> List(int64_t user_id, std::optional<int64_t> status, int64_t limit,
                            int64_t offset, int64_t* total);
  Summary GetSummary(int64_t user_id);
  OrderDetail Detail(int64_t user_id, int64_t order_id);
  // 4005 invalid_state unless pending. Then closes the order's WeChat trade
  // (best effort: a payment that slips through is refunded automatically).
  void Cancel(int64_t user_id, int64_t order_id, const std::string& reason);
  // 4005 invalid_state unless shipped.
  void Confirm(int64_t user_id, int64_t order_id);
  // After-sales request; 4005 unless paid/shipped/completed with no open request.
  RefundRow RequestRefund(int64_t user_id, int64_t order_id, const RefundInput& in);
  // The `data` JSON of GET /orders/{id}/tracking (cached 10 minutes per number).
  std::string TrackingJson(int64_t user_id, int64_t order_id);

 private:
  std::optional<PlacedOrder> ReplayFromCache(int64_t user_id, const std::string& key);

  Db& db_;
  Redis& redis_;
  const crypto::FieldCipher& cipher_;
  OrderNumbers numbers_;
  ExpressClient express_;
  std::unique_ptr<wechatpay::Client> pay_;  // null when WeChat Pay is not configured
  FeatureSwitches features_;
};

}  // namespace rz::orders
