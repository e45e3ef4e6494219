// Admin-orders route table: every route is in the admin realm and names the
// permission the dispatcher checks (admin.md RBAC; codes from sql/012_admin.sql).
#include "handlers/admin-orders/routes.h"

#include <memory>

#include "handlers/admin-orders/handlers.h"

namespace rz::admin_orders {

Router BuildRoutes(WorkerContext& ctx) {
  auto c = std::make_shared<Services>(*ctx.db, *ctx.redis, *ctx.cipher, ctx.config);
  const std::string o = "/api/admin/v1/orders";
  const std::string f = "/api/admin/v1/refunds";
  Router r;
  r.Add("GET", o, BindService(c, HandleOrderList), Realm::kAdmin, "order:read");
  r.Add("GET", o + "/export", BindService(c, HandleOrderExport), Realm::kAdmin, "order:export");
  r.Add("GET", o + "/{id}", BindService(c, HandleOrderGet), Realm::kAdmin, "order:read");
  r.Add("PUT", o + "/{id}/address", BindService(c, HandleOrderAddress), Realm::kAdmin,
        "order:write");
  r.Add("POST", o + "/{id}/ship", BindService(c, HandleOrderShip), Realm::kAdmin, "order:ship");
  Route batch{"POST",        o + "/batch-ship", BindService(c, HandleOrderBatchShip),
              Realm::kAdmin, "order:ship",      0};
  batch.raw_body = true;  // JSON or text/csv: the handler parses the body by its type
  r.Add(std::move(batch));
  r.Add("POST", o + "/{id}/cancel", BindService(c, HandleOrderCancel), Realm::kAdmin,
        "order:write");
  r.Add("POST", o + "/{id}/remark", BindService(c, HandleOrderRemark), Realm::kAdmin,
        "order:write");

  r.Add("GET", f, BindService(c, HandleRefundList), Realm::kAdmin, "refund:read");
  r.Add("GET", f + "/stats", BindService(c, HandleRefundStats), Realm::kAdmin, "refund:read");
  r.Add("GET", f + "/{id}", BindService(c, HandleRefundGet), Realm::kAdmin, "refund:read");
  r.Add("POST", f + "/{id}/approve", BindService(c, HandleRefundApprove), Realm::kAdmin,
        "refund:approve");
  r.Add("POST", f + "/{id}/reject", BindService(c, HandleRefundReject), Realm::kAdmin,
        "refund:approve");
  return r;
}

}  // namespace rz::admin_orders
