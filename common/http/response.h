// Response builder: envelope rendering per api.md. Handlers call Ok()/Created()
// with the `data` JSON; errors are thrown as ApiError and rendered by the
// dispatcher through Error().
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/json_out.h"

namespace rz {

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int api_code = 0;  // envelope code, for logs/metrics

  // {"code":0,"message":"success","data":<data_json>,"timestamp":...}
  void Ok(const std::string& data_json, int http_status = 200);
  void Ok(const JsonOut& data) { Ok(data.str()); }
  void Created(const JsonOut& data) { Ok(data.str(), 201); }
  void OkEmpty() { Ok(std::string("null")); }
  void Error(const ApiError& e);
  void Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Envelope timestamp; cached per second (hot path).
const std::string& EnvelopeTimestamp();

}  // namespace rz
