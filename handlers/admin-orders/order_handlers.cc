// Handlers of /api/admin/v1/orders: validate, call OrderAdminService, answer.
// Writes answer with the order as it stands after them.
#include "admin/operation_log.h"
#include "core/json_out.h"
#include "core/time_util.h"
#include "handlers/admin-orders/admin_order_input.h"
#include "handlers/admin-orders/admin_order_json.h"
#include "handlers/admin-orders/handlers.h"

namespace rz::admin_orders {
namespace {

void WriteOrder(Services& c, const Request& req, int64_t order_id, Response& res) {
  JsonOut j;
  WriteOrderDetail(j, c.orders.Detail(order_id, req.principal.role_id));
  res.Ok(j);
}

admin::OpLog LogOf(const Request& req, const char* action) {
  return admin::OpLog::For(req, "order", action);
}

}  // namespace

void HandleOrderList(Services& c, Request& req, Response& res) {
  const OrderFilter f = c.orders.Resolve(ParseOrderSearch(req.query));
  const Paging p = Paging::From(req.query);
  int64_t total = 0;
  auto rows = c.orders.List(f, p.per_page, p.offset(), &total);
  JsonOut j;
  WritePage(j, rows, total, p.page, p.per_page, WriteOrderRow);
  res.Ok(j);
}

void HandleOrderGet(Services& c, Request& req, Response& res) {
  WriteOrder(c, req, req.PathId(), res);
}

void HandleOrderAddress(Services& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  c.orders.ChangeAddress(LogOf(req, "address"), id, ParseAddress(req.json));
  WriteOrder(c, req, id, res);
}

void HandleOrderShip(Services& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  c.orders.Ship(LogOf(req, "ship"), id, ParseShip(req.json));
  WriteOrder(c, req, id, res);
}

void HandleOrderBatchShip(Services& c, Request& req, Response& res) {
  const std::vector<BatchRow> rows = ParseBatchShip(req);
  JsonOut j;
  WriteBatchResult(j, c.orders.BatchShip(LogOf(req, "batch_ship"), rows));
  res.Ok(j);
}

void HandleOrderCancel(Services& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  c.orders.Cancel(LogOf(req, "cancel"), id, ParseCancel(req.json));
  WriteOrder(c, req, id, res);
}

void HandleOrderRemark(Services& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  c.orders.Remark(LogOf(req, "remark"), id, ParseRemark(req.json));
  WriteOrder(c, req, id, res);
}

void HandleOrderExport(Services& c, Request& req, Response& res) {
  const OrderSearch search = ParseOrderSearch(req.query);
  const OrderFilter f = c.orders.Resolve(search);
  c.orders.LogExport(LogOf(req, "export"), search);
  // The writer runs after this handler returns; the service lives as long as
  // the route table, so the pointer stays valid.
  OrderAdminService* svc = &c.orders;
  res.Stream("text/csv; charset=utf-8", "orders-" + FormatYmd(NowUnix()) + ".csv",
             [svc, f](const Response::ChunkWriter& w) { svc->ExportCsv(f, w); });
}

}  // namespace rz::admin_orders
