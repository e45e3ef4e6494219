// Prometheus metrics of one worker process: requests by route and status
// class, a latency histogram per route, dependency errors. Lock-free on the
// request path (atomics indexed by route number).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rz {

class Metrics {
 public:
  static constexpr size_t kBuckets = 10;  // 1,2,5,10,25,50,100,250,1000 ms, +Inf

  // One label per route ("GET /api/v1/products/{id}"); index routes.size() is "unmatched".
  explicit Metrics(std::string area, std::vector<std::string> route_labels);
  void Observe(size_t route_index, int http_status, double millis);
  void DependencyError(const char* dependency);  // "mysql" | "redis" | "wechat"
  std::string Render() const;

 private:
  struct RouteStats {
    std::array<std::atomic<uint64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<uint64_t>, kBuckets> buckets{};
    std::atomic<uint64_t> micros_sum{0};
  };
  std::string area_;
  std::vector<std::string> labels_;
  std::unique_ptr<RouteStats[]> stats_;
  std::atomic<uint64_t> mysql_errors_{0}, redis_errors_{0}, wechat_errors_{0};
};

}  // namespace rz
