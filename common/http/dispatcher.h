// The dispatcher does every shared step once, so handlers stay small: route
// lookup (404/405), body-size limit, JSON parsing, authentication and
// permission for the route's realm, running the handler, turning ApiError or
// any escaped exception into the envelope (never leaking details), the access
// log line and metrics. /_health and /_metrics are answered here too.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/metrics.h"
#include "http/router.h"

namespace rz {

// Authenticates a bearer token for a realm. Throws ApiError 4001/4002.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual Principal Authenticate(const std::string& token, Realm realm) = 0;
  // Admin realm: whether the principal's role holds `permission`.
  virtual bool HasPermission(const Principal&, const std::string& /*permission*/) { return false; }
};

struct DispatcherOptions {
  std::string area;  // "catalog"
  std::string version = "dev";
  size_t max_body = 1 << 20;  // bytes
  bool access_log = true;
  // Health probe: fills mysql/redis reachability.
  std::function<void(bool* mysql, bool* redis)> health;
};

class Dispatcher {
 public:
  Dispatcher(Router router, std::shared_ptr<Authenticator> auth, DispatcherOptions opts);

  // Runs the whole pipeline; `req.body` holds at most max_body+1 bytes and
  // `declared_length` is the CONTENT_LENGTH the client announced.
  void Handle(Request& req, Response& res, size_t declared_length);
  size_t max_body() const { return opts_.max_body; }
  Metrics& metrics() { return *metrics_; }
  const Router& router() const { return router_; }

 private:
  void Run(Request& req, Response& res, size_t declared_length, size_t* route_index);
  bool HandleBuiltin(const Request& req, Response& res);

  Router router_;
  std::shared_ptr<Authenticator> auth_;
  DispatcherOptions opts_;
  std::unique_ptr<Metrics> metrics_;
  std::string health_path_, alt_health_path_, metrics_path_;
};

}  // namespace rz
