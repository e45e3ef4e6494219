// Catalog service: rendering and cache-aside.
#include "handlers/catalog/catalog_service.h"

#include <rapidjson/document.h>

#include "core/error.h"
#include "core/json_out.h"
#include "core/time_util.h"

namespace rz::catalog {
namespace {

constexpr int kDetailTtl = 3600;
constexpr int kMissingTtl = 60;  // negative cache for unknown ids
constexpr int kListTtl = 300;
constexpr int kCategoryTtl = 43200;
constexpr const char* kMissing = "-";

// A stored JSON array column rendered as an array; anything else as [].
void JsonArrayOrEmpty(JsonOut& j, const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  if (!d.HasParseError() && d.IsArray())
    j.Raw(text);
  else
    j.StartArray().EndArray();
}

void WriteListItem(JsonOut& j, const ProductRow& p) {
  j.StartObject();
  j.Key("id").Int(p.id);
  j.Key("sku").String(p.sku);
  j.Key("name").String(p.name);
  j.Key("price").Money(p.price);
  j.Key("original_price").Money(p.original_price);
  j.Key("main_image").String(p.main_image);
  j.Key("category_id").Int(p.category_id);
  j.Key("is_new").Bool(p.is_new);
  j.Key("is_hot").Bool(p.is_hot);
  j.Key("sold_count").Int(p.sold_count);
  j.Key("stock").Int(p.stock);
  j.EndObject();
}

// Detail JSON without its closing brace and without is_favorite, which is per user.
std::string RenderDetailOpen(const ProductRow& p) {
  JsonOut j;
  j.StartObject();
  j.Key("id").Int(p.id);
  j.Key("sku").String(p.sku);
  j.Key("name").String(p.name);
  j.Key("description").String(p.description);
  j.Key("price").Money(p.price);
  j.Key("original_price").Money(p.original_price);
  j.Key("stock").Int(p.stock);
  j.Key("sold_count").Int(p.sold_count);
  j.Key("main_image").String(p.main_image);
  j.Key("images");
  JsonArrayOrEmpty(j, p.images);
  j.Key("colors");
  JsonArrayOrEmpty(j, p.colors);
  j.Key("sizes");
  JsonArrayOrEmpty(j, p.sizes);
  j.Key("materials").String(p.materials);
  j.Key("brand").String(p.brand);
  j.Key("category")
      .StartObject()
      .Key("id")
      .Int(p.category_id)
      .Key("name")
      .String(p.category_name)
      .EndObject();
  j.Key("is_new").Bool(p.is_new);
  j.Key("is_hot").Bool(p.is_hot);
  j.EndObject();
  std::string s = j.str();
  s.pop_back();  // reopen the object for is_favorite
  return s;
}

const char* SortName(Sort s) {
  switch (s) {
    case Sort::kNewest:
      return "newest";
    case Sort::kPriceAsc:
      return "price_asc";
    case Sort::kPriceDesc:
      return "price_desc";
    case Sort::kHot:
      return "hot";
  }
  return "";
}

}  // namespace

std::string ListCacheKey(const ListFilter& f) {
  auto opt = [](const auto& o) { return o ? std::to_string(*o) : std::string("-"); };
  return std::string("product:list:c") + opt(f.category_id) + ":s" + SortName(f.sort) + ":p" +
         opt(f.price_min) + "-" + opt(f.price_max) + ":n" + opt(f.is_new) + ":h" + opt(f.is_hot) +
         ":l" + std::to_string(f.limit) + ":o" + std::to_string(f.offset);
}

template <class Fill>
std::string CatalogService::Cached(const std::string& key, int ttl, Fill&& fill) {
  uint64_t ticket = 0;
  if (auto hit = local_.Get(key, &ticket)) return std::move(*hit);
  std::optional<std::string> value = redis_.Get(key);
  if (!value) {
    value = fill();
    redis_.Set(key, *value, *value == kMissing ? kMissingTtl : ttl);
  }
  local_.Put(key, *value, ticket);
  return std::move(*value);
}

std::string CatalogService::ProductDetail(int64_t id, int64_t user_id) {
  std::string open = Cached(ProductKey(id), kDetailTtl, [&] {
    auto row = repo_.FindOnSale(id);
    return row ? RenderDetailOpen(*row) : std::string(kMissing);
  });
  if (open == kMissing) throw NotFound("product not found");
  bool fav = user_id != 0 && repo_.IsFavorite(user_id, id);
  open += fav ? ",\"is_favorite\":true}" : ",\"is_favorite\":false}";
  return open;
}

std::string CatalogService::ProductList(const ListFilter& f, int64_t page, int64_t per_page,
                                        const std::string& search_keyword) {
  // Searches are not cached: the key space is unbounded.
  bool cacheable = !f.search.has_value();
  std::string key = cacheable ? ListCacheKey(f) : "";
  std::string version = "0";
  uint64_t ticket = 0;
  if (cacheable) {
    if (auto hit = local_.Get(key, &ticket)) return std::move(*hit);
    // One round trip: the catalog version and the cached page ("<version>|<json>").
    RedisReply r = redis_.Command({"MGET", kVersionKey, key});
    if (r.ok && r.elements.size() == 2) {
      if (!r.elements[0].is_nil()) version = r.elements[0].str;
      if (!r.elements[1].is_nil()) {
        const std::string& v = r.elements[1].str;
        size_t bar = v.find('|');
        if (bar != std::string::npos && v.compare(0, bar, version) == 0) {
          std::string data = v.substr(bar + 1);
          local_.Put(key, data, ticket);
          return data;
        }
      }
    } else {
      cacheable = false;  // Redis down: serve from MySQL, don't try to write back
    }
  }
  int64_t total = 0;
  std::vector<ProductRow> rows = repo_.List(f, &total);
  JsonOut j;
  j.StartObject();
  j.Key("items").StartArray();
  for (const auto& p : rows) WriteListItem(j, p);
  j.EndArray();
  j.Key("total").Int(total);
  j.Key("page").Int(page);
  j.Key("per_page").Int(per_page);
  j.Key("has_more").Bool(page * per_page < total);
  if (!search_keyword.empty()) j.Key("search_keyword").String(search_keyword);
  j.EndObject();
  std::string data = j.str();
  if (cacheable) {
    redis_.Set(key, version + "|" + data, kListTtl);
    local_.Put(key, data, ticket);
  }
  return data;
}

std::string CatalogService::Categories() {
  return Cached(kCategoryKey, kCategoryTtl, [&] {
    JsonOut j;
    j.StartObject().Key("items").StartArray();
    for (const auto& c : repo_.ActiveCategories()) {
      j.StartObject();
      j.Key("id").Int(c.id);
      j.Key("name").String(c.name);
      j.Key("icon_url").String(c.icon_url);
      j.Key("product_count").Int(c.product_count);
      j.EndObject();
    }
    j.EndArray().EndObject();
    return j.str();
  });
}

std::string CatalogService::Banners(const std::string& position) {
  JsonOut j;
  j.StartObject().Key("items").StartArray();
  for (const auto& b : repo_.LiveBanners(position)) {
    j.StartObject();
    j.Key("id").Int(b.id);
    j.Key("title").String(b.title);
    j.Key("subtitle").String(b.subtitle);
    j.Key("image_url").String(b.image_url);
    j.Key("link_type").String(b.link_type);
    j.Key("link_value").String(b.link_value);
    j.EndObject();
  }
  j.EndArray().EndObject();
  return j.str();
}

std::string CatalogService::Recommendations(const std::string& position, int64_t limit) {
  bool found = false;
  auto rows = repo_.Recommendations(position, limit, &found);
  if (!found) throw NotFound("no recommendation slot " + position);
  JsonOut j;
  j.StartObject().Key("items").StartArray();
  for (const auto& p : rows) WriteListItem(j, p);
  j.EndArray();
  j.Key("position").String(position);
  j.EndObject();
  return j.str();
}

std::string CatalogService::Page(const std::string& key) {
  auto page = repo_.Page(key);
  if (!page) throw NotFound("page not found");
  JsonOut j;
  j.StartObject();
  j.Key("key").String(page->key);
  j.Key("title").String(page->title);
  j.Key("body").String(page->body);
  j.Key("updated_at").String(page->updated_at);
  j.EndObject();
  return j.str();
}

void CatalogService::RecordEvent(const std::string& type, int64_t product_id,
                                 const std::string& position, int64_t user_id) {
  RedisReply r =
      redis_.Command({"XADD", "stream:events", "MAXLEN", "~", "1000000", "*", "type", type,
                      "product_id", std::to_string(product_id), "position", position, "user_id",
                      std::to_string(user_id), "ts", std::to_string(NowUnix())});
  if (!r.ok) throw Unavailable("event queue unavailable");
}

}  // namespace rz::catalog
