// The route table of a worker: method + path pattern ("/api/v1/products/{id}")
// -> handler, auth realm and permission code. Lookup distinguishes "no such
// path" (404) from "path exists, wrong method" (405 + Allow).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace rz {

using Handler = std::function<void(Request&, Response&)>;

struct Route {
  std::string method;   // GET, POST, PUT, DELETE, PATCH
  std::string pattern;  // literal segments and {name} parameters
  Handler handler;
  Realm realm = Realm::kPublic;
  std::string permission;  // admin realm: required permission code
  size_t body_limit = 0;   // 0 = the worker default
  bool raw_body = false;   // the handler reads req.body itself (signed bodies): no JSON parsing
};

class Router {
 public:
  enum class Match { kFound, kNotFound, kWrongMethod };
  struct Result {
    Match match = Match::kNotFound;
    const Route* route = nullptr;
    size_t index = 0;
    std::map<std::string, std::string> params;
    std::string allow;  // for kWrongMethod: "GET, POST"
  };

  void Add(Route r);
  void Add(std::string method, std::string pattern, Handler handler, Realm realm = Realm::kPublic,
           std::string permission = "") {
    Add(Route{std::move(method), std::move(pattern), std::move(handler), realm,
              std::move(permission), 0});
  }
  Result Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // "GET /a/{id}" descriptions of routes that share method and pattern shape.
  std::vector<std::string> Duplicates() const;

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;
};

// A route handler that calls `h(*svc, req, res)`: the form every area's
// handlers take, with the area's service shared by all worker threads.
template <class Service>
Handler BindService(std::shared_ptr<Service> svc, void (*h)(Service&, Request&, Response&)) {
  return [svc = std::move(svc), h](Request& req, Response& res) { h(*svc, req, res); };
}

// "/a/b/" -> {"a","b"}; empty segments dropped.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace rz
