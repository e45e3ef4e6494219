// Routes of the fake WeChat Pay API v3 (wechat.md "WeChat Pay API v3" and "Fakes"),
// served by the fake_wechat binary. Real protocol, real cryptography: every /v3 call
// must carry a valid merchant Authorization (mchid, merchant serial, timestamp within
// 300 s, SHA256-with-RSA over "METHOD\nPATH?QUERY\nTS\nNONCE\nBODY\n"), else 401
// SIGN_ERROR; every answer with a body is JSON signed with the platform key
// (Wechatpay-Timestamp/-Nonce/-Signature/-Serial). Errors are {"code","message"}.
//   POST /v3/pay/transactions/jsapi                  -> {"prepay_id"}; same out_trade_no
//        again: NOTPAY same prepay_id (other amount 400 INVALID_REQUEST), paid 400
//        ORDERPAID, closed 400 ORDERCLOSED; bad input 400 PARAM_ERROR
//   GET  /v3/pay/transactions/out-trade-no/{no}?mchid= -> the transaction (NOTPAY, SUCCESS,
//        CLOSED; a NOTPAY past time_expire reads CLOSED) or 404 ORDER_NOT_EXIST
//   POST /v3/pay/transactions/out-trade-no/{no}/close {mchid} -> 204; paid 400 ORDERPAID
//   POST /v3/refund/domestic/refunds                 -> the refund, PROCESSING; idempotent by
//        out_refund_no; trade unpaid 400 INVALID_REQUEST, unknown 404 RESOURCE_NOT_EXISTS,
//        over the paid total 400 NOT_ENOUGH
//   GET  /v3/refund/domestic/refunds/{out_refund_no}  -> the refund or 404 RESOURCE_NOT_EXISTS
// Control API (unsigned, local only, never routed by nginx):
//   POST /_control/pay    {"out_trade_no","mode"} the buyer pays; a TRANSACTION.SUCCESS
//                         notification goes to the trade's notify_url
//   POST /_control/refund {"out_refund_no","mode"} the refund completes; REFUND.<status>
//                         goes to the refund's notify_url
//        both answer {"delivered": n, "responses": [HTTP status, 0 = connection failed]};
//        unknown id 404, closed trade 409, finished refund asked another end 409, bad mode 400
//   GET  /_control/requests[?contains=text] -> {"requests": [{method, path, signature_ok,
//                         status}]} of the /v3 calls, oldest first (last 20000); `contains`
//                         matches the path or the request body
//   POST /_control/reset  forgets the recorded requests (not trades or refunds)
// Modes (pay and refund unless marked):
//   normal        applied (SUCCESS), delivered once
//   duplicate     applied, delivered twice in turn, each freshly signed (WeChat's retry)
//   concurrent    applied, delivered twice at the same moment from two threads
//   replay        applied, the first delivery re-sent byte for byte, same headers
//   silent        applied, nothing delivered (a lost notification)
//   abnormal      refund only: ABNORMAL, REFUND.ABNORMAL
//   closed        refund only: CLOSED, REFUND.CLOSED
//   wrong_amount  not applied; claims SUCCESS with amount + 1, properly signed
//   bad_signature not applied; a valid platform signature of another message
//   stale_timestamp not applied; properly signed at now - 600 s
//   probe         not applied; signature "WECHATPAY/SIGNTEST/" + base64 junk
//   unknown_serial not applied; signed with a fresh key, serial "UNKNOWN..."
// A paid trade (or refund already in the mode's status) is simply delivered again.
// Config: wechatpay.mchid, appid, merchant_cert_file, merchant_serial, platform_key_file,
// platform_serial, apiv3_key_file or apiv3_key (32 chars); without them no pay route is
// registered.
// State sits under one mutex, never held while signing or delivering.
#pragma once

#include <httplib.h>
#include <rapidjson/document.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/json_out.h"
#include "core/time_util.h"
#include "crypto/crypto.h"
#include "http/base_url.h"
#include "wechatpay/client.h"
#include "wechatpay/messages.h"
#include "wechatpay/protocol.h"
#include "wechatpay/rsa_key.h"

namespace rz {

namespace fake_wechatpay {

using wechatpay::RsaKey;

constexpr size_t kMaxRecorded = 20000;
constexpr int64_t kStaleSeconds = 600;

// Immutable after start: shared by all threads without the lock.
struct Keys {
  std::string mchid, appid, merchant_serial, platform_serial, apiv3_key;
  RsaKey merchant_public;   // verifies the backend's requests
  RsaKey platform_private;  // signs answers and notifications
};

struct Trade {
  std::string appid, description, notify_url, openid, prepay_id, transaction_id;
  std::string state = "NOTPAY";  // NOTPAY, SUCCESS or CLOSED
  std::string success_time;      // RFC 3339, once SUCCESS
  int64_t total = 0;             // fen
  int64_t expire_unix = 0;       // 0: no time_expire
  std::vector<std::string> refund_nos;
};

struct RefundEntry {
  wechatpay::Refund refund;  // mchid left empty: the API answers carry none
  std::string notify_url;
};

struct Recorded {
  std::string method, path, body;
  bool signature_ok = false;
  int status = 0;
};

struct State {
  explicit State(Keys k) : keys(std::move(k)) {}
  const Keys keys;
  std::mutex mu;
  std::map<std::string, Trade> trades;         // by out_trade_no
  std::map<std::string, std::string> by_txn;   // transaction_id -> out_trade_no
  std::map<std::string, RefundEntry> refunds;  // by out_refund_no
  std::deque<Recorded> requests;
};

// ---------------------------------------------------------------- small helpers

inline std::string RandomDigits(size_t n) {
  const std::string raw = crypto::RandomBytes(n);
  std::string out(n, '0');
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<char>('0' + static_cast<unsigned char>(raw[i]) % 10);
  }
  return out;
}

// "YYYY-MM-DDTHH:MM:SS[.fff](Z|+hh:mm|-hh:mm)" -> unix seconds.
inline std::optional<int64_t> ParseRfc3339(const std::string& s) {
  if (s.size() < 20 || s[10] != 'T') return std::nullopt;
  std::optional<int64_t> local = ParseIsoUtc(s.substr(0, 19));
  size_t i = 19;
  if (s[i] == '.') {  // fractional seconds: ignored
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (!local || i >= s.size()) return std::nullopt;
  if (s[i] == 'Z' && i + 1 == s.size()) return local;
  const std::string off = s.substr(i);
  if (off.size() != 6 || (off[0] != '+' && off[0] != '-') || off[3] != ':') return std::nullopt;
  std::optional<int64_t> hm = ParseIsoUtc("1970-01-01T" + off.substr(1, 5) + ":00");
  if (!hm) return std::nullopt;
  return off[0] == '+' ? *local - *hm : *local + *hm;
}

inline bool ParseObject(const std::string& body, rapidjson::Document* d) {
  d->Parse(body.data(), body.size());
  return !d->HasParseError() && d->IsObject();
}

// The string member `key`, or "" when absent or not a string.
inline std::string Str(const rapidjson::Value& o, const char* key) {
  auto it = o.FindMember(key);
  return it != o.MemberEnd() && it->value.IsString()
             ? std::string(it->value.GetString(), it->value.GetStringLength())
             : std::string();
}

inline std::optional<int64_t> Int(const rapidjson::Value* o, const char* key) {
  if (!o || !o->IsObject()) return std::nullopt;
  auto it = o->FindMember(key);
  if (it == o->MemberEnd() || !it->value.IsInt64()) return std::nullopt;
  return it->value.GetInt64();
}

inline const rapidjson::Value* Member(const rapidjson::Value& o, const char* key) {
  auto it = o.FindMember(key);
  return it != o.MemberEnd() && it->value.IsObject() ? &it->value : nullptr;
}

// WeChat's out_trade_no / out_refund_no rule: 6..32 / 1..64 of [A-Za-z0-9_-|*@].
inline bool ValidNo(const std::string& s, size_t min_len, size_t max_len) {
  if (s.size() < min_len || s.size() > max_len) return false;
  for (char c : s) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '_' || c == '-' || c == '|' || c == '*' || c == '@';
    if (!ok) return false;
  }
  return true;
}

inline bool ValidUrl(const std::string& url) {
  try {
    ParseBaseUrl(url, "notify_url");
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

inline bool SameSerial(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// ---------------------------------------------------------------- answers

inline void Reply(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json");
}

inline void Error(httplib::Response& res, int status, const char* code, const std::string& msg) {
  JsonOut j;
  j.StartObject().Key("code").String(code).Key("message").String(msg).EndObject();
  Reply(res, status, j.str());
}

inline void ControlError(httplib::Response& res, int status, const std::string& msg) {
  JsonOut j;
  j.StartObject().Key("error").String(msg).EndObject();
  Reply(res, status, j.str());
}

inline void SignAnswer(const Keys& k, httplib::Response& res) {
  if (res.body.empty()) return;
  wechatpay::SignedHeaders h =
      wechatpay::SignResponse(k.platform_private, k.platform_serial, res.body, NowUnix());
  res.set_header("Wechatpay-Timestamp", h.timestamp);
  res.set_header("Wechatpay-Nonce", h.nonce);
  res.set_header("Wechatpay-Signature", h.signature);
  res.set_header("Wechatpay-Serial", h.serial);
}

// "" when the merchant's Authorization is good, else why not.
inline std::string VerifyMerchant(const Keys& k, const httplib::Request& req) {
  auto f = wechatpay::ParseAuthorization(req.get_header_value("Authorization"));
  if (!f) return "Authorization header missing or malformed";
  if (f->mchid != k.mchid) return "mchid does not match the merchant";
  if (!SameSerial(f->serial, k.merchant_serial)) return "unknown merchant certificate serial_no";
  char* end = nullptr;
  const long long ts = std::strtoll(f->timestamp.c_str(), &end, 10);
  if (*end != '\0' || std::llabs(NowUnix() - ts) > wechatpay::kTimestampWindowSeconds) {
    return "timestamp outside the 5 minute window";
  }
  const std::string msg =
      wechatpay::RequestMessage(req.method, req.target, f->timestamp, f->nonce, req.body);
  if (!k.merchant_public.VerifyBase64(msg, f->signature)) return "signature does not verify";
  return "";
}

inline void Record(State& st, const httplib::Request& req, bool signature_ok, int status) {
  std::lock_guard<std::mutex> g(st.mu);
  st.requests.push_back(Recorded{req.method, req.target, req.body, signature_ok, status});
  if (st.requests.size() > kMaxRecorded) st.requests.pop_front();
}

using Handler = void (*)(State&, const httplib::Request&, httplib::Response&);

// The shared work of every /v3 route: verify, run, sign the answer, record the call.
inline httplib::Server::Handler Signed(std::shared_ptr<State> st, Handler h) {
  return [st, h](const httplib::Request& req, httplib::Response& res) {
    const std::string why = VerifyMerchant(st->keys, req);
    if (why.empty()) {
      h(*st, req, res);
    } else {
      Error(res, 401, "SIGN_ERROR", why);
    }
    if (res.status < 0) res.status = 200;
    SignAnswer(st->keys, res);
    Record(*st, req, why.empty(), res.status);
  };
}

inline httplib::Server::Handler Control(std::shared_ptr<State> st, Handler h) {
  return [st, h](const httplib::Request& req, httplib::Response& res) { h(*st, req, res); };
}

// ---------------------------------------------------------------- trades

// A NOTPAY trade past its time_expire is closed (caller holds the lock).
inline void Expire(Trade& t, int64_t now) {
  if (t.state == "NOTPAY" && t.expire_unix > 0 && now >= t.expire_unix) t.state = "CLOSED";
}

inline wechatpay::Transaction View(const Keys& k, const std::string& no, const Trade& t) {
  wechatpay::Transaction x;
  x.appid = t.appid;
  x.mchid = k.mchid;
  x.out_trade_no = no;
  x.trade_state = t.state;
  x.payer_openid = t.openid;
  x.amount_total = t.total;
  if (t.state == "SUCCESS") {
    x.transaction_id = t.transaction_id;
    x.success_time = t.success_time;
  }
  return x;
}

struct JsapiInput {
  std::string out_trade_no;
  Trade trade;
};

// "" when the jsapi body is acceptable (filling `in`), else the PARAM_ERROR message.
inline std::string ParseJsapi(const Keys& k, const std::string& body, int64_t now, JsapiInput* in) {
  rapidjson::Document d;
  if (!ParseObject(body, &d)) return "body is not a JSON object";
  Trade& t = in->trade;
  in->out_trade_no = Str(d, "out_trade_no");
  t.appid = Str(d, "appid");
  t.description = Str(d, "description");
  t.notify_url = Str(d, "notify_url");
  const rapidjson::Value* payer = Member(d, "payer");
  t.openid = payer ? Str(*payer, "openid") : "";
  const rapidjson::Value* amount = Member(d, "amount");
  t.total = Int(amount, "total").value_or(0);
  if (t.appid != k.appid) return "appid does not match the merchant";
  if (Str(d, "mchid") != k.mchid) return "mchid does not match the merchant";
  if (!ValidNo(in->out_trade_no, 6, 32)) return "out_trade_no invalid";
  if (t.description.empty() || t.description.size() > 127) return "description invalid";
  if (!ValidUrl(t.notify_url)) return "notify_url invalid";
  if (t.openid.empty()) return "payer.openid missing";
  if (t.total <= 0) return "amount.total must be a positive integer";
  const std::string currency = amount ? Str(*amount, "currency") : "";
  if (!currency.empty() && currency != "CNY") return "amount.currency must be CNY";
  const std::string expire = Str(d, "time_expire");
  if (!expire.empty()) {
    std::optional<int64_t> at = ParseRfc3339(expire);
    if (!at) return "time_expire is not RFC 3339";
    if (*at <= now) return "time_expire has passed";
    t.expire_unix = *at;
  }
  return "";
}

inline void HandleJsapi(State& st, const httplib::Request& req, httplib::Response& res) {
  const int64_t now = NowUnix();
  JsapiInput in;
  const std::string bad = ParseJsapi(st.keys, req.body, now, &in);
  if (!bad.empty()) return Error(res, 400, "PARAM_ERROR", bad);
  std::lock_guard<std::mutex> g(st.mu);
  auto it = st.trades.find(in.out_trade_no);
  if (it == st.trades.end()) {
    in.trade.prepay_id = "wx" + wechatpay::NewNonce();
    in.trade.transaction_id = "4200" + RandomDigits(24);
    st.by_txn[in.trade.transaction_id] = in.out_trade_no;
    it = st.trades.emplace(in.out_trade_no, std::move(in.trade)).first;
  } else {
    Trade& t = it->second;
    Expire(t, now);
    if (t.state == "SUCCESS") return Error(res, 400, "ORDERPAID", "该订单已支付");
    if (t.state == "CLOSED") return Error(res, 400, "ORDERCLOSED", "该订单已关闭");
    if (t.total != in.trade.total) {
      return Error(res, 400, "INVALID_REQUEST", "out_trade_no reused with another amount");
    }
  }
  JsonOut j;
  j.StartObject().Key("prepay_id").String(it->second.prepay_id).EndObject();
  Reply(res, 200, j.str());
}

inline void HandleTradeQuery(State& st, const httplib::Request& req, httplib::Response& res) {
  if (req.get_param_value("mchid") != st.keys.mchid) {
    return Error(res, 400, "PARAM_ERROR", "mchid missing or not the merchant's");
  }
  std::string json;
  {
    std::lock_guard<std::mutex> g(st.mu);
    auto it = st.trades.find(req.matches[1]);
    if (it != st.trades.end()) {
      Expire(it->second, NowUnix());
      json = View(st.keys, it->first, it->second).ToJson();
    }
  }
  if (json.empty()) return Error(res, 404, "ORDER_NOT_EXIST", "订单不存在");
  Reply(res, 200, json);
}

inline void HandleTradeClose(State& st, const httplib::Request& req, httplib::Response& res) {
  rapidjson::Document d;
  if (!ParseObject(req.body, &d) || Str(d, "mchid") != st.keys.mchid) {
    return Error(res, 400, "PARAM_ERROR", "mchid missing or not the merchant's");
  }
  std::lock_guard<std::mutex> g(st.mu);
  auto it = st.trades.find(req.matches[1]);
  if (it == st.trades.end()) return Error(res, 404, "ORDER_NOT_EXIST", "订单不存在");
  if (it->second.state == "SUCCESS") return Error(res, 400, "ORDERPAID", "该订单已支付");
  it->second.state = "CLOSED";
  res.status = 204;
}

// ---------------------------------------------------------------- refunds

struct RefundInput {
  std::string transaction_id, out_trade_no, out_refund_no, notify_url;
  int64_t refund = 0, total = 0;
};

inline std::string ParseRefund(const std::string& body, RefundInput* in) {
  rapidjson::Document d;
  if (!ParseObject(body, &d)) return "body is not a JSON object";
  in->transaction_id = Str(d, "transaction_id");
  in->out_trade_no = Str(d, "out_trade_no");
  in->out_refund_no = Str(d, "out_refund_no");
  in->notify_url = Str(d, "notify_url");
  const rapidjson::Value* amount = Member(d, "amount");
  in->refund = Int(amount, "refund").value_or(0);
  in->total = Int(amount, "total").value_or(0);
  if (in->transaction_id.empty() && in->out_trade_no.empty()) {
    return "transaction_id or out_trade_no required";
  }
  if (!ValidNo(in->out_refund_no, 1, 64)) return "out_refund_no invalid";
  if (!ValidUrl(in->notify_url)) return "notify_url invalid";
  if (in->refund <= 0 || in->total <= 0) return "amount.refund and amount.total must be positive";
  if (!amount || Str(*amount, "currency") != "CNY") return "amount.currency must be CNY";
  return "";
}

// The trade a refund names (caller holds the lock); nullptr when unknown.
inline Trade* FindRefundedTrade(State& st, const RefundInput& in, std::string* out_trade_no) {
  *out_trade_no = in.out_trade_no;
  if (!in.transaction_id.empty()) {
    auto t = st.by_txn.find(in.transaction_id);
    if (t == st.by_txn.end()) return nullptr;
    *out_trade_no = t->second;
  }
  auto it = st.trades.find(*out_trade_no);
  return it == st.trades.end() ? nullptr : &it->second;
}

// Fen already promised back by the trade's refunds that are not CLOSED (lock held).
inline int64_t Committed(const State& st, const Trade& t) {
  int64_t sum = 0;
  for (const std::string& no : t.refund_nos) {
    const wechatpay::Refund& r = st.refunds.at(no).refund;
    if (r.status != "CLOSED") sum += r.amount_refund;
  }
  return sum;
}

inline void HandleRefundCreate(State& st, const httplib::Request& req, httplib::Response& res) {
  RefundInput in;
  const std::string bad = ParseRefund(req.body, &in);
  if (!bad.empty()) return Error(res, 400, "PARAM_ERROR", bad);
  std::lock_guard<std::mutex> g(st.mu);
  std::string no;
  Trade* t = FindRefundedTrade(st, in, &no);
  if (!t) return Error(res, 404, "RESOURCE_NOT_EXISTS", "订单不存在");
  Expire(*t, NowUnix());
  if (t->state != "SUCCESS") return Error(res, 400, "INVALID_REQUEST", "订单未支付");
  auto old = st.refunds.find(in.out_refund_no);
  if (old != st.refunds.end()) {
    const wechatpay::Refund& r = old->second.refund;
    if (r.out_trade_no != no || r.amount_refund != in.refund || r.amount_total != in.total) {
      return Error(res, 400, "INVALID_REQUEST", "out_refund_no reused with other parameters");
    }
    return Reply(res, 200, r.ToJson(false));
  }
  if (in.total != t->total) return Error(res, 400, "INVALID_REQUEST", "amount.total不是订单金额");
  if (Committed(st, *t) + in.refund > t->total)
    return Error(res, 400, "NOT_ENOUGH", "可退款金额不足");
  wechatpay::Refund r;
  r.out_trade_no = no;
  r.transaction_id = t->transaction_id;
  r.out_refund_no = in.out_refund_no;
  r.refund_id = "50" + RandomDigits(27);
  r.status = "PROCESSING";
  r.amount_refund = in.refund;
  r.amount_total = in.total;
  t->refund_nos.push_back(in.out_refund_no);
  st.refunds.emplace(in.out_refund_no, RefundEntry{r, in.notify_url});
  Reply(res, 200, r.ToJson(false));
}

inline void HandleRefundQuery(State& st, const httplib::Request& req, httplib::Response& res) {
  std::string json;
  {
    std::lock_guard<std::mutex> g(st.mu);
    auto it = st.refunds.find(req.matches[1]);
    if (it != st.refunds.end()) json = it->second.refund.ToJson(false);
  }
  if (json.empty()) return Error(res, 404, "RESOURCE_NOT_EXISTS", "退款单不存在");
  Reply(res, 200, json);
}

// ---------------------------------------------------------------- notifications

enum class Repeat { kOnce, kTwice, kConcurrent, kReplay, kSilent };
enum class Forge { kNone, kWrongAmount, kBadSignature, kStaleTimestamp, kProbe, kUnknownSerial };

struct Mode {
  const char* name;
  Repeat repeat;
  Forge forge;
  const char* result;  // status the trade/refund moves to; nullptr: forged, left as is
  bool refund_only;
};

inline const Mode* FindMode(const std::string& name, bool for_refund) {
  static const Mode kModes[] = {
      {"normal", Repeat::kOnce, Forge::kNone, "SUCCESS", false},
      {"duplicate", Repeat::kTwice, Forge::kNone, "SUCCESS", false},
      {"concurrent", Repeat::kConcurrent, Forge::kNone, "SUCCESS", false},
      {"replay", Repeat::kReplay, Forge::kNone, "SUCCESS", false},
      {"silent", Repeat::kSilent, Forge::kNone, "SUCCESS", false},
      {"abnormal", Repeat::kOnce, Forge::kNone, "ABNORMAL", true},
      {"closed", Repeat::kOnce, Forge::kNone, "CLOSED", true},
      {"wrong_amount", Repeat::kOnce, Forge::kWrongAmount, nullptr, false},
      {"bad_signature", Repeat::kOnce, Forge::kBadSignature, nullptr, false},
      {"stale_timestamp", Repeat::kOnce, Forge::kStaleTimestamp, nullptr, false},
      {"probe", Repeat::kOnce, Forge::kProbe, nullptr, false},
      {"unknown_serial", Repeat::kOnce, Forge::kUnknownSerial, nullptr, false},
  };
  for (const Mode& m : kModes) {
    if (name == m.name && (for_refund || !m.refund_only)) return &m;
  }
  return nullptr;
}

// The notification envelope around `plaintext`, encrypted with the APIv3 key.
inline std::string NotificationBody(const Keys& k, const std::string& event_type,
                                    const char* summary, const char* original_type,
                                    const std::string& plaintext) {
  const int64_t now = NowUnix();
  const std::string nonce = wechatpay::NewNonce().substr(0, 12);
  JsonOut j;
  j.StartObject().Key("id").String(crypto::HexEncode(crypto::RandomBytes(16)));
  j.Key("create_time").String(wechatpay::FormatTime(now)).Key("event_type").String(event_type);
  j.Key("resource_type").String("encrypt-resource").Key("resource").StartObject();
  j.Key("algorithm").String("AEAD_AES_256_GCM");
  j.Key("ciphertext")
      .String(wechatpay::EncryptResource(k.apiv3_key, nonce, original_type, plaintext));
  j.Key("associated_data").String(original_type).Key("original_type").String(original_type);
  j.Key("nonce").String(nonce).EndObject();
  j.Key("summary").String(summary).EndObject();
  return j.str();
}

// Freshly signed Wechatpay-* headers for `body`, forged as `f` asks.
inline httplib::Headers SignNotification(const Keys& k, Forge f, const std::string& body) {
  const int64_t now = NowUnix();
  wechatpay::SignedHeaders h;
  if (f == Forge::kUnknownSerial) {
    h = wechatpay::SignResponse(RsaKey::Generate(), "UNKNOWN" + RandomDigits(16), body, now);
  } else {
    const int64_t at = f == Forge::kStaleTimestamp ? now - kStaleSeconds : now;
    h = wechatpay::SignResponse(k.platform_private, k.platform_serial, body, at);
  }
  if (f == Forge::kBadSignature) {
    h.signature = k.platform_private.SignBase64(
        wechatpay::ResponseMessage(h.timestamp, h.nonce, body + "{}"));
  }
  if (f == Forge::kProbe) {
    h.signature = wechatpay::kProbeSignaturePrefix + crypto::Base64Encode(crypto::RandomBytes(96));
  }
  return {{"Wechatpay-Timestamp", h.timestamp},
          {"Wechatpay-Nonce", h.nonce},
          {"Wechatpay-Signature", h.signature},
          {"Wechatpay-Serial", h.serial},
          {"Wechatpay-Signature-Type", wechatpay::kAuthScheme}};
}

// POSTs one notification; its HTTP status, 0 when the connection failed.
inline int Post(const std::string& url, const httplib::Headers& headers, const std::string& body) {
  BaseUrl base;
  try {
    base = ParseBaseUrl(url, "notify_url");
  } catch (const std::exception&) {
    return 0;
  }
  httplib::Client cli(base.scheme_host_port);
  cli.set_connection_timeout(5, 0);
  cli.set_read_timeout(5, 0);
  cli.set_write_timeout(5, 0);
  cli.set_tcp_nodelay(true);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  cli.enable_server_certificate_verification(false);  // local stacks use self-signed certs
#endif
  httplib::Result r = cli.Post(base.path_prefix.empty() ? "/" : base.path_prefix.c_str(), headers,
                               body, "application/json");
  return r ? r->status : 0;
}

// Two deliveries released at the same instant from two threads.
inline std::vector<int> PostConcurrently(const std::string& url, const httplib::Headers& a,
                                         const httplib::Headers& b, const std::string& body) {
  std::promise<void> go;
  std::shared_future<void> start = go.get_future().share();
  std::vector<int> out(2, 0);
  std::thread t1([&] {
    start.wait();
    out[0] = Post(url, a, body);
  });
  std::thread t2([&] {
    start.wait();
    out[1] = Post(url, b, body);
  });
  go.set_value();
  t1.join();
  t2.join();
  return out;
}

// Delivers `body` as the mode says; the statuses of the deliveries, in order.
inline std::vector<int> Deliver(const Keys& k, const Mode& m, const std::string& url,
                                const std::string& body) {
  switch (m.repeat) {
    case Repeat::kSilent:
      return {};
    case Repeat::kConcurrent:
      return PostConcurrently(url, SignNotification(k, m.forge, body),
                              SignNotification(k, m.forge, body), body);
    case Repeat::kReplay: {
      const httplib::Headers h = SignNotification(k, m.forge, body);
      const int first = Post(url, h, body);
      return {first, Post(url, h, body)};
    }
    case Repeat::kTwice: {
      const int first = Post(url, SignNotification(k, m.forge, body), body);
      return {first, Post(url, SignNotification(k, m.forge, body), body)};
    }
    case Repeat::kOnce:
      break;
  }
  return {Post(url, SignNotification(k, m.forge, body), body)};
}

inline void ReplyDelivered(httplib::Response& res, const std::vector<int>& statuses) {
  JsonOut j;
  j.StartObject().Key("delivered").Int(static_cast<int64_t>(statuses.size()));
  j.Key("responses").StartArray();
  for (int s : statuses) j.Int(s);
  j.EndArray().EndObject();
  Reply(res, 200, j.str());
}

// Reads {"<id_key>": "...", "mode": "..."}; answers 400 itself and returns nullptr on bad input.
inline const Mode* ParseControl(const httplib::Request& req, httplib::Response& res,
                                const char* id_key, bool for_refund, std::string* id) {
  rapidjson::Document d;
  if (ParseObject(req.body, &d)) *id = Str(d, id_key);
  if (id->empty()) {
    ControlError(res, 400, std::string("body must be {\"") + id_key + "\": ..., \"mode\": ...}");
    return nullptr;
  }
  const std::string name = d.HasMember("mode") ? Str(d, "mode") : "normal";
  const Mode* m = FindMode(name, for_refund);
  if (!m) ControlError(res, 400, "unknown mode '" + name + "'");
  return m;
}

// ---------------------------------------------------------------- control API

inline void HandleControlPay(State& st, const httplib::Request& req, httplib::Response& res) {
  std::string no;
  const Mode* m = ParseControl(req, res, "out_trade_no", false, &no);
  if (!m) return;
  const int64_t now = NowUnix();
  wechatpay::Transaction x;
  std::string url;
  {
    std::lock_guard<std::mutex> g(st.mu);
    auto it = st.trades.find(no);
    if (it == st.trades.end()) return ControlError(res, 404, "unknown trade " + no);
    Trade& t = it->second;
    Expire(t, now);
    if (t.state == "CLOSED") return ControlError(res, 409, "trade closed");
    if (m->result && t.state != "SUCCESS") {
      t.state = "SUCCESS";
      t.success_time = wechatpay::FormatTime(now);
    }
    x = View(st.keys, no, t);
    x.transaction_id = t.transaction_id;
    url = t.notify_url;
  }
  x.trade_state = "SUCCESS";  // a forged notification claims success too
  if (x.success_time.empty()) x.success_time = wechatpay::FormatTime(now);
  if (m->forge == Forge::kWrongAmount) x.amount_total += 1;
  const std::string body =
      NotificationBody(st.keys, "TRANSACTION.SUCCESS", "支付成功", "transaction", x.ToJson());
  ReplyDelivered(res, Deliver(st.keys, *m, url, body));
}

inline const char* RefundSummary(const std::string& status) {
  if (status == "SUCCESS") return "退款成功";
  return status == "CLOSED" ? "退款关闭" : "退款异常";
}

inline void HandleControlRefund(State& st, const httplib::Request& req, httplib::Response& res) {
  std::string no;
  const Mode* m = ParseControl(req, res, "out_refund_no", true, &no);
  if (!m) return;
  const int64_t now = NowUnix();
  wechatpay::Refund r;
  std::string url;
  {
    std::lock_guard<std::mutex> g(st.mu);
    auto it = st.refunds.find(no);
    if (it == st.refunds.end()) return ControlError(res, 404, "unknown refund " + no);
    wechatpay::Refund& cur = it->second.refund;
    const bool final = cur.status == "SUCCESS" || cur.status == "CLOSED";
    if (m->result && final && cur.status != m->result) {
      return ControlError(res, 409, "refund already " + cur.status);
    }
    if (m->result && cur.status != m->result) {
      cur.status = m->result;
      if (cur.status == "SUCCESS") cur.success_time = wechatpay::FormatTime(now);
    }
    r = cur;
    url = it->second.notify_url;
  }
  r.mchid = st.keys.mchid;
  r.status = m->result ? m->result : "SUCCESS";  // a forged notification claims success
  if (r.status == "SUCCESS" && r.success_time.empty()) r.success_time = wechatpay::FormatTime(now);
  if (m->forge == Forge::kWrongAmount) r.amount_refund += 1;
  const std::string body = NotificationBody(st.keys, "REFUND." + r.status, RefundSummary(r.status),
                                            "refund", r.ToJson(true));
  ReplyDelivered(res, Deliver(st.keys, *m, url, body));
}

inline void HandleControlRequests(State& st, const httplib::Request& req, httplib::Response& res) {
  const std::string needle = req.get_param_value("contains");
  JsonOut j;
  j.StartObject().Key("requests").StartArray();
  {
    std::lock_guard<std::mutex> g(st.mu);
    for (const Recorded& r : st.requests) {
      if (!needle.empty() && r.path.find(needle) == std::string::npos &&
          r.body.find(needle) == std::string::npos) {
        continue;
      }
      j.StartObject().Key("method").String(r.method).Key("path").String(r.path);
      j.Key("signature_ok").Bool(r.signature_ok).Key("status").Int(r.status).EndObject();
    }
  }
  j.EndArray().EndObject();
  Reply(res, 200, j.str());
}

inline void HandleControlReset(State& st, const httplib::Request&, httplib::Response& res) {
  size_t n = 0;
  {
    std::lock_guard<std::mutex> g(st.mu);
    n = st.requests.size();
    st.requests.clear();
  }
  JsonOut j;
  j.StartObject().Key("cleared").Int(static_cast<int64_t>(n)).EndObject();
  Reply(res, 200, j.str());
}

// ---------------------------------------------------------------- setup

// The fake's state from config; nullptr (after a log line) when the keys are missing.
inline std::shared_ptr<State> NewState(const Config& cfg) {
  static const char* const kKeys[] = {"wechatpay.mchid",
                                      "wechatpay.appid",
                                      "wechatpay.merchant_cert_file",
                                      "wechatpay.merchant_serial",
                                      "wechatpay.platform_key_file",
                                      "wechatpay.platform_serial"};
  for (const char* key : kKeys) {
    if (cfg.Get(key).empty()) {
      std::fprintf(stderr, "fake_wechatpay: %s not configured; pay routes not registered\n", key);
      return nullptr;
    }
  }
  try {
    const std::string apiv3_key = wechatpay::LoadApiV3Key(cfg);
    if (apiv3_key.size() != 32) {
      std::fprintf(stderr, "fake_wechatpay: the APIv3 key must be 32 characters\n");
      return nullptr;
    }
    return std::make_shared<State>(
        Keys{cfg.Get("wechatpay.mchid"), cfg.Get("wechatpay.appid"),
             cfg.Get("wechatpay.merchant_serial"), cfg.Get("wechatpay.platform_serial"), apiv3_key,
             RsaKey::PublicFromFile(cfg.Get("wechatpay.merchant_cert_file")),
             RsaKey::PrivateFromFile(cfg.Get("wechatpay.platform_key_file"))});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fake_wechatpay: %s; pay routes not registered\n", e.what());
    return nullptr;
  }
}

}  // namespace fake_wechatpay

inline void RegisterFakeWechatPay(httplib::Server& svr, const Config& cfg) {
  using namespace fake_wechatpay;
  std::shared_ptr<State> st = NewState(cfg);
  if (!st) return;
  svr.Post("/v3/pay/transactions/jsapi", Signed(st, HandleJsapi));
  svr.Get(R"(/v3/pay/transactions/out-trade-no/([^/]+))", Signed(st, HandleTradeQuery));
  svr.Post(R"(/v3/pay/transactions/out-trade-no/([^/]+)/close)", Signed(st, HandleTradeClose));
  svr.Post("/v3/refund/domestic/refunds", Signed(st, HandleRefundCreate));
  svr.Get(R"(/v3/refund/domestic/refunds/([^/]+))", Signed(st, HandleRefundQuery));
  svr.Post("/_control/pay", Control(st, HandleControlPay));
  svr.Post("/_control/refund", Control(st, HandleControlRefund));
  svr.Get("/_control/requests", Control(st, HandleControlRequests));
  svr.Post("/_control/reset", Control(st, HandleControlReset));
  // A control call holds its server thread for the backend's whole round trip
  // (twice for duplicate), so the default 8 threads would cap the rate tests need.
  // httplib's factory hook returns a raw pointer that the server owns and deletes.
  svr.new_task_queue = [] { return new httplib::ThreadPool(64); };
  std::fprintf(stderr, "fake_wechatpay: pay routes registered for mchid %s\n",
               st->keys.mchid.c_str());
}

}  // namespace rz
