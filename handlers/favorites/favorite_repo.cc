// Favorites SQL; see favorite_repo.h.
#include "handlers/favorites/favorite_repo.h"

#include "db/sql.h"

namespace rz::favorites {
namespace {

// Joined (not left-joined): products are never hard-deleted.
const char* kColumns =
    "SELECT f.id, f.created_at, p.id, p.sku, p.name, p.price, p.original_price, p.main_image, "
    "p.category_id, p.is_new, p.is_hot, p.sold_count, p.stock, p.status "
    "FROM favorites f JOIN products p ON p.id = f.product_id";

FavoriteRow Row(const soci::row& r) {
  FavoriteRow f;
  f.id = RowInt(r, 0);
  f.created_at = RowIso(r, 1);
  f.product_id = RowInt(r, 2);
  f.sku = RowStr(r, 3);
  f.name = RowStr(r, 4);
  f.price = RowInt(r, 5);
  f.original_price = RowInt(r, 6);
  f.main_image = RowStr(r, 7);
  f.category_id = RowInt(r, 8);
  f.is_new = RowInt(r, 9) != 0;
  f.is_hot = RowInt(r, 10) != 0;
  f.sold_count = RowInt(r, 11);
  f.stock = RowInt(r, 12);
  f.status = static_cast<int>(RowInt(r, 13));
  return f;
}

long long LL(int64_t v) { return static_cast<long long>(v); }

}  // namespace

std::vector<FavoriteRow> FavoriteRepo::Page(int64_t user_id, int64_t limit, int64_t offset,
                                            int64_t* total) {
  return db_.Run([&](soci::session& s) {
    std::vector<FavoriteRow> out;
    *total = SqlQuery()
                 .Append("SELECT COUNT(*) FROM favorites WHERE user_id = ?", LL(user_id))
                 .ScalarInt(s);
    if (*total <= offset) return out;
    // idx_favorites_user_created read backwards: no filesort.
    SqlQuery q(kColumns);
    q.Append(" WHERE f.user_id = ? ORDER BY f.created_at DESC, f.id DESC", LL(user_id));
    q.Append(" LIMIT ? OFFSET ?", LL(limit), LL(offset));
    q.ForEach(s, [&](const soci::row& r) { out.push_back(Row(r)); });
    return out;
  });
}

std::optional<FavoriteRow> FavoriteRepo::Find(int64_t user_id, int64_t product_id) {
  return db_.Run([&](soci::session& s) {
    std::optional<FavoriteRow> out;
    SqlQuery q(kColumns);
    q.Append(" WHERE f.user_id = ? AND f.product_id = ?", LL(user_id), LL(product_id));
    q.ForEach(s, [&](const soci::row& r) { out = Row(r); });
    return out;
  });
}

bool FavoriteRepo::ProductOnSale(int64_t product_id) {
  return db_.Run([&](soci::session& s) {
    return SqlQuery()
               .Append("SELECT COUNT(*) FROM products WHERE id = ? AND status = 1", LL(product_id))
               .ScalarInt(s) > 0;
  });
}

bool FavoriteRepo::Add(int64_t user_id, int64_t product_id) {
  return db_.Run([&](soci::session& s) {
    // Only BIGINT columns: IGNORE can only swallow the duplicate key.
    return SqlQuery()
               .Append("INSERT IGNORE INTO favorites (user_id, product_id) VALUES (?, ?)",
                       LL(user_id), LL(product_id))
               .Exec(s) == 1;
  });
}

void FavoriteRepo::Remove(int64_t user_id, int64_t product_id) {
  db_.Run([&](soci::session& s) {
    return SqlQuery()
        .Append("DELETE FROM favorites WHERE user_id = ? AND product_id = ?", LL(user_id),
                LL(product_id))
        .Exec(s);
  });
}

}  // namespace rz::favorites
