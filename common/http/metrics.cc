// Prometheus text rendering.
#include "http/metrics.h"

#include <cstring>

namespace rz {

static const double kBounds[Metrics::kBuckets - 1] = {1, 2, 5, 10, 25, 50, 100, 250, 1000};

Metrics::Metrics(std::string area, std::vector<std::string> route_labels)
    : area_(std::move(area)), labels_(std::move(route_labels)) {
  labels_.push_back("unmatched");
  stats_ = std::make_unique<RouteStats[]>(labels_.size());
}

void Metrics::Observe(size_t idx, int status, double ms) {
  if (idx >= labels_.size()) idx = labels_.size() - 1;
  RouteStats& s = stats_[idx];
  int cls = status / 100 - 1;
  if (cls >= 0 && cls < 5) s.by_class[cls].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets - 1 && ms > kBounds[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.micros_sum.fetch_add(static_cast<uint64_t>(ms * 1000), std::memory_order_relaxed);
}

void Metrics::DependencyError(const char* dep) {
  if (std::strcmp(dep, "mysql") == 0)
    mysql_errors_++;
  else if (std::strcmp(dep, "redis") == 0)
    redis_errors_++;
  else
    wechat_errors_++;
}

std::string Metrics::Render() const {
  std::string out;
  out += "# TYPE ruizhu_requests_total counter\n";
  for (size_t i = 0; i < labels_.size(); ++i) {
    for (int c = 0; c < 5; ++c) {
      uint64_t v = stats_[i].by_class[c].load();
      if (!v) continue;
      out += "ruizhu_requests_total{area=\"" + area_ + "\",route=\"" + labels_[i] + "\",status=\"" +
             std::to_string(c + 1) + "xx\"} " + std::to_string(v) + "\n";
    }
  }
  out += "# TYPE ruizhu_request_duration_ms histogram\n";
  for (size_t i = 0; i < labels_.size(); ++i) {
    uint64_t cum = 0;
    for (size_t b = 0; b < kBuckets; ++b) cum += stats_[i].buckets[b].load();
    if (!cum) continue;
    uint64_t run = 0;
    std::string base = "ruizhu_request_duration_ms_bucket{area=\"" + area_ + "\",route=\"" +
                       labels_[i] + "\",le=\"";
    for (size_t b = 0; b < kBuckets; ++b) {
      run += stats_[i].buckets[b].load();
      std::string le = b < kBuckets - 1 ? std::to_string(static_cast<int>(kBounds[b])) : "+Inf";
      out += base + le + "\"} " + std::to_string(run) + "\n";
    }
    out += "ruizhu_request_duration_ms_count{area=\"" + area_ + "\",route=\"" + labels_[i] +
           "\"} " + std::to_string(cum) + "\n";
    out += "ruizhu_request_duration_ms_sum{area=\"" + area_ + "\",route=\"" + labels_[i] + "\"} " +
           std::to_string(stats_[i].micros_sum.load() / 1000.0) + "\n";
  }
  out += "# TYPE ruizhu_dependency_errors_total counter\n";
  out += "ruizhu_dependency_errors_total{area=\"" + area_ + "\",dependency=\"mysql\"} " +
         std::to_string(mysql_errors_.load()) + "\n";
  out += "ruizhu_dependency_errors_total{area=\"" + area_ + "\",dependency=\"redis\"} " +
         std::to_string(redis_errors_.load()) + "\n";
  out += "ruizhu_dependency_errors_total{area=\"" + area_ + "\",dependency=\"wechat\"} " +
         std::to_string(wechat_errors_.load()) + "\n";
  return out;
}

}  // namespace rz
