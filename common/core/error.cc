// Code -> HTTP status / type / message table for ApiError.
#include "core/error.h"

namespace rz {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kBadRequest:
      return 400;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

const char* DefaultTypeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnauthorized:
      return "unauthorized";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kBadRequest:
      return "bad_request";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kUnavailable:
      return "unavailable";
  }
  return "internal";
}

const char* MessageFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnauthorized:
      return "未登录或登录已过期";
    case ErrorCode::kForbidden:
      return "没有权限";
    case ErrorCode::kNotFound:
      return "资源不存在";
    case ErrorCode::kBadRequest:
      return "请求参数错误";
    case ErrorCode::kConflict:
      return "操作冲突";
    case ErrorCode::kRateLimited:
      return "请求过于频繁";
    case ErrorCode::kPayloadTooLarge:
      return "请求体过大";
    case ErrorCode::kInternal:
      return "服务器内部错误";
    case ErrorCode::kUnavailable:
      return "服务暂不可用";
  }
  return "服务器内部错误";
}

ApiError::ApiError(ErrorCode code, std::string detail, std::string type,
                   std::map<std::string, std::string> fields)
    : std::runtime_error(detail),
      code_(code),
      type_(type.empty() ? DefaultTypeFor(code) : std::move(type)),
      detail_(std::move(detail)),
      fields_(std::move(fields)) {}

ApiError BadRequest(const std::string& field, const std::string& why) {
  return ApiError(ErrorCode::kBadRequest, field + ": " + why, "", {{field, why}});
}

ApiError BadRequestFields(std::map<std::string, std::string> fields) {
  std::string detail;
  for (const auto& [k, v] : fields) {
    if (!detail.empty()) detail += "; ";
    detail += k + ": " + v;
  }
  return ApiError(ErrorCode::kBadRequest, detail, "", std::move(fields));
}

ApiError NotFound(const std::string& what) { return ApiError(ErrorCode::kNotFound, what); }
ApiError Unauthorized(const std::string& detail) {
  return ApiError(ErrorCode::kUnauthorized, detail);
}
ApiError Forbidden(const std::string& detail) { return ApiError(ErrorCode::kForbidden, detail); }
ApiError Conflict(const std::string& type, const std::string& detail) {
  return ApiError(ErrorCode::kConflict, detail, type);
}
ApiError Unavailable(const std::string& detail) {
  return ApiError(ErrorCode::kUnavailable, detail);
}

}  // namespace rz
