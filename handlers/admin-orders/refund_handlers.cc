// Handlers of /api/admin/v1/refunds: validate, call RefundReviewService, answer.
#include "admin/operation_log.h"
#include "core/json_out.h"
#include "handlers/admin-orders/admin_order_input.h"
#include "handlers/admin-orders/admin_order_json.h"
#include "handlers/admin-orders/handlers.h"

namespace rz::admin_orders {
namespace {

void WriteOne(const RefundRow& r, Response& res) {
  JsonOut j;
  WriteRefund(j, r, true);
  res.Ok(j);
}

}  // namespace

void HandleRefundList(Services& c, Request& req, Response& res) {
  const RefundFilter f = ParseRefundFilter(req.query);
  const Paging p = Paging::From(req.query);
  int64_t total = 0;
  auto rows = c.refunds.List(f, p.per_page, p.offset(), &total);
  JsonOut j;
  WritePage(j, rows, total, p.page, p.per_page,
            [](JsonOut& out, const RefundRow& r) { WriteRefund(out, r, false); });
  res.Ok(j);
}

void HandleRefundGet(Services& c, Request& req, Response& res) {
  WriteOne(c.refunds.Detail(req.PathId()), res);
}

void HandleRefundApprove(Services& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  const std::string note = ParseApprove(req.json);
  WriteOne(c.refunds.Approve(admin::OpLog::For(req, "refund", "approve"), id, note), res);
}

void HandleRefundReject(Services& c, Request& req, Response& res) {
  const int64_t id = req.PathId();
  const std::string reason = ParseReject(req.json);
  WriteOne(c.refunds.Reject(admin::OpLog::For(req, "refund", "reject"), id, reason), res);
}

void HandleRefundStats(Services& c, Request& req, Response& res) {
  JsonOut j;
  WriteRefundStats(j, c.refunds.Stats(ParseStatsDays(req.query)));
  res.Ok(j);
}

}  // namespace rz::admin_orders
