// Envelope rendering.
#include "http/response.h"

#include <atomic>
#include <mutex>

#include "core/time_util.h"

namespace rz {

const std::string& EnvelopeTimestamp() {
  // One formatted string per second per thread; avoids strftime on every request.
  thread_local int64_t cached_sec = -1;
  thread_local std::string cached;
  int64_t now = NowUnix();
  if (now != cached_sec) {
    cached_sec = now;
    cached = FormatIsoUtc(now);
  }
  return cached;
}

void Response::Ok(const std::string& data_json, int http_status) {
  status = http_status;
  api_code = 0;
  body.clear();
  body.reserve(data_json.size() + 96);
  body += "{\"code\":0,\"message\":\"success\",\"data\":";
  body += data_json;
  body += ",\"timestamp\":\"";
  body += EnvelopeTimestamp();
  body += "\"}";
}

void Response::Error(const ApiError& e) {
  status = HttpStatusFor(e.code());
  api_code = static_cast<int>(e.code());
  JsonOut j;
  j.StartObject();
  j.Key("code").Int(api_code);
  j.Key("message").String(MessageFor(e.code()));
  j.Key("error").StartObject();
  j.Key("type").String(e.type());
  j.Key("detail").String(e.detail());
  if (!e.fields().empty()) {
    j.Key("fields").StartObject();
    for (const auto& [k, v] : e.fields()) j.Key(k).String(v);
    j.EndObject();
  }
  j.EndObject();
  j.Key("timestamp").String(EnvelopeTimestamp());
  j.EndObject();
  body = j.str();
}

}  // namespace rz
