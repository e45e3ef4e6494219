// CSV for admin exports and imports (RFC 4180): UTF-8 with a BOM so Excel reads
// Chinese text, CRLF line ends, fields quoted when they hold a comma, quote or
// line break. A field starting with = + - @ is prefixed with ' so a spreadsheet
// never runs it as a formula (CSV injection).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rz::csv {

constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

std::string Field(const std::string& value);
// One line: fields joined by commas, ending in CRLF.
std::string Row(const std::vector<std::string>& fields);

// Parses a whole CSV text (optional BOM; CRLF or LF; quoted fields with ""
// escapes and embedded line breaks). Blank lines are skipped. nullopt for an
// unterminated quote; `error` then says where.
std::optional<std::vector<std::vector<std::string>>> Parse(const std::string& text,
                                                           std::string* error = nullptr);

}  // namespace rz::csv
