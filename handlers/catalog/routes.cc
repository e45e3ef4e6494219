// Catalog handlers and their route table. Handlers validate the query, call
// CatalogService and write the envelope.
#include "handlers/catalog/routes.h"

#include <memory>

#include "core/json_in.h"
#include "handlers/catalog/catalog_service.h"

namespace rz::catalog {
namespace {

using rz::Realm;
using rz::Request;
using rz::Response;

Sort ParseSort(const rz::Query& q) {
  std::string s = q.Str("sort");
  if (s.empty() || s == "newest") return Sort::kNewest;
  if (s == "price_asc") return Sort::kPriceAsc;
  if (s == "price_desc") return Sort::kPriceDesc;
  if (s == "hot") return Sort::kHot;
  throw rz::BadRequest("sort", "must be newest, price_asc, price_desc or hot");
}

// `category`: absent, "all", or a positive id.
std::optional<int64_t> ParseCategory(const rz::Query& q) {
  std::string c = q.Str("category");
  if (c.empty() || c == "all") return std::nullopt;
  return q.OptInt("category", 1, INT64_MAX);
}

ListFilter BaseFilter(const Request& req, const rz::Paging& paging) {
  ListFilter f;
  f.category_id = ParseCategory(req.query);
  f.limit = paging.per_page;
  f.offset = paging.offset();
  return f;
}

void HandleProductList(CatalogService& svc, Request& req, Response& res) {
  rz::Paging paging = rz::Paging::From(req.query);
  ListFilter f = BaseFilter(req, paging);
  f.sort = ParseSort(req.query);
  f.price_min = req.query.OptMoney("price_min");
  f.price_max = req.query.OptMoney("price_max");
  if (f.price_min && f.price_max && *f.price_min > *f.price_max) {
    throw rz::BadRequest("price_min", "must not exceed price_max");
  }
  f.is_new = req.query.OptBool("is_new");
  f.is_hot = req.query.OptBool("is_hot");
  f.search = req.query.OptStr("search", 200);
  if (f.search && rz::Utf8Length(*f.search) > 50)
    throw rz::BadRequest("search", "at most 50 characters");
  res.Ok(svc.ProductList(f, paging.page, paging.per_page, ""));
}

void HandleProductSearch(CatalogService& svc, Request& req, Response& res) {
  auto q = req.query.OptStr("q", 200);
  long len = q ? rz::Utf8Length(*q) : 0;
  if (!q || len < 1 || len > 50) throw rz::BadRequest("q", "required, 1..50 characters");
  rz::Paging paging = rz::Paging::From(req.query);
  ListFilter f = BaseFilter(req, paging);
  f.sort = ParseSort(req.query);
  f.search = q;
  res.Ok(svc.ProductList(f, paging.page, paging.per_page, *q));
}

void HandleProductGet(CatalogService& svc, Request& req, Response& res) {
  res.Ok(svc.ProductDetail(req.PathId(), req.principal.id));
}

void HandleEventCreate(CatalogService& svc, Request& req, Response& res) {
  rz::JsonIn in(req.json);
  in.AllowOnly({"type", "product_id", "position"});
  std::string type = in.ReqString("type", 1, 16);
  auto product_id = in.OptInt("product_id", 1, INT64_MAX);
  auto position = in.OptString("position", 1, 32);
  if (!type.empty() && type != "view" && type != "click" && type != "add_to_cart" &&
      type != "share") {
    in.Fail("type", "must be view, click, add_to_cart or share");
  }
  in.Finish();
  svc.RecordEvent(type, product_id.value_or(0), position.value_or(""), req.principal.id);
  res.OkEmpty();
}

std::string ValidSlug(const rz::Query& q, const char* name, const std::string& def) {
  std::string v = q.Str(name);
  if (v.empty()) return def;
  if (v.size() > 32) throw rz::BadRequest(name, "at most 32 characters");
  for (char c : v) {
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
      throw rz::BadRequest(name, "letters, digits, _ and - only");
    }
  }
  return v;
}

}  // namespace

rz::Router BuildRoutes(rz::WorkerContext& ctx) {
  // The local cache lives as long as the process (it is shared by the handler lambdas).
  static LocalCache local(ctx.config);
  local.Start();
  auto svc = std::make_shared<CatalogService>(*ctx.db, *ctx.redis, local);
  rz::Router r;
  r.Add("GET", "/api/v1/products", BindService(svc, HandleProductList), Realm::kPublic);
  r.Add("GET", "/api/v1/products/search", BindService(svc, HandleProductSearch), Realm::kPublic);
  r.Add("GET", "/api/v1/products/{id}", BindService(svc, HandleProductGet), Realm::kOptionalUser);
  r.Add(
      "GET", "/api/v1/categories", [svc](Request&, Response& res) { res.Ok(svc->Categories()); },
      Realm::kPublic);
  r.Add(
      "GET", "/api/v1/recommendations",
      [svc](Request& req, Response& res) {
        std::string pos = ValidSlug(req.query, "position", "home_recommend");
        res.Ok(svc->Recommendations(pos, req.query.Int("limit", 10, 1, 50)));
      },
      Realm::kPublic);
  r.Add(
      "GET", "/api/v1/banners",
      [svc](Request& req, Response& res) {
        res.Ok(svc->Banners(ValidSlug(req.query, "position", "home")));
      },
      Realm::kPublic);
  r.Add(
      "GET", "/api/v1/pages/{key}",
      [svc](Request& req, Response& res) {
        std::string key = req.PathParam("key");
        if (key.size() > 64) throw rz::NotFound("page not found");
        res.Ok(svc->Page(key));
      },
      Realm::kPublic);
  r.Add("POST", "/api/v1/events", BindService(svc, HandleEventCreate), Realm::kOptionalUser);
  return r;
}

}  // namespace rz::catalog
