// Catalog SQL. The list query is shaped to match the composite indexes of
// sql/002_catalog.sql exactly (equality columns, then the sort columns in one
// direction), so each page is an index range read with no filesort.
#include "handlers/catalog/catalog_repo.h"

#include "db/sql.h"

namespace rz::catalog {
namespace {

const char* kListColumns =
    "SELECT p.id, p.sku, p.name, p.price, p.original_price, p.main_image, p.category_id, "
    "p.is_new, p.is_hot, p.sold_count, p.stock FROM products p";

ProductRow ListRow(const soci::row& r) {
  ProductRow p;
  p.id = rz::RowInt(r, 0);
  p.sku = rz::RowStr(r, 1);
  p.name = rz::RowStr(r, 2);
  p.price = rz::RowInt(r, 3);
  p.original_price = rz::RowInt(r, 4);
  p.main_image = rz::RowStr(r, 5);
  p.category_id = rz::RowInt(r, 6);
  p.is_new = rz::RowInt(r, 7) != 0;
  p.is_hot = rz::RowInt(r, 8) != 0;
  p.sold_count = rz::RowInt(r, 9);
  p.stock = rz::RowInt(r, 10);
  return p;
}

const char* OrderBy(Sort s) {
  switch (s) {
    case Sort::kNewest:
      return " ORDER BY p.created_at DESC, p.id DESC";
    case Sort::kPriceAsc:
      return " ORDER BY p.price ASC, p.id ASC";
    case Sort::kPriceDesc:
      return " ORDER BY p.price DESC, p.id DESC";
    case Sort::kHot:
      return " ORDER BY p.sold_count DESC, p.id DESC";
  }
  return "";
}

void AppendFilters(rz::SqlQuery& q, const ListFilter& f) {
  q.Append(" WHERE p.status = 1");
  if (f.category_id) q.Append(" AND p.category_id = ?", static_cast<long long>(*f.category_id));
  if (f.price_min) q.Append(" AND p.price >= ?", static_cast<long long>(*f.price_min));
  if (f.price_max) q.Append(" AND p.price <= ?", static_cast<long long>(*f.price_max));
  if (f.is_new) q.Append(*f.is_new ? " AND p.is_new = 1" : " AND p.is_new = 0");
  if (f.is_hot) q.Append(*f.is_hot ? " AND p.is_hot = 1" : " AND p.is_hot = 0");
  if (f.search) {
    std::string like = "%" + rz::LikeEscape(*f.search) + "%";
    q.Append(
        " AND (p.name LIKE ? ESCAPE '\\\\' OR p.sku LIKE ? ESCAPE '\\\\' OR p.description LIKE ? "
        "ESCAPE '\\\\')",
        like, like, like);
  }
}

}  // namespace

std::optional<ProductRow> CatalogRepo::FindOnSale(int64_t id) {
  return db_.Run([&](soci::session& s) {
    std::optional<ProductRow> out;
    rz::SqlQuery q(
        "SELECT p.id, p.sku, p.name, p.price, p.original_price, p.main_image, p.category_id, "
        "p.is_new, p.is_hot, p.sold_count, p.stock, p.description, p.images, p.colors, p.sizes, "
        "p.materials, p.brand, c.name FROM products p JOIN categories c ON c.id = p.category_id");
    q.Append(" WHERE p.id = ? AND p.status = 1", static_cast<long long>(id));
    q.ForEach(s, [&](const soci::row& r) {
      ProductRow p = ListRow(r);
      p.description = rz::RowStr(r, 11);
      p.images = rz::RowStr(r, 12);
      p.colors = rz::RowStr(r, 13);
      p.sizes = rz::RowStr(r, 14);
      p.materials = rz::RowStr(r, 15);
      p.brand = rz::RowStr(r, 16);
      p.category_name = rz::RowStr(r, 17);
      out = std::move(p);
    });
    return out;
  });
}

std::vector<ProductRow> CatalogRepo::List(const ListFilter& f, int64_t* total) {
  return db_.Run([&](soci::session& s) {
    rz::SqlQuery count("SELECT COUNT(*) FROM products p");
    AppendFilters(count, f);
    *total = count.ScalarInt(s);
    std::vector<ProductRow> rows;
    if (*total <= f.offset) return rows;
    rz::SqlQuery q(kListColumns);
    AppendFilters(q, f);
    q.Append(OrderBy(f.sort));
    q.Append(" LIMIT ? OFFSET ?", static_cast<long long>(f.limit),
             static_cast<long long>(f.offset));
    q.ForEach(s, [&](const soci::row& r) { rows.push_back(ListRow(r)); });
    return rows;
  });
}

std::vector<CategoryRow> CatalogRepo::ActiveCategories() {
  return db_.Run([&](soci::session& s) {
    std::vector<CategoryRow> out;
    rz::SqlQuery q(
        "SELECT c.id, c.name, c.icon_url, "
        "(SELECT COUNT(*) FROM products p WHERE p.status = 1 AND p.category_id = c.id) "
        "FROM categories c WHERE c.is_active = 1 ORDER BY c.sort_order ASC, c.id ASC");
    q.ForEach(s, [&](const soci::row& r) {
      out.push_back({rz::RowInt(r, 0), rz::RowInt(r, 3), rz::RowStr(r, 1), rz::RowStr(r, 2)});
    });
    return out;
  });
}

std::vector<BannerRow> CatalogRepo::LiveBanners(const std::string& position) {
  return db_.Run([&](soci::session& s) {
    std::vector<BannerRow> out;
    rz::SqlQuery q(
        "SELECT id, title, subtitle, image_url, link_type, link_value FROM banners "
        "WHERE is_active = 1 AND (start_at IS NULL OR start_at <= UTC_TIMESTAMP()) "
        "AND (end_at IS NULL OR end_at > UTC_TIMESTAMP())");
    q.Append(" AND position = ? ORDER BY sort_weight DESC, id ASC LIMIT 50", position);
    q.ForEach(s, [&](const soci::row& r) {
      out.push_back({rz::RowInt(r, 0), rz::RowStr(r, 1), rz::RowStr(r, 2), rz::RowStr(r, 3),
                     rz::RowStr(r, 4), rz::RowStr(r, 5)});
    });
    return out;
  });
}

std::vector<ProductRow> CatalogRepo::Recommendations(const std::string& position, int64_t limit,
                                                     bool* slot_found) {
  return db_.Run([&](soci::session& s) {
    std::vector<ProductRow> out;
    *slot_found =
        rz::SqlQuery()
            .Append("SELECT COUNT(*) FROM recommendation_slots WHERE position = ?", position)
            .ScalarInt(s) > 0;
    if (!*slot_found) return out;
    rz::SqlQuery q(kListColumns);
    q.Append(
        " JOIN recommendation_items ri ON ri.product_id = p.id "
        "JOIN recommendation_slots rs ON rs.id = ri.slot_id "
        "WHERE p.status = 1 AND (ri.start_at IS NULL OR ri.start_at <= UTC_TIMESTAMP()) "
        "AND (ri.end_at IS NULL OR ri.end_at > UTC_TIMESTAMP())");
    q.Append(" AND rs.position = ? ORDER BY ri.sort_weight DESC, ri.id ASC", position);
    q.Append(" LIMIT ?", static_cast<long long>(limit));
    q.ForEach(s, [&](const soci::row& r) { out.push_back(ListRow(r)); });
    return out;
  });
}

std::optional<PageRow> CatalogRepo::Page(const std::string& key) {
  return db_.Run([&](soci::session& s) {
    std::optional<PageRow> out;
    rz::SqlQuery q("SELECT `key`, title, body, updated_at FROM content_pages");
    q.Append(" WHERE `key` = ?", key);
    q.ForEach(s, [&](const soci::row& r) {
      out = PageRow{rz::RowStr(r, 0), rz::RowStr(r, 1), rz::RowStr(r, 2), rz::RowIso(r, 3)};
    });
    return out;
  });
}

bool CatalogRepo::IsFavorite(int64_t user_id, int64_t product_id) {
  return db_.Run([&](soci::session& s) {
    return rz::SqlQuery()
               .Append("SELECT COUNT(*) FROM favorites WHERE user_id = ? AND product_id = ?",
                       static_cast<long long>(user_id), static_cast<long long>(product_id))
               .ScalarInt(s) > 0;
  });
}

}  // namespace rz::catalog
