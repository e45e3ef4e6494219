// SqlQuery and row readers.
#include "db/sql.h"

#include <ctime>

#include "core/time_util.h"

namespace rz {

std::string SqlQuery::Placeholder(char kind) {
  kinds_ += kind;
  return ":p" + std::to_string(kinds_.size());
}

static std::string ReplaceQ(const std::string& text, const std::function<std::string()>& next) {
  std::string out;
  for (char c : text) {
    if (c == '?')
      out += next();
    else
      out += c;
  }
  return out;
}

SqlQuery& SqlQuery::Append(const std::string& text, long long v) {
  sql_ += ReplaceQ(text, [&] {
    ints_.push_back(v);
    return Placeholder('i');
  });
  return *this;
}

SqlQuery& SqlQuery::Append(const std::string& text, const std::string& v) {
  sql_ += ReplaceQ(text, [&] {
    strs_.push_back(v);
    return Placeholder('s');
  });
  return *this;
}

SqlQuery& SqlQuery::Append(const std::string& text, long long a, long long b) {
  int n = 0;
  sql_ += ReplaceQ(text, [&] {
    ints_.push_back(n++ == 0 ? a : b);
    return Placeholder('i');
  });
  return *this;
}

SqlQuery& SqlQuery::Append(const std::string& text, const std::string& a, const std::string& b,
                           const std::string& c) {
  int n = 0;
  sql_ += ReplaceQ(text, [&] {
    const std::string& v = n == 0 ? a : n == 1 ? b : c;
    ++n;
    strs_.push_back(v);
    return Placeholder('s');
  });
  return *this;
}

void SqlQuery::Bind(soci::statement& st) const {
  size_t ii = 0, si = 0;
  for (char k : kinds_) {
    if (k == 'i')
      st.exchange(soci::use(const_cast<long long&>(ints_[ii++])));
    else
      st.exchange(soci::use(const_cast<std::string&>(strs_[si++])));
  }
}

void SqlQuery::ForEach(soci::session& s, const std::function<void(const soci::row&)>& fn) const {
  soci::row row;
  soci::statement st(s);
  Bind(st);
  st.exchange(soci::into(row));
  st.alloc();
  st.prepare(sql_);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) fn(row);
}

long long SqlQuery::Exec(soci::session& s) const {
  soci::statement st(s);
  Bind(st);
  st.alloc();
  st.prepare(sql_);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

long long SqlQuery::ScalarInt(soci::session& s) const {
  long long v = 0;
  bool first = true;
  ForEach(s, [&](const soci::row& r) {
    if (first) v = RowInt(r, 0);
    first = false;
  });
  return v;
}

bool RowIsNull(const soci::row& r, size_t i) { return r.get_indicator(i) == soci::i_null; }

int64_t RowInt(const soci::row& r, size_t i) {
  if (RowIsNull(r, i)) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(r.get<double>(i));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(i));
    default:
      return 0;
  }
}

std::string RowStr(const soci::row& r, size_t i) {
  if (RowIsNull(r, i)) return "";
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string:
      return r.get<std::string>(i);
    case soci::dt_integer:
      return std::to_string(r.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(r.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return std::to_string(r.get<unsigned long long>(i));
    case soci::dt_date:
      return RowIso(r, i);
    default:
      return "";
  }
}

std::string RowIso(const soci::row& r, size_t i) {
  if (RowIsNull(r, i)) return "";
  if (r.get_properties(i).get_data_type() == soci::dt_string)
    return SqlToIso(r.get<std::string>(i));
  std::tm t = r.get<std::tm>(i);
  return FormatIsoUtc(static_cast<int64_t>(timegm(&t)));
}

std::string LikeEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace rz
