// Response builder: envelope rendering per api.md. Handlers call Ok()/Created()
// with the `data` JSON; errors are thrown as ApiError and rendered by the
// dispatcher through Error().
#pragma once

#include <functional>
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
  // A streamed body (CSV exports): when set, the headers go out first and then
  // `stream` is called with a writer that sends each chunk on at once, so an
  // export never holds the whole table in memory. `body` is ignored. An
  // exception thrown while streaming ends the (then truncated) response.
  using ChunkWriter = std::function<void(const std::string& chunk)>;
  std::function<void(const ChunkWriter&)> stream;

  // {"code":0,"message":"success","data":<data_json>,"timestamp":...}
  void Ok(const std::string& data_json, int http_status = 200);
  void Ok(const JsonOut& data) { Ok(data.str()); }
  void Created(const JsonOut& data) { Ok(data.str(), 201); }
  void OkEmpty() { Ok(std::string("null")); }
  void Error(const ApiError& e);
  // 200 with a streamed attachment: Content-Disposition names `filename` (ASCII).
  void Stream(std::string type, const std::string& filename,
              std::function<void(const ChunkWriter&)> writer) {
    status = 200;
    content_type = std::move(type);
    Header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    Header("Cache-Control", "no-store");
    stream = std::move(writer);
  }
  void Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Envelope timestamp; cached per second (hot path).
const std::string& EnvelopeTimestamp();

}  // namespace rz
