// Opening a WeChat Pay notification (POST notify_url): signature with the
// platform key of its serial, the 5-minute timestamp window, the nonce never
// seen before (Redis, 15 minutes), the envelope, then AES-256-GCM decryption of
// the resource. Only a notification that passes all of it reaches the tables.
#pragma once

#include <stdexcept>
#include <string>

#include "cache/redis.h"
#include "wechatpay/client.h"
#include "wechatpay/protocol.h"

namespace rz::payments {

// Why a notification was refused: the HTTP status WeChat gets (it retries on
// any non-2xx) and the message of the {"code":"FAIL"} answer.
class NotifyRejected : public std::runtime_error {
 public:
  NotifyRejected(int http_status, const std::string& message)
      : std::runtime_error(message), status_(http_status) {}
  int status() const { return status_; }

 private:
  int status_;
};

struct OpenedNotification {
  std::string id, event_type, plaintext;  // plaintext: the decrypted resource JSON
};

// `original_type`: "transaction" or "refund" (the resource must say so).
// 401 for signature/timestamp/serial/probe/replay failures, 400 for a body that
// is not a notification or does not decrypt. Redis unreachable: the nonce check
// is skipped (logged) — the tables still change at most once.
OpenedNotification OpenNotification(const wechatpay::Settings& cfg, Redis* redis,
                                    const wechatpay::SignedHeaders& h, const std::string& body,
                                    const std::string& original_type);

}  // namespace rz::payments
