// Dispatcher pipeline; see dispatcher.h.
#include "http/dispatcher.h"

#include <rapidjson/error/en.h>

#include <soci/soci.h>
#include <chrono>

#include "core/json_out.h"
#include "core/log.h"
#include "core/time_util.h"
#include "db/db.h"

namespace rz {

Dispatcher::Dispatcher(Router router, std::shared_ptr<Authenticator> auth, DispatcherOptions opts)
    : router_(std::move(router)), auth_(std::move(auth)), opts_(std::move(opts)) {
  std::vector<std::string> labels;
  for (const auto& r : router_.routes()) labels.push_back(r.method + " " + r.pattern);
  metrics_ = std::make_unique<Metrics>(opts_.area, labels);
  std::string prefix = "/api/v1/" + opts_.area;
  if (opts_.area.rfind("admin-", 0) == 0) prefix = "/api/admin/v1/" + opts_.area.substr(6);
  health_path_ = prefix + "/_health";
  alt_health_path_ = "/api/v1/" + opts_.area + "/_health";  // admin-* areas: nginx's probe path
  metrics_path_ = prefix + "/_metrics";
}

bool Dispatcher::HandleBuiltin(const Request& req, Response& res) {
  if (req.method != "GET") return false;
  if (req.path == health_path_ || req.path == alt_health_path_) {
    bool mysql = false, redis = false;
    if (opts_.health) opts_.health(&mysql, &redis);
    JsonOut j;
    j.StartObject();
    j.Key("status").String(mysql ? "ok" : "degraded");
    j.Key("mysql").Bool(mysql).Key("redis").Bool(redis);
    j.Key("version").String(opts_.version);
    j.EndObject();
    res.Ok(j);
    if (!mysql) res.status = 503;
    return true;
  }
  if (req.path == metrics_path_) {
    res.status = 200;
    res.content_type = "text/plain; version=0.0.4";
    res.body = metrics_->Render();
    return true;
  }
  return false;
}

void Dispatcher::Run(Request& req, Response& res, size_t declared_length, size_t* route_index) {
  if (HandleBuiltin(req, res)) return;
  Router::Result found = router_.Find(req.method, req.path);
  if (found.match == Router::Match::kNotFound) throw NotFound("no such endpoint");
  if (found.match == Router::Match::kWrongMethod) {
    res.Header("Allow", found.allow);
    ApiError e(ErrorCode::kBadRequest, "method not allowed; allowed: " + found.allow,
               "method_not_allowed");
    res.Error(e);
    res.status = 405;
    return;
  }
  const Route& route = *found.route;
  *route_index = found.index;
  req.params = std::move(found.params);

  size_t limit = route.body_limit ? route.body_limit : opts_.max_body;
  if (declared_length > limit || req.body.size() > limit) {
    throw ApiError(ErrorCode::kPayloadTooLarge, "body exceeds " + std::to_string(limit) + " bytes");
  }

  // Authentication before body parsing: an anonymous caller learns nothing
  // about the endpoint's validation.
  if (route.realm != Realm::kPublic) {
    std::string token = req.BearerToken();
    if (token.empty()) {
      if (route.realm != Realm::kOptionalUser) throw Unauthorized("missing bearer token");
    } else if (auth_) {
      // A bad token is an error even on an optional-auth route: the client meant to be someone.
      req.principal = auth_->Authenticate(token, route.realm);
    } else {
      throw Unauthorized();
    }
    if (route.realm == Realm::kAdmin && !route.permission.empty() &&
        !auth_->HasPermission(req.principal, route.permission)) {
      throw Forbidden("missing permission " + route.permission);
    }
  }

  if (route.raw_body) {
    req.json.SetObject();
  } else if (!req.body.empty() && (req.method == "POST" || req.method == "PUT" ||
                                   req.method == "PATCH" || req.method == "DELETE")) {
    // DELETE too: admin deletes carry {"confirm": true} (admin.md).
    bool multipart = req.content_type.rfind("multipart/", 0) == 0;
    if (!multipart) {
      req.json.Parse<rapidjson::kParseValidateEncodingFlag>(req.body.data(), req.body.size());
      if (req.json.HasParseError()) {
        throw ApiError(ErrorCode::kBadRequest,
                       std::string("malformed JSON: ") +
                           rapidjson::GetParseError_En(req.json.GetParseError()) + " at offset " +
                           std::to_string(req.json.GetErrorOffset()),
                       "bad_request", {{"body", "malformed JSON"}});
      }
    }
  } else {
    req.json.SetObject();
  }
  route.handler(req, res);
}

void Dispatcher::Handle(Request& req, Response& res, size_t declared_length) {
  auto start = std::chrono::steady_clock::now();
  size_t route_index = router_.routes().size();
  try {
    Run(req, res, declared_length, &route_index);
  } catch (const ApiError& e) {
    res.Error(e);
    if (e.code() == ErrorCode::kUnavailable) metrics_->DependencyError("mysql");
    if (e.code() == ErrorCode::kRateLimited) res.Header("Retry-After", "1");
  } catch (const soci::soci_error& e) {
    // A database failure that escaped the service: 5002 if the server is
    // unreachable (safe to retry), 5001 otherwise. Details go to the log only.
    bool down = IsConnectionError(e);
    metrics_->DependencyError("mysql");
    LogError("database error", {{"req", req.request_id}, {"path", req.path}, {"error", e.what()}});
    res.Error(down ? Unavailable("database unavailable")
                   : ApiError(ErrorCode::kInternal, "internal error"));
  } catch (const std::exception& e) {
    LogError("unhandled exception",
             {{"req", req.request_id}, {"path", req.path}, {"error", e.what()}});
    res.Error(ApiError(ErrorCode::kInternal, "internal error"));
  } catch (...) {
    LogError("unhandled non-standard exception", {{"req", req.request_id}, {"path", req.path}});
    res.Error(ApiError(ErrorCode::kInternal, "internal error"));
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  metrics_->Observe(route_index, res.status, ms);
  if (opts_.access_log) {
    JsonOut j;
    j.StartObject();
    j.Key("ts").String(EnvelopeTimestamp());
    j.Key("type").String("access");
    j.Key("area").String(opts_.area);
    j.Key("req").String(req.request_id);
    j.Key("method").String(req.method);
    j.Key("path").String(req.path);  // never the query: it may carry personal data
    j.Key("status").Int(res.status);
    j.Key("code").Int(res.api_code);
    j.Key("ms").Double(static_cast<int64_t>(ms * 100) / 100.0);
    if (req.principal.id) j.Key("principal").Int(req.principal.id);
    j.Key("ip").String(req.remote_addr);
    j.EndObject();
    LogRawLine(j.str());
  }
}

}  // namespace rz
