// The WeChat server access token, one for the whole fleet (wechat.md): cached in
// Redis as wx:access_token and refreshed by one worker at a time under the
// wx:access_token:lock key, because every fetch of a new token invalidates the
// previous one and workers refreshing independently would keep killing each
// other's token.
#pragma once

#include <string>

#include "cache/redis.h"
#include "wechat/wechat_client.h"

namespace rz::auth {

class WechatTokenCache {
 public:
  WechatTokenCache(const WechatClient& client, Redis& redis);

  // The cached token, fetched from WeChat when there is none. 5002 when Redis or
  // WeChat is down, or when another worker holds the lock for too long.
  std::string Get();
  // After WeChat rejected `rejected`: a newer token, fetched unless another worker
  // already replaced it.
  std::string Replace(const std::string& rejected);

 private:
  // A cached token other than `unwanted` ("" = any), fetching one if needed.
  std::string Obtain(const std::string& unwanted);
  std::string FetchAndStore();

  const WechatClient& client_;
  Redis& redis_;
};

}  // namespace rz::auth
