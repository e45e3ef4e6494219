// Users worker route table and its handlers: validate, call UserService, write
// the answer.
#include "handlers/users/routes.h"

#include <memory>

#include "core/json_in.h"
#include "core/json_out.h"
#include "core/time_util.h"
#include "handlers/users/user_service.h"
#include "users/profile_checks.h"

namespace rz::users {
namespace {

struct Ctx {
  UserService svc;
  const crypto::FieldCipher& cipher;
};

void WriteUser(Ctx& c, const UserRecord& u, Response& res) {
  JsonOut j;
  WriteUserJson(j, u, c.cipher);
  res.Ok(j);
}

void HandleMeGet(Ctx& c, Request& req, Response& res) {
  WriteUser(c, c.svc.Me(req.principal.id), res);
}

void HandleMeUpdate(Ctx& c, Request& req, Response& res) {
  JsonIn in(req.json);
  // Everything else (id, openid, status, user_type, vip_level ...) is not the
  // user's to set: naming it is a 4004, never silently ignored.
  in.AllowOnly({"nickname", "avatar_url", "phone", "email", "gender", "city", "province"});
  ProfileUpdate u;
  u.nickname = in.OptString("nickname", 1, 32);
  u.avatar_url = in.OptString("avatar_url", 1, 512);
  if (u.avatar_url && !IsHttpUrl(*u.avatar_url)) {
    in.Fail("avatar_url", "must start with https:// or http://");
  }
  u.phone = in.OptString("phone", 1, 11);
  if (u.phone && !IsMainlandMobile(*u.phone)) in.Fail("phone", "must match ^1\\d{10}$");
  u.email = in.OptString("email", 0, 128);  // "" clears it
  if (u.email && !u.email->empty() && !IsPlausibleEmail(*u.email)) {
    in.Fail("email", "must be an email address");
  }
  u.gender = in.OptInt("gender", 0, 2);
  u.city = in.OptString("city", 0, 32);
  u.province = in.OptString("province", 0, 32);
  in.Finish();
  WriteUser(c, c.svc.UpdateProfile(req.principal.id, u), res);
}

void HandleVip(Ctx& c, Request& req, Response& res) {
  VipInfo v = c.svc.Vip(req.principal.id);
  JsonOut j;
  j.StartObject();
  j.Key("vip_level").Int(v.level);
  j.Key("vip_name").String(v.name);
  j.Key("expire_date").StringOrNull(SqlToIso(v.expire_date));
  j.Key("discount_rate").Int(v.discount_rate);
  j.Key("benefits").StartArray();
  for (const auto& b : v.benefits) {
    j.StartObject().Key("name").String(b.name).Key("description").String(b.description);
    j.EndObject();
  }
  j.EndArray();
  j.Key("total_spent").Money(v.total_spent);
  if (v.next) {
    j.Key("next_level").StartObject().Key("name").String(v.next->name);
    j.Key("spend_needed").Money(v.next->spend_needed).EndObject();
  }
  j.EndObject();
  res.Ok(j);
}

// consents: exactly {analytics: bool, marketing: bool}; errors are named
// "consents.<key>".
void ReadConsents(JsonIn& in, MembershipInput* m) {
  const rapidjson::Value* obj = in.OptObject("consents");
  if (!obj) {
    if (!in.Has("consents")) in.Fail("consents", "required");
    return;
  }
  for (auto it = obj->MemberBegin(); it != obj->MemberEnd(); ++it) {
    std::string key(it->name.GetString(), it->name.GetStringLength());
    bool* target = key == "analytics"   ? &m->consent_analytics
                   : key == "marketing" ? &m->consent_marketing
                                        : nullptr;
    if (!target) {
      in.Fail("consents." + key, "unknown field");
    } else if (!it->value.IsBool()) {
      in.Fail("consents." + key, "must be a boolean");
    } else {
      *target = it->value.GetBool();
    }
  }
  for (const char* key : {"analytics", "marketing"}) {
    if (!obj->HasMember(key)) in.Fail(std::string("consents.") + key, "required");
  }
}

void HandleJoinMembership(Ctx& c, Request& req, Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"last_name", "title", "mobile", "privacy_accepted", "consents"});
  MembershipInput m;
  m.last_name = in.ReqString("last_name", 1, 32);
  m.title = in.ReqString("title", 1, 16);
  m.mobile = in.ReqString("mobile", 1, 11);
  if (!m.mobile.empty() && !IsMainlandMobile(m.mobile)) in.Fail("mobile", "must match ^1\\d{10}$");
  // Joining without accepting the privacy policy is not possible (PIPL consent).
  if (!in.ReqBool("privacy_accepted")) in.Fail("privacy_accepted", "must be true");
  ReadConsents(in, &m);
  in.Finish();
  WriteUser(c, c.svc.JoinMembership(req.principal.id, m), res);
}

}  // namespace

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the service holds no per-request state.
  auto c = std::make_shared<Ctx>(Ctx{UserService(*ctx.db, *ctx.redis, *ctx.cipher), *ctx.cipher});
  Router r;
  r.Add({"GET", "/api/v1/users/me", BindService(c, HandleMeGet), Realm::kUser, ""});
  r.Add({"PUT", "/api/v1/users/me", BindService(c, HandleMeUpdate), Realm::kUser, ""});
  r.Add({"GET", "/api/v1/users/me/vip", BindService(c, HandleVip), Realm::kUser, ""});
  r.Add({"POST", "/api/v1/users/me/membership", BindService(c, HandleJoinMembership), Realm::kUser,
         ""});
  return r;
}

}  // namespace rz::users
