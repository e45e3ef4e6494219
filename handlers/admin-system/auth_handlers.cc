// /api/admin/v1/auth handlers: sign-in, refresh, logout, profile, own password.
#include "core/json_out.h"
#include "handlers/admin-system/handlers.h"
#include "handlers/admin-system/system_input.h"
#include "handlers/admin-system/system_json.h"

namespace rz::admin_system {

void HandleLogin(AuthService& svc, Request& req, Response& res) {
  const Credentials c = ParseLogin(req.json);
  const LoginResult r = svc.Login(c.username, c.password, req.remote_addr);
  JsonOut j;
  j.StartObject();
  WriteTokenFields(j, r.tokens);
  j.Key("admin");
  WriteProfile(j, r.profile);
  j.EndObject();
  res.Ok(j);
}

void HandleRefresh(AuthService& svc, Request& req, Response& res) {
  const auth::TokenPair t = svc.Refresh(ParseRefresh(req.json));
  JsonOut j;
  j.StartObject();
  WriteTokenFields(j, t);
  j.EndObject();
  res.Ok(j);
}

void HandleLogout(AuthService& svc, Request& req, Response& res) {
  ParseEmpty(req.json);
  svc.Logout(Actor::Of(req), req.principal.jti, req.principal.token_exp);
  res.OkEmpty();
}

void HandleMe(AuthService& svc, Request& req, Response& res) {
  JsonOut j;
  WriteProfile(j, svc.Profile(req.principal.id));
  res.Ok(j);
}

void HandlePasswordChange(AuthService& svc, Request& req, Response& res) {
  const PasswordChange p = ParsePasswordChange(req.json);
  const auth::TokenPair t = svc.ChangePassword(
      Actor::Of(req), req.principal.jti, req.principal.token_exp, p.old_password, p.new_password);
  // Every earlier session ended, this one included: the console swaps in this pair.
  JsonOut j;
  j.StartObject();
  WriteTokenFields(j, t);
  j.EndObject();
  res.Ok(j);
}

}  // namespace rz::admin_system
