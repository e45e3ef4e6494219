// Business rules of the auth worker: WeChat login (first login creates the
// user), refresh-token rotation, logout, and binding the WeChat phone number.
#pragma once

#include <cstdint>
#include <string>

#include "app/worker.h"
#include "auth/token_service.h"
#include "handlers/auth/auth_repo.h"
#include "handlers/auth/wechat_token_cache.h"
#include "http/request.h"
#include "users/user_record.h"
#include "wechat/wechat_client.h"

namespace rz::auth {

struct LoginInput {
  std::string code;
  std::string iv;              // with encrypted_data, or both ""
  std::string encrypted_data;  // WeChat user info, AES-128-CBC under the session key
  std::string nickname;        // "" = not supplied
  std::string avatar_url;      // "" = not supplied
};

struct LoginResult {
  TokenPair tokens;
  UserRecord user;
};

class AuthService {
 public:
  explicit AuthService(WorkerContext& ctx);

  // 4001 for a code WeChat rejects, 4002 for a disabled user, 4004 for
  // encryptedData that does not decrypt to our appid's data, 5002 when WeChat or
  // Redis is down.
  LoginResult Login(const LoginInput& in);
  // 4001 for a bad, expired, revoked or replayed refresh token; 4002 when the user
  // has been disabled since.
  TokenPair Refresh(const std::string& refresh_token);
  // Revokes the calling access token and all of the user's refresh families.
  void Logout(const Principal& who);
  // Asks WeChat for the number behind a getPhoneNumber code and stores it
  // encrypted. 4004 for a rejected code.
  UserRecord BindPhone(int64_t user_id, const std::string& code);

 private:
  // Fills nickname/avatar from encryptedData when the body did not supply them.
  void FillFromUserInfo(const std::string& session_key, const LoginInput& in,
                        LoginProfile* profile) const;
  UserRecord LoadActive(int64_t user_id);

  WorkerContext& ctx_;
  WechatClient wechat_;
  AuthRepo repo_;
  TokenService tokens_;
  WechatTokenCache wx_tokens_;
};

}  // namespace rz::auth
