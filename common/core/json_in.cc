// JsonIn: strict typed access to request bodies.
#include "core/json_in.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstring>

#include "core/error.h"

namespace rz {

static const rapidjson::Value& EmptyObject() {
  static const rapidjson::Value v(rapidjson::kObjectType);
  return v;
}

JsonIn::JsonIn(const rapidjson::Value& v) : v_(v.IsObject() ? v : EmptyObject()) {
  if (!v.IsObject()) errors_["body"] = "must be a JSON object";
}

const rapidjson::Value* JsonIn::Member(const char* name) const {
  auto it = v_.FindMember(name);
  if (it == v_.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

bool JsonIn::Has(const char* name) const { return Member(name) != nullptr; }

void JsonIn::AllowOnly(std::initializer_list<const char*> names) {
  for (auto it = v_.MemberBegin(); it != v_.MemberEnd(); ++it) {
    bool known = false;
    for (const char* n : names) {
      if (std::strcmp(n, it->name.GetString()) == 0) known = true;
    }
    if (!known) errors_[it->name.GetString()] = "unknown field";
  }
}

void JsonIn::Fail(const std::string& field, const std::string& why) { errors_.emplace(field, why); }

long Utf8Length(const std::string& s) {
  long n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return -1;
    }
    // Reject overlong forms, UTF-16 surrogates and code points above U+10FFFF
    // (MySQL utf8mb4 refuses them too).
    unsigned char c1 = len > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (len == 2 && c < 0xC2) return -1;
    if (len == 3 && ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0))) return -1;
    if (len == 4 && ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90) || c > 0xF4)) return -1;
    i += len;
    ++n;
  }
  return n;
}

std::optional<std::string> JsonIn::OptString(const char* name, size_t min_len, size_t max_len) {
  const auto* m = Member(name);
  if (!m) return std::nullopt;
  if (!m->IsString()) {
    Fail(name, "must be a string");
    return std::nullopt;
  }
  std::string s(m->GetString(), m->GetStringLength());
  long len = Utf8Length(s);
  if (len < 0) {
    Fail(name, "invalid UTF-8");
    return std::nullopt;
  }
  if (s.find('\0') != std::string::npos) {
    Fail(name, "must not contain NUL");
    return std::nullopt;
  }
  if (static_cast<size_t>(len) < min_len || static_cast<size_t>(len) > max_len) {
    Fail(name, "length must be " + std::to_string(min_len) + ".." + std::to_string(max_len));
    return std::nullopt;
  }
  return s;
}

std::string JsonIn::ReqString(const char* name, size_t min_len, size_t max_len) {
  if (!Has(name)) {
    Fail(name, "required");
    return "";
  }
  return OptString(name, min_len, max_len).value_or("");
}

std::optional<int64_t> JsonIn::OptInt(const char* name, int64_t min, int64_t max) {
  const auto* m = Member(name);
  if (!m) return std::nullopt;
  if (!m->IsInt64()) {
    // Only integers too large for int64 are "out of range"; 5.5 is not an integer.
    Fail(name, m->IsUint64() ? "out of range" : "must be an integer");
    return std::nullopt;
  }
  int64_t v = m->GetInt64();
  if (v < min || v > max) {
    Fail(name, "must be " + std::to_string(min) + ".." + std::to_string(max));
    return std::nullopt;
  }
  return v;
}

int64_t JsonIn::ReqInt(const char* name, int64_t min, int64_t max) {
  if (!Has(name)) {
    Fail(name, "required");
    return 0;
  }
  return OptInt(name, min, max).value_or(0);
}

std::optional<bool> JsonIn::OptBool(const char* name) {
  const auto* m = Member(name);
  if (!m) return std::nullopt;
  if (!m->IsBool()) {
    Fail(name, "must be a boolean");
    return std::nullopt;
  }
  return m->GetBool();
}

bool JsonIn::ReqBool(const char* name) {
  if (!Has(name)) {
    Fail(name, "required");
    return false;
  }
  return OptBool(name).value_or(false);
}

std::optional<Fen> JsonIn::OptMoney(const char* name, Fen min, Fen max) {
  const auto* m = Member(name);
  if (!m) return std::nullopt;
  if (!m->IsNumber()) {
    Fail(name, "must be a number");
    return std::nullopt;
  }
  std::optional<Fen> fen;
  if (m->IsInt64()) {
    int64_t y = m->GetInt64();
    if (y <= kMaxFen / 100 && y >= -kMaxFen / 100) fen = y * 100;
  } else {
    // Doubles are re-printed by RapidJSON's shortest round-trip formatting and
    // parsed as decimal text, so 0.1 stays exactly 10 fen.
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    m->Accept(w);
    std::string text(b.GetString(), b.GetSize());
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0)
      text.resize(text.size() - 2);
    fen = ParseYuan(text);
  }
  if (!fen) {
    Fail(name, "must be an amount with at most 2 decimals");
    return std::nullopt;
  }
  if (*fen < min || *fen > max) {
    Fail(name, "must be " + FormatYuan(min) + ".." + FormatYuan(max));
    return std::nullopt;
  }
  return fen;
}

std::optional<std::vector<std::string>> JsonIn::OptStringArray(const char* name, size_t max_items,
                                                               size_t max_len) {
  const auto* m = Member(name);
  if (!m) return std::nullopt;
  if (!m->IsArray()) {
    Fail(name, "must be an array of strings");
    return std::nullopt;
  }
  if (m->Size() > max_items) {
    Fail(name, "at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& e : m->GetArray()) {
    // Item length in code points, like OptString.
    long len = e.IsString() ? Utf8Length(std::string(e.GetString(), e.GetStringLength())) : -1;
    if (len < 1 || static_cast<size_t>(len) > max_len) {
      Fail(name, "each item must be a string of 1.." + std::to_string(max_len));
      return std::nullopt;
    }
    out.emplace_back(e.GetString(), e.GetStringLength());
  }
  return out;
}

const rapidjson::Value* JsonIn::OptObject(const char* name) {
  const auto* m = Member(name);
  if (m && !m->IsObject()) {
    Fail(name, "must be an object");
    return nullptr;
  }
  return m;
}

const rapidjson::Value* JsonIn::OptArray(const char* name) {
  const auto* m = Member(name);
  if (m && !m->IsArray()) {
    Fail(name, "must be an array");
    return nullptr;
  }
  return m;
}

void JsonIn::Finish() const {
  if (!errors_.empty()) throw BadRequestFields(errors_);
}

}  // namespace rz
