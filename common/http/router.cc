// Route matching: segment by segment, literals before parameters.
#include "http/router.h"

#include <set>

namespace rz {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

static const std::string kGet = "GET";

static bool IsParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

void Router::Add(Route r) {
  segments_.push_back(SplitPath(r.pattern));
  routes_.push_back(std::move(r));
}

Router::Result Router::Find(const std::string& request_method, const std::string& path) const {
  Result res;
  // HEAD is answered as GET (the transport drops the body).
  const std::string& method = request_method == "HEAD" ? kGet : request_method;
  std::vector<std::string> segs = SplitPath(path);
  // Prefer the route with the most literal segments ("/products/search" over "/products/{id}").
  int best_literals = -1;
  std::string allow;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = segments_[i];
    if (pat.size() != segs.size()) continue;
    int literals = 0;
    bool ok = true;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      if (IsParam(pat[k])) continue;
      if (pat[k] != segs[k]) ok = false;
      ++literals;
    }
    if (!ok) continue;
    if (routes_[i].method != method) {
      if (allow.find(routes_[i].method) == std::string::npos) {
        allow += (allow.empty() ? "" : ", ") + routes_[i].method;
      }
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      res.match = Match::kFound;
      res.route = &routes_[i];
      res.index = i;
    }
  }
  if (res.match == Match::kFound) {
    const auto& pat = segments_[res.index];
    for (size_t k = 0; k < pat.size(); ++k) {
      if (IsParam(pat[k])) res.params[pat[k].substr(1, pat[k].size() - 2)] = segs[k];
    }
    return res;
  }
  if (!allow.empty()) {
    res.match = Match::kWrongMethod;
    res.allow = allow;
  }
  return res;
}

std::vector<std::string> Router::Duplicates() const {
  std::set<std::string> seen;
  std::vector<std::string> dups;
  for (size_t i = 0; i < routes_.size(); ++i) {
    std::string shape = routes_[i].method + " ";
    for (const auto& s : segments_[i]) shape += "/" + (IsParam(s) ? std::string("{}") : s);
    if (!seen.insert(shape).second) dups.push_back(routes_[i].method + " " + routes_[i].pattern);
  }
  return dups;
}

}  // namespace rz
