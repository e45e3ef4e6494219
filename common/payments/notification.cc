// Verification and decryption of WeChat Pay notifications; see notification.h.
#include "payments/notification.h"

#include "core/log.h"
#include "core/time_util.h"
#include "wechatpay/messages.h"

namespace rz::payments {

namespace {
constexpr int kNonceTtlSeconds = 15 * 60;  // longer than the timestamp window on both sides
}

OpenedNotification OpenNotification(const wechatpay::Settings& cfg, Redis* redis,
                                    const wechatpay::SignedHeaders& h, const std::string& body,
                                    const std::string& original_type) {
  const wechatpay::Verdict v = wechatpay::VerifySigned(*cfg.platform_keys, h, body, NowUnix());
  if (v != wechatpay::Verdict::kOk) {
    LogWarn("wechatpay notification rejected", {{"why", wechatpay::VerdictText(v)}});
    throw NotifyRejected(401, wechatpay::VerdictText(v));
  }
  // Only after the signature verified: a forger cannot burn nonces.
  if (redis) {
    RedisReply r = redis->Command(
        {"SET", "wxpay:nonce:" + h.nonce, "1", "NX", "EX", std::to_string(kNonceTtlSeconds)});
    if (r.is_nil()) {
      LogWarn("wechatpay notification replayed", {});
      throw NotifyRejected(401, "replayed nonce");
    }
    if (!r.ok) LogWarn("wechatpay nonce not checked: redis unavailable", {});
  }
  auto n = wechatpay::Notification::Parse(body);
  if (!n) throw NotifyRejected(400, "not a notification");
  if (n->algorithm != "AEAD_AES_256_GCM" || n->original_type != original_type) {
    throw NotifyRejected(400, "unexpected resource");
  }
  auto plain =
      wechatpay::DecryptResource(cfg.apiv3_key, n->nonce, n->associated_data, n->ciphertext);
  if (!plain) {
    LogWarn("wechatpay notification does not decrypt", {{"id", n->id}});
    throw NotifyRejected(400, "resource does not decrypt");
  }
  return OpenedNotification{n->id, n->event_type, *plain};
}

}  // namespace rz::payments
