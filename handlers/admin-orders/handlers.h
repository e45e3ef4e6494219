// The admin-orders handlers (order_handlers.cc, refund_handlers.cc): each
// validates its input, calls a service and writes the answer. Permissions are
// checked by the dispatcher from the route table before any of them runs.
#pragma once

#include "handlers/admin-orders/order_admin_service.h"
#include "handlers/admin-orders/refund_review_service.h"
#include "http/request.h"
#include "http/response.h"

namespace rz::admin_orders {

// The worker's services, shared by every thread (they hold no per-request state).
struct Services {
  Services(Db& db, Redis& redis, const crypto::FieldCipher& cipher, const Config& cfg)
      : orders(db, redis, cipher, cfg), refunds(db, cfg) {}
  OrderAdminService orders;
  RefundReviewService refunds;
};

void HandleOrderList(Services& c, Request& req, Response& res);
void HandleOrderGet(Services& c, Request& req, Response& res);
void HandleOrderAddress(Services& c, Request& req, Response& res);
void HandleOrderShip(Services& c, Request& req, Response& res);
void HandleOrderBatchShip(Services& c, Request& req, Response& res);
void HandleOrderCancel(Services& c, Request& req, Response& res);
void HandleOrderRemark(Services& c, Request& req, Response& res);
void HandleOrderExport(Services& c, Request& req, Response& res);

void HandleRefundList(Services& c, Request& req, Response& res);
void HandleRefundGet(Services& c, Request& req, Response& res);
void HandleRefundApprove(Services& c, Request& req, Response& res);
void HandleRefundReject(Services& c, Request& req, Response& res);
void HandleRefundStats(Services& c, Request& req, Response& res);

}  // namespace rz::admin_orders
