// /api/admin/v1/roles and /permissions handlers.
#include "core/json_out.h"
#include "handlers/admin-system/handlers.h"
#include "handlers/admin-system/system_input.h"
#include "handlers/admin-system/system_json.h"

namespace rz::admin_system {

void HandleRoleList(RoleService& svc, Request&, Response& res) {
  JsonOut j;
  j.StartArray();
  for (const RoleRow& r : svc.List()) WriteRole(j, r);
  j.EndArray();
  res.Ok(j);
}

void HandleRoleCreate(RoleService& svc, Request& req, Response& res) {
  JsonOut j;
  WriteRole(j, svc.Create(Actor::Of(req), ParseRoleCreate(req.json)));
  res.Created(j);
}

void HandleRoleUpdate(RoleService& svc, Request& req, Response& res) {
  const int64_t id = req.PathId();
  JsonOut j;
  WriteRole(j, svc.Update(Actor::Of(req), id, ParseRoleUpdate(req.json)));
  res.Ok(j);
}

void HandleRoleDelete(RoleService& svc, Request& req, Response& res) {
  const int64_t id = req.PathId();
  ParseConfirm(req.json);
  svc.Delete(Actor::Of(req), id);
  res.OkEmpty();
}

void HandlePermissionTree(RoleService& svc, Request&, Response& res) {
  JsonOut j;
  WritePermissionTree(j, svc.Permissions());
  res.Ok(j);
}

}  // namespace rz::admin_system
