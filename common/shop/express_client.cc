// ExpressClient: the Kuaidi100-style real-time query over cpp-httplib.
#include "shop/express_client.h"

#include "http/base_url.h"

#include <httplib.h>
#include <rapidjson/document.h>

#include <cctype>
#include <chrono>
#include <stdexcept>
#include <utility>

#include "core/error.h"
#include "core/json_out.h"
#include "core/log.h"
#include "core/time_util.h"
#include "crypto/crypto.h"

namespace rz {
namespace {

const char kUnavailableDetail[] = "express tracking unavailable";

std::string Member(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  if (it == v.MemberEnd()) return "";
  if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  return "";
}

}  // namespace

ExpressClient::ExpressClient(const Config& cfg)
    : ExpressClient(cfg.Get("express.api_base"), cfg.Get("express.customer"),
                    cfg.Get("express.key")) {}

ExpressClient::ExpressClient(std::string api_base, std::string customer, std::string key,
                             int connect_timeout_ms, int read_timeout_ms)
    : customer_(std::move(customer)),
      key_(std::move(key)),
      connect_timeout_ms_(connect_timeout_ms),
      read_timeout_ms_(read_timeout_ms) {
  if (api_base.empty()) return;  // not configured; Query() answers 5002
  BaseUrl base = ParseBaseUrl(api_base, "express.api_base");
  scheme_host_port_ = std::move(base.scheme_host_port);
  path_prefix_ = std::move(base.path_prefix);
}

bool ExpressClient::configured() const {
  return !scheme_host_port_.empty() && !customer_.empty() && !key_.empty();
}

std::string ExpressClient::Sign(const std::string& param, const std::string& key,
                                const std::string& customer) {
  std::string hex = crypto::Md5Hex(param + key + customer);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return hex;
}

std::string ExpressClient::ChinaTimeToIso(const std::string& local) {
  auto t = ParseSqlUtc(local);
  if (!t) return "";
  return FormatIsoUtc(*t - 8 * 3600);
}

ExpressTrace ExpressClient::Query(const std::string& company_code,
                                  const std::string& number) const {
  if (!configured()) {
    LogWarn("express tracking is not configured");
    throw Unavailable(kUnavailableDetail);
  }
  JsonOut param;
  param.StartObject().Key("com").String(company_code).Key("num").String(number).EndObject();
  const httplib::Params form{{"customer", customer_},
                             {"sign", Sign(param.str(), key_, customer_)},
                             {"param", param.str()}};

  httplib::Client cli(scheme_host_port_);
  ConfigureOutboundClient(cli, connect_timeout_ms_, read_timeout_ms_);
  // A read: safe to send again once when the connection failed.
  httplib::Result res(nullptr, httplib::Error::Unknown);
  for (int attempt = 0; attempt < 2; ++attempt) {
    res = cli.Post(path_prefix_ + "/poll/query.do", form);
    if (res) break;
    LogWarn("express query failed", {{"error", httplib::to_string(res.error())}});
  }
  if (!res) throw Unavailable(kUnavailableDetail);
  if (res->status != 200) {
    LogWarn("express http error", {{"status", std::to_string(res->status)}});
    throw Unavailable(kUnavailableDetail);
  }
  rapidjson::Document d;
  d.Parse(res->body.data(), res->body.size());
  if (d.HasParseError() || !d.IsObject()) {
    LogWarn("express answer is not a JSON object");
    throw Unavailable(kUnavailableDetail);
  }

  ExpressTrace trace;
  trace.message = Member(d, "message");
  auto data = d.FindMember("data");
  if (Member(d, "status") == "200" && data != d.MemberEnd() && data->value.IsArray()) {
    trace.found = true;
    trace.state = Member(d, "state");
    for (const auto& e : data->value.GetArray()) {
      if (!e.IsObject()) continue;
      trace.events.push_back({ChinaTimeToIso(Member(e, "time")), Member(e, "context")});
    }
    return trace;
  }
  // {"result": false, "returnCode": "500", "message": "查询无结果..."}: nothing known yet.
  // Any other code (400 bad request, 503 bad sign, 601 key expired, 5xx busy) is
  // our configuration or their outage, not the buyer's problem.
  const std::string code = Member(d, "returnCode");
  if (code == "500") return trace;
  LogWarn("express query refused", {{"returnCode", code}, {"message", trace.message}});
  throw Unavailable(kUnavailableDetail);
}

}  // namespace rz
