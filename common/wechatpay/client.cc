// WeChat Pay v3 client over cpp-httplib; see client.h.
#include "wechatpay/client.h"

#include <httplib.h>
#include <rapidjson/document.h>

#include "core/error.h"
#include "core/json_out.h"
#include "core/log.h"
#include "core/time_util.h"
#include "http/base_url.h"

namespace rz::wechatpay {
namespace {

constexpr char kUnavailable[] = "wechat pay unavailable";

std::string ErrorCodeOf(const std::string& body) {
  rapidjson::Document d;
  d.Parse(body.data(), body.size());
  if (d.HasParseError() || !d.IsObject()) return "UNKNOWN";
  auto it = d.FindMember("code");
  return it != d.MemberEnd() && it->value.IsString() ? it->value.GetString() : "UNKNOWN";
}

std::string Required(const Config& cfg, const char* key) { return cfg.Require(key); }

}  // namespace

std::string LoadApiV3Key(const Config& cfg) {
  const std::string file = cfg.Get("wechatpay.apiv3_key_file");
  if (file.empty()) return cfg.Get("wechatpay.apiv3_key");
  std::string key = ReadFileOrThrow(file);
  size_t end = key.find_first_of("\r\n");
  if (end != std::string::npos) key.resize(end);
  return key;
}

Settings Settings::FromConfig(const Config& cfg) {
  Settings s;
  s.api_base = cfg.Get("wechatpay.api_base", "https://api.mch.weixin.qq.com");
  s.mchid = Required(cfg, "wechatpay.mchid");
  s.appid = Required(cfg, "wechatpay.appid");
  s.merchant_serial = Required(cfg, "wechatpay.merchant_serial");
  s.apiv3_key = LoadApiV3Key(cfg);
  if (s.apiv3_key.size() != 32) {
    throw std::runtime_error("wechatpay.apiv3_key must be 32 characters");
  }
  s.notify_url = Required(cfg, "wechatpay.notify_url");
  s.refund_notify_url = Required(cfg, "wechatpay.refund_notify_url");
  s.merchant_key = std::make_shared<const RsaKey>(
      RsaKey::PrivateFromFile(Required(cfg, "wechatpay.merchant_key_file")));
  auto platform = std::make_shared<PlatformKeys>();
  platform->Add(Required(cfg, "wechatpay.platform_serial"),
                RsaKey::PublicFromFile(Required(cfg, "wechatpay.platform_cert_file")));
  s.platform_keys = platform;
  s.connect_timeout_ms = static_cast<int>(cfg.GetInt("wechatpay.connect_timeout_ms", 3000));
  s.read_timeout_ms = static_cast<int>(cfg.GetInt("wechatpay.read_timeout_ms", 5000));
  return s;
}

Client::Client(Settings s) : s_(std::move(s)) {
  BaseUrl base = ParseBaseUrl(s_.api_base, "wechatpay.api_base");
  scheme_host_port_ = std::move(base.scheme_host_port);
  path_prefix_ = std::move(base.path_prefix);
}

Client::Answer Client::Call(const std::string& method, const std::string& path_with_query,
                            const std::string& body, bool retry_if_not_sent,
                            const char* what) const {
  for (int attempt = 0;; ++attempt) {
    // Signed per attempt: a retry gets its own nonce and timestamp.
    const std::string ts = std::to_string(NowUnix());
    const std::string nonce = NewNonce();
    httplib::Headers headers{
        {"Accept", "application/json"},
        {"Authorization", BuildAuthorization(*s_.merchant_key, s_.mchid, s_.merchant_serial, method,
                                             path_with_query, body, ts, nonce)}};
    httplib::Client cli(scheme_host_port_);
    ConfigureOutboundClient(cli, s_.connect_timeout_ms, s_.read_timeout_ms);
    const std::string target = path_prefix_ + path_with_query;
    httplib::Result res = method == "GET" ? cli.Get(target, headers)
                                          : cli.Post(target, headers, body, "application/json");
    if (!res) {
      const httplib::Error err = res.error();
      const bool not_sent =
          err == httplib::Error::Connection || err == httplib::Error::ConnectionTimeout;
      const bool again = attempt == 0 && retry_if_not_sent && not_sent;
      LogWarn(
          "wechatpay call failed",
          {{"call", what}, {"error", httplib::to_string(err)}, {"retry", again ? "yes" : "no"}});
      if (again) continue;
      throw Unavailable(kUnavailable);
    }
    if (res->status >= 500) {
      LogWarn("wechatpay http error", {{"call", what}, {"status", std::to_string(res->status)}});
      throw Unavailable(kUnavailable);
    }
    // Believe nothing that is not signed by the platform (a 204 has no body to sign).
    if (!res->body.empty()) {
      SignedHeaders h{
          res->get_header_value("Wechatpay-Timestamp"), res->get_header_value("Wechatpay-Nonce"),
          res->get_header_value("Wechatpay-Signature"), res->get_header_value("Wechatpay-Serial")};
      Verdict v = VerifySigned(*s_.platform_keys, h, res->body, NowUnix());
      if (v != Verdict::kOk) {
        LogWarn("wechatpay answer rejected", {{"call", what}, {"why", VerdictText(v)}});
        throw Unavailable(kUnavailable);
      }
    }
    return Answer{res->status, res->body};
  }
}

std::string Client::CreateJsapiOrder(const JsapiOrder& o) const {
  JsonOut j;
  j.StartObject();
  j.Key("appid").String(s_.appid).Key("mchid").String(s_.mchid);
  j.Key("description").String(o.description).Key("out_trade_no").String(o.out_trade_no);
  j.Key("time_expire").String(o.time_expire).Key("notify_url").String(s_.notify_url);
  j.Key("amount").StartObject().Key("total").Int(o.total).Key("currency").String("CNY").EndObject();
  j.Key("payer").StartObject().Key("openid").String(o.payer_openid).EndObject();
  j.EndObject();
  // Re-ordering the same out_trade_no is idempotent at WeChat: retry when unsent.
  Answer a = Call("POST", "/v3/pay/transactions/jsapi", j.str(), true, "jsapi");
  if (a.status >= 400) throw Conflict("payment_rejected", ErrorCodeOf(a.body));
  rapidjson::Document d;
  d.Parse(a.body.data(), a.body.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("prepay_id") ||
      !d["prepay_id"].IsString()) {
    throw Unavailable(kUnavailable);
  }
  return d["prepay_id"].GetString();
}

std::optional<Transaction> Client::QueryTransaction(const std::string& out_trade_no) const {
  Answer a = Call("GET", "/v3/pay/transactions/out-trade-no/" + out_trade_no + "?mchid=" + s_.mchid,
                  "", true, "query");
  if (a.status == 404) return std::nullopt;
  if (a.status != 200) throw Unavailable(kUnavailable);
  std::optional<Transaction> t = Transaction::Parse(a.body);
  if (!t || t->out_trade_no != out_trade_no) throw Unavailable(kUnavailable);
  return t;
}

Client::CloseResult Client::CloseTransaction(const std::string& out_trade_no) const {
  JsonOut j;
  j.StartObject().Key("mchid").String(s_.mchid).EndObject();
  Answer a = Call("POST", "/v3/pay/transactions/out-trade-no/" + out_trade_no + "/close", j.str(),
                  true, "close");
  if (a.status == 204 || a.status == 200) return CloseResult::kClosed;
  if (a.status == 404) return CloseResult::kUnknownTrade;
  if (ErrorCodeOf(a.body) == "ORDERPAID") return CloseResult::kAlreadyPaid;
  throw Unavailable(kUnavailable);
}

Refund Client::CreateRefund(const RefundRequest& r) const {
  JsonOut j;
  j.StartObject();
  j.Key("transaction_id").String(r.transaction_id).Key("out_refund_no").String(r.out_refund_no);
  j.Key("reason").String(r.reason).Key("notify_url").String(s_.refund_notify_url);
  j.Key("amount").StartObject().Key("refund").Int(r.refund).Key("total").Int(r.total);
  j.Key("currency").String("CNY").EndObject();
  j.EndObject();
  Answer a = Call("POST", "/v3/refund/domestic/refunds", j.str(), true, "refund");
  if (a.status >= 400) throw Conflict("refund_rejected", ErrorCodeOf(a.body));
  std::optional<Refund> out = Refund::Parse(a.body);
  if (!out || out->out_refund_no != r.out_refund_no) throw Unavailable(kUnavailable);
  return *out;
}

std::optional<Refund> Client::QueryRefund(const std::string& out_refund_no) const {
  Answer a = Call("GET", "/v3/refund/domestic/refunds/" + out_refund_no, "", true, "refund_query");
  if (a.status == 404) return std::nullopt;
  if (a.status != 200) throw Unavailable(kUnavailable);
  std::optional<Refund> out = Refund::Parse(a.body);
  if (!out || out->out_refund_no != out_refund_no) throw Unavailable(kUnavailable);
  return out;
}

PayParams Client::MiniProgramParams(const std::string& prepay_id, int64_t now_unix) const {
  PayParams p;
  p.app_id = s_.appid;
  p.time_stamp = std::to_string(now_unix);
  p.nonce_str = NewNonce();
  p.package = "prepay_id=" + prepay_id;
  p.sign_type = "RSA";
  p.pay_sign = PaySign(*s_.merchant_key, p.app_id, p.time_stamp, p.nonce_str, p.package);
  return p;
}

}  // namespace rz::wechatpay
