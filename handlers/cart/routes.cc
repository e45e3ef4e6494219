// Cart worker route table and its handlers: validate, call CartService, write
// the answer.
//
// Answers: GET /cart, DELETE /cart/items/{id} and DELETE /cart return the whole
// cart ({items, subtotal, count}); POST /cart/items returns the resulting line
// (201 when a new line was created, 200 when an existing line grew) and
// PUT /cart/items/{id} the updated line.
#include "handlers/cart/routes.h"

#include <cstdint>
#include <memory>

#include "core/json_in.h"
#include "core/json_out.h"
#include "handlers/cart/cart_service.h"

namespace rz::cart {
namespace {

void WriteLine(JsonOut& j, const CartLine& l) {
  j.StartObject();
  j.Key("id").Int(l.id);
  j.Key("product_id").Int(l.product_id);
  j.Key("product_name").String(l.product_name);
  j.Key("product_image").String(l.product_image);
  j.Key("price").Money(l.price);
  j.Key("color").String(l.color);
  j.Key("size").String(l.size);
  j.Key("quantity").Int(l.quantity);
  j.Key("subtotal").Money(l.subtotal());
  j.Key("available").Bool(l.available());
  j.Key("stock").Int(l.stock);
  j.EndObject();
}

void WriteCart(CartService& svc, int64_t user_id, Response& res) {
  CartView v = svc.Cart(user_id);
  JsonOut j;
  j.StartObject();
  j.Key("items").StartArray();
  for (const CartLine& l : v.lines) WriteLine(j, l);
  j.EndArray();
  j.Key("subtotal").Money(v.subtotal);
  j.Key("count").Int(v.count);
  j.EndObject();
  svc.StoreView(user_id, j.str());
  res.Ok(j);
}

void HandleCartGet(CartService& svc, Request& req, Response& res) {
  if (auto cached = svc.CachedView(req.principal.id)) {
    res.Ok(*cached);
    return;
  }
  WriteCart(svc, req.principal.id, res);
}

void HandleItemAdd(CartService& svc, Request& req, Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"product_id", "color", "size", "quantity"});
  AddInput a;
  a.product_id = in.ReqInt("product_id", 1, INT64_MAX);
  // "" (or absent) means "no choice", for products without that option.
  a.color = in.OptString("color", 0, 64).value_or("");
  a.size = in.OptString("size", 0, 64).value_or("");
  a.quantity = in.ReqInt("quantity", 1, kMaxLineQuantity);
  in.Finish();
  bool created = false;
  CartLine line = svc.Add(req.principal.id, a, &created);
  JsonOut j;
  WriteLine(j, line);
  res.Ok(j.str(), created ? 201 : 200);
}

void HandleItemUpdate(CartService& svc, Request& req, Response& res) {
  int64_t line_id = req.PathId();
  JsonIn in(req.json);
  in.AllowOnly({"quantity"});
  int64_t quantity = in.ReqInt("quantity", 1, kMaxLineQuantity);
  in.Finish();
  JsonOut j;
  WriteLine(j, svc.SetQuantity(req.principal.id, line_id, quantity));
  res.Ok(j);
}

void HandleItemDelete(CartService& svc, Request& req, Response& res) {
  svc.Remove(req.principal.id, req.PathId());
  WriteCart(svc, req.principal.id, res);
}

void HandleCartClear(CartService& svc, Request& req, Response& res) {
  svc.Clear(req.principal.id);
  WriteCart(svc, req.principal.id, res);
}

}  // namespace

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the service holds no per-request state.
  auto svc = std::make_shared<CartService>(*ctx.db, *ctx.redis);
  Router r;
  r.Add("GET", "/api/v1/cart", BindService(svc, HandleCartGet), Realm::kUser);
  r.Add("DELETE", "/api/v1/cart", BindService(svc, HandleCartClear), Realm::kUser);
  r.Add("POST", "/api/v1/cart/items", BindService(svc, HandleItemAdd), Realm::kUser);
  r.Add("PUT", "/api/v1/cart/items/{id}", BindService(svc, HandleItemUpdate), Realm::kUser);
  r.Add("DELETE", "/api/v1/cart/items/{id}", BindService(svc, HandleItemDelete), Realm::kUser);
  return r;
}

}  // namespace rz::cart
