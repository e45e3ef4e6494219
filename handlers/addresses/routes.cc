// Addresses worker route table and its handlers: validate, call AddressService,
// write the answer.
//
// POST answers 201 with the created address; PUT takes any subset of the fields
// (unset ones are kept) and answers the updated address; DELETE answers
// data null.
#include "handlers/addresses/routes.h"

#include <memory>

#include "core/json_in.h"
#include "core/json_out.h"
#include "handlers/addresses/address_service.h"
#include "users/profile_checks.h"

namespace rz::addresses {
namespace {

void WriteAddress(JsonOut& j, const Address& a) {
  j.StartObject();
  j.Key("id").Int(a.id);
  j.Key("name").String(a.name);
  j.Key("phone").String(a.phone);
  j.Key("province").String(a.province);
  j.Key("city").String(a.city);
  j.Key("district").String(a.district);
  j.Key("detail").String(a.detail);
  j.Key("is_default").Bool(a.is_default);
  j.EndObject();
}

// Reads the body's fields; with `all_required` every field but is_default must be there.
AddressInput ReadAddress(Request& req, bool all_required) {
  JsonIn in(req.json);
  in.AllowOnly({"name", "phone", "province", "city", "district", "detail", "is_default"});
  AddressInput a;
  auto text = [&](const char* name, size_t max_len) {
    if (all_required && !in.Has(name)) in.Fail(name, "required");
    return in.OptString(name, 1, max_len);
  };
  a.name = text("name", 32);
  a.phone = text("phone", 11);
  if (a.phone && !IsMainlandMobile(*a.phone)) in.Fail("phone", "must match ^1\\d{10}$");
  a.province = text("province", 32);
  a.city = text("city", 32);
  a.district = text("district", 32);
  a.detail = text("detail", 200);
  a.is_default = in.OptBool("is_default");
  in.Finish();
  return a;
}

void HandleList(AddressService& svc, Request& req, Response& res) {
  JsonOut j;
  j.StartObject().Key("items").StartArray();
  for (const Address& a : svc.List(req.principal.id)) WriteAddress(j, a);
  j.EndArray().EndObject();
  res.Ok(j);
}

void HandleCreate(AddressService& svc, Request& req, Response& res) {
  AddressInput in = ReadAddress(req, true);
  JsonOut j;
  WriteAddress(j, svc.Create(req.principal.id, in));
  res.Created(j);
}

void HandleUpdate(AddressService& svc, Request& req, Response& res) {
  int64_t id = req.PathId();
  AddressInput in = ReadAddress(req, false);
  JsonOut j;
  WriteAddress(j, svc.Update(req.principal.id, id, in));
  res.Ok(j);
}

void HandleDelete(AddressService& svc, Request& req, Response& res) {
  svc.Delete(req.principal.id, req.PathId());
  res.OkEmpty();
}

}  // namespace

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the service holds no per-request state.
  auto svc = std::make_shared<AddressService>(*ctx.db, *ctx.cipher);
  Router r;
  r.Add("GET", "/api/v1/addresses", BindService(svc, HandleList), Realm::kUser);
  r.Add("POST", "/api/v1/addresses", BindService(svc, HandleCreate), Realm::kUser);
  r.Add("PUT", "/api/v1/addresses/{id}", BindService(svc, HandleUpdate), Realm::kUser);
  r.Add("DELETE", "/api/v1/addresses/{id}", BindService(svc, HandleDelete), Realm::kUser);
  return r;
}

}  // namespace rz::addresses
