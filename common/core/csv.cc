// CSV writing and parsing; see csv.h.
#include "core/csv.h"

namespace rz::csv {

std::string Field(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Row(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += Field(fields[i]);
  }
  return out + "\r\n";
}

std::optional<std::vector<std::vector<std::string>>> Parse(const std::string& text,
                                                           std::string* error) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  size_t i = text.rfind(kUtf8Bom, 0) == 0 ? 3 : 0;
  size_t line = 1;
  auto end_field = [&] {
    row.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    bool blank = row.size() == 1 && row[0].empty();
    if (!blank) rows.push_back(row);
    row.clear();
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the LF ends the row
    } else if (c == '\n') {
      end_row();
      ++line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    if (error) *error = "unterminated quote at line " + std::to_string(line);
    return std::nullopt;
  }
  if (!field.empty() || !row.empty()) end_row();
  return rows;
}

}  // namespace rz::csv
