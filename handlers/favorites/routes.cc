// Favorites worker route table and its handlers: validate, call
// FavoriteService, write the answer.
//
// GET answers the paged list; POST answers the favorite (201 when added, 200
// when it already existed); DELETE answers data null whether or not it existed.
#include "handlers/favorites/routes.h"

#include <cstdint>
#include <memory>

#include "core/json_in.h"
#include "core/json_out.h"
#include "handlers/favorites/favorite_service.h"

namespace rz::favorites {
namespace {

// product: the catalog list fields (GET /products items) plus `available`.
void WriteFavorite(JsonOut& j, const FavoriteRow& f) {
  j.StartObject();
  j.Key("id").Int(f.id);
  j.Key("product").StartObject();
  j.Key("id").Int(f.product_id);
  j.Key("sku").String(f.sku);
  j.Key("name").String(f.name);
  j.Key("price").Money(f.price);
  j.Key("original_price").Money(f.original_price);
  j.Key("main_image").String(f.main_image);
  j.Key("category_id").Int(f.category_id);
  j.Key("is_new").Bool(f.is_new);
  j.Key("is_hot").Bool(f.is_hot);
  j.Key("sold_count").Int(f.sold_count);
  j.Key("stock").Int(f.stock);
  j.Key("available").Bool(f.status == 1);
  j.EndObject();
  j.Key("created_at").String(f.created_at);
  j.EndObject();
}

void HandleList(FavoriteService& svc, Request& req, Response& res) {
  Paging paging = Paging::From(req.query);
  int64_t total = 0;
  auto rows = svc.Page(req.principal.id, paging.per_page, paging.offset(), &total);
  JsonOut j;
  j.StartObject();
  j.Key("items").StartArray();
  for (const FavoriteRow& f : rows) WriteFavorite(j, f);
  j.EndArray();
  j.Key("total").Int(total);
  j.Key("page").Int(paging.page);
  j.Key("per_page").Int(paging.per_page);
  j.Key("has_more").Bool(paging.page * paging.per_page < total);
  j.EndObject();
  res.Ok(j);
}

void HandleAdd(FavoriteService& svc, Request& req, Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"product_id"});
  int64_t product_id = in.ReqInt("product_id", 1, INT64_MAX);
  in.Finish();
  bool created = false;
  FavoriteRow f = svc.Add(req.principal.id, product_id, &created);
  JsonOut j;
  WriteFavorite(j, f);
  res.Ok(j.str(), created ? 201 : 200);
}

void HandleRemove(FavoriteService& svc, Request& req, Response& res) {
  svc.Remove(req.principal.id, req.PathId("product_id"));
  res.OkEmpty();
}

}  // namespace

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the service holds no per-request state.
  auto svc = std::make_shared<FavoriteService>(*ctx.db);
  Router r;
  r.Add("GET", "/api/v1/favorites", BindService(svc, HandleList), Realm::kUser);
  r.Add("POST", "/api/v1/favorites", BindService(svc, HandleAdd), Realm::kUser);
  r.Add("DELETE", "/api/v1/favorites/{product_id}", BindService(svc, HandleRemove), Realm::kUser);
  return r;
}

}  // namespace rz::favorites
