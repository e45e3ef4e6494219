// Outbound WeChat Pay API v3 client (wechat.md "WeChat Pay API v3"): every
// request is signed with the merchant key, every answer's Wechatpay-* signature
// is verified against the platform key of its serial before it is believed.
// Timeouts are bounded (connect 3 s, read 5 s by default); a network failure,
// an unverifiable answer or a 5xx is ApiError 5002. Nothing secret (keys, the
// APIv3 key, signatures) is ever logged. Stateless apart from its settings, so
// one instance is shared by all worker threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/config.h"
#include "wechatpay/messages.h"
#include "wechatpay/protocol.h"
#include "wechatpay/rsa_key.h"

namespace rz::wechatpay {

struct Settings {
  std::string api_base;  // "https://api.mch.weixin.qq.com" or a fake
  std::string mchid, appid;
  std::string merchant_serial;
  std::string apiv3_key;  // 32 bytes
  std::string notify_url, refund_notify_url;
  std::shared_ptr<const RsaKey> merchant_key;
  std::shared_ptr<const PlatformKeys> platform_keys;
  int connect_timeout_ms = 3000;
  int read_timeout_ms = 5000;

  // From config: wechatpay.api_base, mchid, appid, merchant_key_file,
  // merchant_serial, apiv3_key_file (or apiv3_key), platform_cert_file (a
  // certificate or public key PEM) + platform_serial, notify_url,
  // refund_notify_url, connect_timeout_ms, read_timeout_ms. Throws
  // std::runtime_error naming the first missing or unreadable key.
  static Settings FromConfig(const Config& cfg);
};

// The APIv3 key: wechatpay.apiv3_key_file (the file's first line) or, for
// development, wechatpay.apiv3_key; "" when neither is set. Throws
// std::runtime_error naming the file when it cannot be read.
std::string LoadApiV3Key(const Config& cfg);

// Mini-program payment parameters (wx.requestPayment).
struct PayParams {
  std::string app_id, time_stamp, nonce_str, package, sign_type, pay_sign;
};

class Client {
 public:
  explicit Client(Settings s);

  struct JsapiOrder {
    std::string out_trade_no, description, payer_openid;
    int64_t total = 0;        // fen
    std::string time_expire;  // RFC 3339, e.g. "2026-11-25T12:30:00+08:00"
  };
  // POST /v3/pay/transactions/jsapi -> prepay_id. A 4xx answer (e.g. the trade
  // is already paid or closed at WeChat) is Conflict("payment_rejected", code).
  std::string CreateJsapiOrder(const JsapiOrder& o) const;

  // GET /v3/pay/transactions/out-trade-no/{no}?mchid= ; nullopt when WeChat
  // does not know the trade (404 ORDER_NOT_EXIST).
  std::optional<Transaction> QueryTransaction(const std::string& out_trade_no) const;

  enum class CloseResult { kClosed, kAlreadyPaid, kUnknownTrade };
  // POST /v3/pay/transactions/out-trade-no/{no}/close (idempotent).
  CloseResult CloseTransaction(const std::string& out_trade_no) const;

  struct RefundRequest {
    std::string transaction_id, out_refund_no, reason;
    int64_t refund = 0, total = 0;  // fen
  };
  // POST /v3/refund/domestic/refunds. Idempotent at WeChat by out_refund_no.
  // A 4xx answer is Conflict("refund_rejected", code).
  Refund CreateRefund(const RefundRequest& r) const;
  // GET /v3/refund/domestic/refunds/{out_refund_no}; nullopt when unknown.
  std::optional<Refund> QueryRefund(const std::string& out_refund_no) const;

  PayParams MiniProgramParams(const std::string& prepay_id, int64_t now_unix) const;

  const Settings& settings() const { return s_; }

 private:
  struct Answer {
    int status = 0;
    std::string body;
  };
  Answer Call(const std::string& method, const std::string& path_with_query,
              const std::string& body, bool retry_if_not_sent, const char* what) const;

  Settings s_;
  std::string scheme_host_port_, path_prefix_;
};

}  // namespace rz::wechatpay
