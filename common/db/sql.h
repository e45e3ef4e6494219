// Helpers for dynamic SQL with bound values and for reading soci::row columns.
//
//   SqlQuery q("SELECT id, name FROM products WHERE status = 1");
//   if (cat) q.Append(" AND category_id = ?", *cat);   // '?' is bound, never spliced
//   q.Append(" ORDER BY id LIMIT ?", limit);
//   q.ForEach(session, [&](const soci::row& r) { ... RowInt(r, 0) ... });
//
// Only the caller's SQL text is concatenated; every value goes through soci::use.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>

namespace rz {

class SqlQuery {
 public:
  explicit SqlQuery(std::string sql = "") : sql_(std::move(sql)) {}
  // Appends text whose each '?' is replaced by a named placeholder bound to the next value.
  SqlQuery& Append(const std::string& text) {
    sql_ += text;
    return *this;
  }
  SqlQuery& Append(const std::string& text, long long v);
  SqlQuery& Append(const std::string& text, const std::string& v);
  SqlQuery& Append(const std::string& text, long long a, long long b);
  SqlQuery& Append(const std::string& text, const std::string& a, const std::string& b,
                   const std::string& c);
  const std::string& sql() const { return sql_; }

  // Runs the query and calls `fn` for each row.
  void ForEach(soci::session& s, const std::function<void(const soci::row&)>& fn) const;
  // Runs a statement without results (UPDATE/INSERT/DELETE); returns affected rows.
  long long Exec(soci::session& s) const;
  // First column of the first row as an integer (0 when none).
  long long ScalarInt(soci::session& s) const;

 private:
  void Bind(soci::statement& st) const;
  std::string Placeholder(char kind);
  std::string sql_;
  // Order of binds: kinds_[i] says which deque holds the i-th value.
  std::string kinds_;
  std::deque<long long> ints_;
  std::deque<std::string> strs_;
};

// A bound value that is NULL when unset, so `COALESCE(:v, column)` keeps the column.
struct NullableParam {
  explicit NullableParam(const std::optional<std::string>& v)
      : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
  std::string value;
  soci::indicator ind;
};

// Column readers tolerant of SOCI's per-type representation; NULL -> 0 / "".
int64_t RowInt(const soci::row& r, size_t i);
std::string RowStr(const soci::row& r, size_t i);
// DATETIME (UTC) -> "2024-10-25T12:00:00Z"; NULL -> "".
std::string RowIso(const soci::row& r, size_t i);
bool RowIsNull(const soci::row& r, size_t i);

// Escapes % _ and \ for a LIKE pattern (used with ESCAPE '\\').
std::string LikeEscape(const std::string& s);

}  // namespace rz
