// The JSON documents of WeChat Pay v3 that the backend reads: the notification
// envelope and the decrypted transaction / refund resources (also the answers
// of the query and refund APIs). Parsing is lenient about extra fields and
// strict about the ones used: a missing or mistyped one is nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace rz::wechatpay {

struct Notification {
  std::string id, event_type, resource_type;
  std::string algorithm, ciphertext, associated_data, original_type, nonce;
  static std::optional<Notification> Parse(const std::string& body);
};

// A transaction (notification resource, or the query API's answer).
struct Transaction {
  std::string appid, mchid, out_trade_no, transaction_id, trade_state, success_time, payer_openid;
  int64_t amount_total = 0;  // fen
  bool paid() const { return trade_state == "SUCCESS"; }
  static std::optional<Transaction> Parse(const std::string& json);
  std::string ToJson() const;
};

// A refund (notification resource: `refund_status`; refund APIs: `status`).
struct Refund {
  std::string mchid, out_trade_no, transaction_id, out_refund_no, refund_id, status, success_time;
  int64_t amount_refund = 0, amount_total = 0;  // fen
  static std::optional<Refund> Parse(const std::string& json);
  std::string ToJson(bool as_notification) const;
};

}  // namespace rz::wechatpay
