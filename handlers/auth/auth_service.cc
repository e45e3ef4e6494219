// Auth worker services; see auth_service.h.
#include "handlers/auth/auth_service.h"

#include <rapidjson/document.h>

#include "auth/token_auth.h"
#include "core/error.h"
#include "core/json_in.h"
#include "core/log.h"
#include "users/profile_checks.h"

namespace rz::auth {
namespace {

// The session key is only needed while the user's login session may still send
// encrypted data, so it lives as long as an access token.
constexpr int kSessionKeyTtlSeconds = static_cast<int>(kAccessTtlSeconds);

std::string SessionKeyKey(int64_t user_id) { return "wx:session:" + std::to_string(user_id); }

std::string StringField(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

AuthService::AuthService(WorkerContext& ctx)
    : ctx_(ctx),
      wechat_(ctx.config.Require("wechat.api_base"), ctx.config.Require("wechat.appid"),
              ctx.config.Require("wechat.secret")),
      repo_(*ctx.db),
      tokens_(ctx.config.Require("jwt.secret"), *ctx.redis),
      wx_tokens_(wechat_, *ctx.redis) {}

LoginResult AuthService::Login(const LoginInput& in) {
  // Login codes are single-use: find out that Redis is down before spending one.
  if (!ctx_.redis->Ping()) throw Unavailable("session store unavailable");
  WechatClient::Session wx = wechat_.Jscode2Session(in.code);

  LoginProfile profile{wx.openid, wx.unionid, in.nickname, in.avatar_url};
  if (!in.encrypted_data.empty()) FillFromUserInfo(wx.session_key, in, &profile);

  int64_t id = repo_.UpsertOnLogin(profile);
  UserRecord user = LoadActive(id);
  if (!ctx_.redis->Set(SessionKeyKey(id), wx.session_key, kSessionKeyTtlSeconds)) {
    throw Unavailable("session store unavailable");
  }
  return {tokens_.IssueNewFamily(id), std::move(user)};
}

void AuthService::FillFromUserInfo(const std::string& session_key, const LoginInput& in,
                                   LoginProfile* profile) const {
  auto plain =
      WechatClient::DecryptUserInfo(session_key, in.iv, in.encrypted_data, wechat_.appid());
  if (!plain) throw BadRequest("encryptedData", "does not decrypt to this app's user info");
  rapidjson::Document d;
  d.Parse(plain->data(), plain->size());  // DecryptUserInfo checked it is an object
  // WeChat's own values get the same limits as a client-supplied profile.
  std::string nick = StringField(d, "nickName");
  long nick_len = Utf8Length(nick);
  if (profile->nickname.empty() && nick_len > 0 && nick_len <= 32) profile->nickname = nick;
  std::string avatar = StringField(d, "avatarUrl");
  if (profile->avatar_url.empty() && avatar.size() <= 512 && IsHttpUrl(avatar)) {
    profile->avatar_url = avatar;
  }
}

UserRecord AuthService::LoadActive(int64_t user_id) {
  auto user = repo_.Find(user_id);
  if (!user) throw Unauthorized("unknown user");
  if (!user->active()) throw Forbidden("account disabled");
  return *user;
}

TokenPair AuthService::Refresh(const std::string& refresh_token) {
  crypto::JwtClaims claims = tokens_.VerifyRefresh(refresh_token);
  // Checked before rotating: a disabled user keeps no live refresh token either way.
  LoadActive(claims.sub);
  return tokens_.Rotate(claims);
}

void AuthService::Logout(const Principal& who) {
  tokens_.RevokeAccess(who.jti, who.token_exp);
  tokens_.RevokeFamilies(who.id);
}

UserRecord AuthService::BindPhone(int64_t user_id, const std::string& code) {
  std::string token = wx_tokens_.Get();
  std::string phone;
  try {
    phone = wechat_.GetPhoneNumber(token, code);
  } catch (const WechatTokenExpired&) {
    // Expired or replaced behind our back: refresh once; a second rejection is a 5002.
    phone = wechat_.GetPhoneNumber(wx_tokens_.Replace(token), code);
  }
  if (!repo_.SetPhone(user_id, ctx_.cipher->Encrypt(phone), ctx_.cipher->BlindIndex(phone))) {
    throw NotFound("user not found");
  }
  ctx_.redis->Del(TokenAuthenticator::UserKey(user_id));
  LogInfo("phone bound", {{"user", std::to_string(user_id)}, {"phone", MaskPhone(phone)}});
  return LoadActive(user_id);
}

}  // namespace rz::auth
