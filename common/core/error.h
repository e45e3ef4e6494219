// The one error type of the API: a stable code that maps to an HTTP status and
// the envelope of api.md. Services and handlers throw ApiError; the dispatcher
// turns it (and any other escaped exception, as 5001) into the response.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace rz {

enum class ErrorCode {
  kUnauthorized = 4001,
  kForbidden = 4002,
  kNotFound = 4003,
  kBadRequest = 4004,
  kConflict = 4005,
  kRateLimited = 4006,
  kPayloadTooLarge = 4007,
  kInternal = 5001,
  kUnavailable = 5002,
};

// HTTP status for a code (4001 -> 401, 4003 -> 404, ...).
int HttpStatusFor(ErrorCode code);
// Default `error.type` for a code ("unauthorized", "not_found", ...).
const char* DefaultTypeFor(ErrorCode code);
// Chinese user-facing message for a code ("请求参数错误", ...).
const char* MessageFor(ErrorCode code);

class ApiError : public std::runtime_error {
 public:
  ApiError(ErrorCode code, std::string detail, std::string type = "",
           std::map<std::string, std::string> fields = {});

  ErrorCode code() const { return code_; }
  const std::string& type() const { return type_; }
  const std::string& detail() const { return detail_; }
  const std::map<std::string, std::string>& fields() const { return fields_; }

 private:
  ErrorCode code_;
  std::string type_;
  std::string detail_;
  std::map<std::string, std::string> fields_;
};

// One-line constructors for the common failures.
ApiError BadRequest(const std::string& field, const std::string& why);
ApiError BadRequestFields(std::map<std::string, std::string> fields);
ApiError NotFound(const std::string& what = "resource not found");
ApiError Unauthorized(const std::string& detail = "invalid or missing token");
ApiError Forbidden(const std::string& detail = "forbidden");
ApiError Conflict(const std::string& type, const std::string& detail);
ApiError Unavailable(const std::string& detail);

}  // namespace rz
