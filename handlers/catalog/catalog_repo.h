// All SQL of the catalog area: products, categories, banners, recommendation
// slots, content pages. Read-only; values always bound.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "db/db.h"

namespace rz::catalog {

struct ProductRow {
  int64_t id = 0, category_id = 0, stock = 0, sold_count = 0;
  std::string sku, name, description, main_image, images, colors, sizes, materials, brand;
  std::string category_name;
  rz::Fen price = 0, original_price = 0;
  bool is_new = false, is_hot = false;
};

enum class Sort { kNewest, kPriceAsc, kPriceDesc, kHot };

struct ListFilter {
  std::optional<int64_t> category_id;
  Sort sort = Sort::kNewest;
  std::optional<rz::Fen> price_min, price_max;
  std::optional<std::string> search;  // substring of name, sku or description
  std::optional<bool> is_new, is_hot;
  int64_t limit = 10, offset = 0;
};

struct CategoryRow {
  int64_t id = 0, product_count = 0;
  std::string name, icon_url;
};

struct BannerRow {
  int64_t id = 0;
  std::string title, subtitle, image_url, link_type, link_value;
};

struct PageRow {
  std::string key, title, body, updated_at;
};

class CatalogRepo {
 public:
  explicit CatalogRepo(rz::Db& db) : db_(db) {}

  // On-sale product with its category name; nullopt when missing, off sale or deleted.
  std::optional<ProductRow> FindOnSale(int64_t id);
  // One page of on-sale products (list fields only) and the total matching.
  std::vector<ProductRow> List(const ListFilter& f, int64_t* total);
  std::vector<CategoryRow> ActiveCategories();
  std::vector<BannerRow> LiveBanners(const std::string& position);
  // Live items of the slot, on-sale products only; *slot_found false when no such slot.
  std::vector<ProductRow> Recommendations(const std::string& position, int64_t limit,
                                          bool* slot_found);
  std::optional<PageRow> Page(const std::string& key);
  bool IsFavorite(int64_t user_id, int64_t product_id);

 private:
  rz::Db& db_;
};

}  // namespace rz::catalog
