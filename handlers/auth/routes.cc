// Auth worker route table and its handlers: validate the body, call
// AuthService, write the answer.
#include "handlers/auth/routes.h"

#include <memory>

#include "core/json_in.h"
#include "core/json_out.h"
#include "handlers/auth/auth_service.h"
#include "users/profile_checks.h"
#include "users/user_record.h"

namespace rz::auth {
namespace {

// {access_token, token_type, expires_in, refresh_token, refresh_expires_in}
// without the closing brace, so login can add the user.
void WriteTokenFields(JsonOut& j, const TokenPair& t) {
  j.Key("access_token").String(t.access_token);
  j.Key("token_type").String("Bearer");
  j.Key("expires_in").Int(kAccessTtlSeconds);
  j.Key("refresh_token").String(t.refresh_token);
  j.Key("refresh_expires_in").Int(kRefreshTtlSeconds);
}

void HandleLogin(AuthService& svc, const crypto::FieldCipher& cipher, Request& req, Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"code", "iv", "encryptedData", "nickname", "avatar_url"});
  LoginInput li;
  li.code = in.ReqString("code", 1, 128);
  li.iv = in.OptString("iv", 1, 64).value_or("");
  li.encrypted_data = in.OptString("encryptedData", 1, 16384).value_or("");
  li.nickname = in.OptString("nickname", 1, 32).value_or("");
  li.avatar_url = in.OptString("avatar_url", 1, 512).value_or("");
  if (!li.avatar_url.empty() && !IsHttpUrl(li.avatar_url)) {
    in.Fail("avatar_url", "must start with https:// or http://");
  }
  if (in.Has("iv") != in.Has("encryptedData")) {
    in.Fail(in.Has("iv") ? "encryptedData" : "iv", "iv and encryptedData come together");
  }
  in.Finish();

  LoginResult r = svc.Login(li);
  JsonOut j;
  j.StartObject();
  WriteTokenFields(j, r.tokens);
  j.Key("user");
  WriteUserJson(j, r.user, cipher);
  j.EndObject();
  res.Ok(j);
}

void HandleRefresh(AuthService& svc, Request& req, Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"refresh_token"});
  auto from_body = in.OptString("refresh_token", 1, 4096);
  in.Finish();
  // The header is the documented place; the body form is for clients that
  // cannot set headers on this call.
  std::string token = req.BearerToken();
  if (token.empty()) token = from_body.value_or("");
  if (token.empty()) throw Unauthorized("missing refresh token");

  TokenPair t = svc.Refresh(token);
  JsonOut j;
  j.StartObject();
  WriteTokenFields(j, t);
  j.EndObject();
  res.Ok(j);
}

void HandleLogout(AuthService& svc, Request& req, Response& res) {
  svc.Logout(req.principal);
  res.OkEmpty();
}

void HandleBindPhone(AuthService& svc, const crypto::FieldCipher& cipher, Request& req,
                     Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"code"});
  std::string code = in.ReqString("code", 1, 128);
  in.Finish();

  UserRecord user = svc.BindPhone(req.principal.id, code);
  JsonOut j;
  WriteUserJson(j, user, cipher);
  res.Ok(j);
}

}  // namespace

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the service holds no per-request state.
  auto svc = std::make_shared<AuthService>(ctx);
  const crypto::FieldCipher& cipher = *ctx.cipher;
  Router r;
  r.Add({"POST", "/api/v1/auth/wechat/login",
         [svc, &cipher](Request& q, Response& s) { HandleLogin(*svc, cipher, q, s); },
         Realm::kPublic, ""});
  r.Add({"POST", "/api/v1/auth/refresh",
         [svc](Request& q, Response& s) { HandleRefresh(*svc, q, s); }, Realm::kPublic, ""});
  r.Add({"POST", "/api/v1/auth/logout",
         [svc](Request& q, Response& s) { HandleLogout(*svc, q, s); }, Realm::kUser, ""});
  r.Add({"POST", "/api/v1/auth/wechat/phone",
         [svc, &cipher](Request& q, Response& s) { HandleBindPhone(*svc, cipher, q, s); },
         Realm::kUser, ""});
  return r;
}

}  // namespace rz::auth
