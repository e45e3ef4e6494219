// Parsing and rendering of the WeChat Pay v3 documents in messages.h.
#include "wechatpay/messages.h"

#include <rapidjson/document.h>

#include "core/json_out.h"

namespace rz::wechatpay {
namespace {

bool Str(const rapidjson::Value& o, const char* name, std::string* out, bool required = true) {
  auto it = o.FindMember(name);
  if (it == o.MemberEnd() || !it->value.IsString()) return !required;
  out->assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

bool Int(const rapidjson::Value& o, const char* name, int64_t* out) {
  auto it = o.FindMember(name);
  if (it == o.MemberEnd() || !it->value.IsInt64()) return false;
  *out = it->value.GetInt64();
  return true;
}

const rapidjson::Value* Obj(const rapidjson::Value& o, const char* name) {
  auto it = o.FindMember(name);
  return it != o.MemberEnd() && it->value.IsObject() ? &it->value : nullptr;
}

bool ParseObject(const std::string& json, rapidjson::Document* d) {
  d->Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  return !d->HasParseError() && d->IsObject();
}

}  // namespace

std::optional<Notification> Notification::Parse(const std::string& body) {
  rapidjson::Document d;
  if (!ParseObject(body, &d)) return std::nullopt;
  Notification n;
  const rapidjson::Value* r = Obj(d, "resource");
  if (!r || !Str(d, "id", &n.id) || !Str(d, "event_type", &n.event_type) ||
      !Str(d, "resource_type", &n.resource_type, false) || !Str(*r, "algorithm", &n.algorithm) ||
      !Str(*r, "ciphertext", &n.ciphertext) || !Str(*r, "nonce", &n.nonce) ||
      !Str(*r, "associated_data", &n.associated_data, false) ||
      !Str(*r, "original_type", &n.original_type, false)) {
    return std::nullopt;
  }
  return n;
}

std::optional<Transaction> Transaction::Parse(const std::string& json) {
  rapidjson::Document d;
  if (!ParseObject(json, &d)) return std::nullopt;
  Transaction t;
  if (!Str(d, "appid", &t.appid) || !Str(d, "mchid", &t.mchid) ||
      !Str(d, "out_trade_no", &t.out_trade_no) || !Str(d, "trade_state", &t.trade_state) ||
      !Str(d, "transaction_id", &t.transaction_id, false) ||
      !Str(d, "success_time", &t.success_time, false)) {
    return std::nullopt;
  }
  if (const rapidjson::Value* payer = Obj(d, "payer"))
    Str(*payer, "openid", &t.payer_openid, false);
  const rapidjson::Value* amount = Obj(d, "amount");
  if (t.paid() &&
      (!amount || !Int(*amount, "total", &t.amount_total) || t.transaction_id.empty())) {
    return std::nullopt;  // a success must say how much and which transaction
  }
  if (amount) Int(*amount, "total", &t.amount_total);
  return t;
}

std::string Transaction::ToJson() const {
  JsonOut j;
  j.StartObject();
  j.Key("appid").String(appid).Key("mchid").String(mchid);
  j.Key("out_trade_no").String(out_trade_no);
  if (!transaction_id.empty()) j.Key("transaction_id").String(transaction_id);
  j.Key("trade_type").String("JSAPI").Key("trade_state").String(trade_state);
  j.Key("trade_state_desc").String(trade_state == "SUCCESS" ? "支付成功" : trade_state);
  if (!success_time.empty()) j.Key("success_time").String(success_time);
  j.Key("payer").StartObject().Key("openid").String(payer_openid).EndObject();
  j.Key("amount").StartObject().Key("total").Int(amount_total);
  j.Key("payer_total").Int(amount_total).Key("currency").String("CNY");
  j.Key("payer_currency").String("CNY").EndObject();
  j.EndObject();
  return j.str();
}

std::optional<Refund> Refund::Parse(const std::string& json) {
  rapidjson::Document d;
  if (!ParseObject(json, &d)) return std::nullopt;
  Refund r;
  if (!Str(d, "out_refund_no", &r.out_refund_no) || !Str(d, "refund_id", &r.refund_id) ||
      !Str(d, "out_trade_no", &r.out_trade_no, false) ||
      !Str(d, "transaction_id", &r.transaction_id, false) || !Str(d, "mchid", &r.mchid, false) ||
      !Str(d, "success_time", &r.success_time, false)) {
    return std::nullopt;
  }
  if (!Str(d, "refund_status", &r.status) && !Str(d, "status", &r.status)) return std::nullopt;
  const rapidjson::Value* amount = Obj(d, "amount");
  if (!amount || !Int(*amount, "refund", &r.amount_refund) ||
      !Int(*amount, "total", &r.amount_total)) {
    return std::nullopt;
  }
  return r;
}

std::string Refund::ToJson(bool as_notification) const {
  JsonOut j;
  j.StartObject();
  if (!mchid.empty()) j.Key("mchid").String(mchid);
  j.Key("out_trade_no").String(out_trade_no).Key("transaction_id").String(transaction_id);
  j.Key("out_refund_no").String(out_refund_no).Key("refund_id").String(refund_id);
  j.Key(as_notification ? "refund_status" : "status").String(status);
  if (!success_time.empty()) j.Key("success_time").String(success_time);
  j.Key("amount").StartObject().Key("total").Int(amount_total).Key("refund").Int(amount_refund);
  j.Key("payer_total").Int(amount_total).Key("payer_refund").Int(amount_refund);
  j.Key("currency").String("CNY").EndObject();
  j.EndObject();
  return j.str();
}

}  // namespace rz::wechatpay
