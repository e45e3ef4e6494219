// /api/admin/v1/admins handlers: staff accounts.
#include "core/json_out.h"
#include "handlers/admin-system/handlers.h"
#include "handlers/admin-system/system_input.h"
#include "handlers/admin-system/system_json.h"

namespace rz::admin_system {
namespace {

void WriteOne(const AdminRow& a, Response& res, int status = 200) {
  JsonOut j;
  WriteAdmin(j, a);
  res.Ok(j.str(), status);
}

}  // namespace

void HandleAdminList(AdminService& svc, Request& req, Response& res) {
  const AdminFilter f = ParseAdminFilter(req.query);
  const Paging p = Paging::From(req.query);
  int64_t total = 0;
  const auto rows = svc.List(f, p.per_page, p.offset(), &total);
  res.Ok(PageJson(rows, total, p, WriteAdmin));
}

void HandleAdminGet(AdminService& svc, Request& req, Response& res) {
  WriteOne(svc.Get(req.PathId()), res);
}

void HandleAdminCreate(AdminService& svc, Request& req, Response& res) {
  const CreatedAdmin c = svc.Create(Actor::Of(req), ParseAdminCreate(req.json));
  JsonOut j;
  j.StartObject().Key("admin");
  WriteAdmin(j, c.admin);
  // Shown this once: only its scrypt hash is stored.
  j.Key("generated_password").StringOrNull(c.generated_password).EndObject();
  res.Created(j);
}

void HandleAdminUpdate(AdminService& svc, Request& req, Response& res) {
  const int64_t id = req.PathId();
  WriteOne(svc.Update(Actor::Of(req), id, ParseAdminUpdate(req.json)), res);
}

void HandleAdminStatus(AdminService& svc, Request& req, Response& res) {
  const int64_t id = req.PathId();
  WriteOne(svc.SetStatus(Actor::Of(req), id, ParseAdminStatus(req.json)), res);
}

void HandleAdminResetPassword(AdminService& svc, Request& req, Response& res) {
  const int64_t id = req.PathId();
  ParseEmpty(req.json);
  const std::string password = svc.ResetPassword(Actor::Of(req), id);
  JsonOut j;
  j.StartObject().Key("generated_password").String(password).EndObject();
  res.Ok(j);
}

void HandleAdminDelete(AdminService& svc, Request& req, Response& res) {
  const int64_t id = req.PathId();
  ParseConfirm(req.json);
  svc.Delete(Actor::Of(req), id);
  res.OkEmpty();
}

}  // namespace rz::admin_system
