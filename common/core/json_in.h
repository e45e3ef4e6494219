// Validation of JSON request bodies. Values are never coerced ("5" is not a
// number). Each accessor records a field error instead of throwing, so one 4004
// can name every bad field; call Finish() to throw it.
//
//   JsonIn in(req.json());
//   in.AllowOnly({"nickname", "gender"});
//   auto nick = in.OptString("nickname", 1, 32);
//   auto gender = in.OptInt("gender", 0, 2);
//   in.Finish();  // throws ApiError 4004 with fields
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"

namespace rz {

class JsonIn {
 public:
  // `v` must be a JSON object (else the body error is recorded).
  explicit JsonIn(const rapidjson::Value& v);

  // Records "unknown field" for every member not listed.
  void AllowOnly(std::initializer_list<const char*> names);
  bool Has(const char* name) const;

  // Strings: length counted in UTF-8 code points; must be valid UTF-8.
  std::optional<std::string> OptString(const char* name, size_t min_len, size_t max_len);
  std::string ReqString(const char* name, size_t min_len, size_t max_len);
  std::optional<int64_t> OptInt(const char* name, int64_t min, int64_t max);
  int64_t ReqInt(const char* name, int64_t min, int64_t max);
  std::optional<bool> OptBool(const char* name);
  bool ReqBool(const char* name);
  // Money in yuan as a JSON number with <= 2 decimals, within [min, max] fen.
  std::optional<Fen> OptMoney(const char* name, Fen min, Fen max);
  // Array of strings (each 1..max_len), at most max_items.
  std::optional<std::vector<std::string>> OptStringArray(const char* name, size_t max_items,
                                                         size_t max_len);
  // Nested object, or nullptr when absent (records a type error if not an object).
  const rapidjson::Value* OptObject(const char* name);
  const rapidjson::Value* OptArray(const char* name);

  void Fail(const std::string& field, const std::string& why);
  bool ok() const { return errors_.empty(); }
  // Throws ApiError(4004) naming every bad field, if any.
  void Finish() const;

 private:
  const rapidjson::Value* Member(const char* name) const;
  const rapidjson::Value& v_;
  std::map<std::string, std::string> errors_;
};

// Number of UTF-8 code points, or -1 if `s` is not valid UTF-8.
long Utf8Length(const std::string& s);

}  // namespace rz
