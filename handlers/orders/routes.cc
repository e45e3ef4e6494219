// Orders worker route table and its handlers: validate, call OrderService,
// write the answer.
#include "handlers/orders/routes.h"

#include <memory>
#include <optional>

#include "core/error.h"
#include "core/json_out.h"
#include "handlers/orders/order_input.h"
#include "handlers/orders/order_json.h"
#include "handlers/orders/order_service.h"
#include "shop/order_state.h"

namespace rz::orders {
namespace {

struct Ctx {
  explicit Ctx(WorkerContext& w) : svc(*w.db, *w.redis, *w.cipher, w.config) {}
  OrderService svc;
};

void WriteOrder(Ctx& c, int64_t user_id, int64_t order_id, Response& res) {
  JsonOut j;
  WriteDetail(j, c.svc.Detail(user_id, order_id));
  res.Ok(j);
}

void HandleOrderCreate(Ctx& c, Request& req, Response& res) {
  const std::string key = ParseIdempotencyKey(req.idempotency_key);
  PlaceOrderInput in = ParsePlaceOrder(req.json);
  PlacedOrder placed = c.svc.Place(req.principal.id, in, key);
  JsonOut j;
  WritePlaced(j, placed.header);
  // A replay answers exactly as the first request did.
  res.Created(j);
  if (placed.replayed) res.Header("Idempotent-Replayed", "true");
}

void HandleOrderList(Ctx& c, Request& req, Response& res) {
  std::optional<int64_t> status;
  std::string name = req.query.Str("status");
  if (!name.empty() && name != "all") {
    auto s = ParseStatus(name);
    if (!s) {
      throw BadRequest("status",
                       "must be all, pending, paid, shipped, completed, cancelled or refunded");
    }
    status = ToInt(*s);
  }
  Paging p = Paging::From(req.query);
  int64_t total = 0;
  auto rows = c.svc.List(req.principal.id, status, p.per_page, p.offset(), &total);
  JsonOut j;
  j.StartObject().Key("items").StartArray();
  for (const ListRow& r : rows) WriteListRow(j, r);
  j.EndArray();
  j.Key("total").Int(total).Key("page").Int(p.page).Key("per_page").Int(p.per_page);
  j.Key("has_more").Bool(p.offset() + static_cast<int64_t>(rows.size()) < total).EndObject();
  res.Ok(j);
}

void HandleOrderSummary(Ctx& c, Request& req, Response& res) {
  JsonOut j;
  WriteSummary(j, c.svc.GetSummary(req.principal.id));
  res.Ok(j);
}

void HandleOrderGet(Ctx& c, Request& req, Response& res) {
  WriteOrder(c, req.principal.id, req.PathId(), res);
}

void HandleOrderCancel(Ctx& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  const std::string reason = ParseCancel(req.json);
  c.svc.Cancel(req.principal.id, id, reason);
  WriteOrder(c, req.principal.id, id, res);
}

void HandleOrderConfirm(Ctx& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  ParseEmpty(req.json);
  c.svc.Confirm(req.principal.id, id);
  WriteOrder(c, req.principal.id, id, res);
}

void HandleOrderTracking(Ctx& c, Request& req, Response& res) {
  res.Ok(c.svc.TrackingJson(req.principal.id, req.PathId()));
}

void HandleOrderRefund(Ctx& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  RefundInput in = ParseRefund(req.json);
  JsonOut j;
  WriteRefund(j, c.svc.RequestRefund(req.principal.id, id, in));
  res.Created(j);
}

}  // namespace

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the service holds no per-request state.
  auto c = std::make_shared<Ctx>(ctx);
  Router r;
  r.Add("POST", "/api/v1/orders", BindService(c, HandleOrderCreate), Realm::kUser);
  r.Add("GET", "/api/v1/orders", BindService(c, HandleOrderList), Realm::kUser);
  r.Add("GET", "/api/v1/orders/summary", BindService(c, HandleOrderSummary), Realm::kUser);
  r.Add("GET", "/api/v1/orders/{id}", BindService(c, HandleOrderGet), Realm::kUser);
  r.Add("POST", "/api/v1/orders/{id}/cancel", BindService(c, HandleOrderCancel), Realm::kUser);
  r.Add("POST", "/api/v1/orders/{id}/confirm", BindService(c, HandleOrderConfirm), Realm::kUser);
  r.Add("GET", "/api/v1/orders/{id}/tracking", BindService(c, HandleOrderTracking), Realm::kUser);
  r.Add("POST", "/api/v1/orders/{id}/refund", BindService(c, HandleOrderRefund), Realm::kUser);
  return r;
}

}  // namespace rz::orders
