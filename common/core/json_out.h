// A thin chaining wrapper over rapidjson::Writer for building response bodies:
//   JsonOut j; j.StartObject(); j.Key("id").Int(5); j.Key("price").Money(1790000); j.EndObject();
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>

#include "core/money.h"

namespace rz {

class JsonOut {
 public:
  JsonOut& StartObject() {
    w_.StartObject();
    return *this;
  }
  JsonOut& EndObject() {
    w_.EndObject();
    return *this;
  }
  JsonOut& StartArray() {
    w_.StartArray();
    return *this;
  }
  JsonOut& EndArray() {
    w_.EndArray();
    return *this;
  }
  JsonOut& Key(const char* k) {
    w_.Key(k);
    return *this;
  }
  JsonOut& Key(const std::string& k) {
    w_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    return *this;
  }
  JsonOut& String(const std::string& s) {
    w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    return *this;
  }
  JsonOut& String(const char* s) {
    w_.String(s);
    return *this;
  }
  JsonOut& Int(int64_t v) {
    w_.Int64(v);
    return *this;
  }
  JsonOut& Bool(bool v) {
    w_.Bool(v);
    return *this;
  }
  JsonOut& Null() {
    w_.Null();
    return *this;
  }
  JsonOut& Double(double v) {
    w_.Double(v);
    return *this;
  }
  // Fen printed as a yuan JSON number (exact).
  JsonOut& Money(Fen fen) { return Raw(FormatYuan(fen)); }
  // Already-serialized JSON value (trusted: produced by us or stored by us).
  JsonOut& Raw(const std::string& json) {
    w_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
    return *this;
  }
  // String or null when empty.
  JsonOut& StringOrNull(const std::string& s) { return s.empty() ? Null() : String(s); }

  std::string str() const { return std::string(buf_.GetString(), buf_.GetSize()); }
  const char* c_str() const { return buf_.GetString(); }
  size_t size() const { return buf_.GetSize(); }

 private:
  rapidjson::StringBuffer buf_;
  rapidjson::Writer<rapidjson::StringBuffer> w_{buf_};
};

}  // namespace rz
