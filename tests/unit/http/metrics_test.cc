// Tests for Metrics: Prometheus counters and latency histogram rendering.
#define BOOST_TEST_MODULE metrics
#include <boost/test/unit_test.hpp>

#include <string>

#include "http/metrics.h"

using rz::Metrics;

namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

Metrics Make() { return Metrics("catalog", {"GET /api/v1/products/{id}", "POST /api/v1/events"}); }

const std::string kRoute0 = "area=\"catalog\",route=\"GET /api/v1/products/{id}\"";

}  // namespace

BOOST_AUTO_TEST_CASE(empty_render_has_types_and_zero_dependencies) {
  Metrics m = Make();
  std::string out = m.Render();
  BOOST_TEST(Has(out, "# TYPE ruizhu_requests_total counter"));
  BOOST_TEST(Has(out, "# TYPE ruizhu_request_duration_ms histogram"));
  BOOST_TEST(Has(out, "# TYPE ruizhu_dependency_errors_total counter"));
  BOOST_TEST(Has(out, "ruizhu_dependency_errors_total{area=\"catalog\",dependency=\"mysql\"} 0"));
  BOOST_TEST(Has(out, "ruizhu_dependency_errors_total{area=\"catalog\",dependency=\"redis\"} 0"));
  BOOST_TEST(Has(out, "ruizhu_dependency_errors_total{area=\"catalog\",dependency=\"wechat\"} 0"));
  BOOST_TEST(out.find("ruizhu_requests_total{") == std::string::npos);
  BOOST_TEST(out.find("_bucket{") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(counter_by_status_class) {
  Metrics m = Make();
  m.Observe(0, 200, 0.5);
  m.Observe(0, 201, 0.5);
  m.Observe(0, 404, 0.5);
  m.Observe(0, 503, 0.5);
  std::string out = m.Render();
  BOOST_TEST(Has(out, "ruizhu_requests_total{" + kRoute0 + ",status=\"2xx\"} 2"));
  BOOST_TEST(Has(out, "ruizhu_requests_total{" + kRoute0 + ",status=\"4xx\"} 1"));
  BOOST_TEST(Has(out, "ruizhu_requests_total{" + kRoute0 + ",status=\"5xx\"} 1"));
  BOOST_TEST(out.find("status=\"3xx\"") == std::string::npos);
  BOOST_TEST(out.find("POST /api/v1/events") == std::string::npos);  // untouched route omitted
}

BOOST_AUTO_TEST_CASE(histogram_buckets_are_cumulative) {
  Metrics m = Make();
  m.Observe(0, 200, 0.5);     // <= 1
  m.Observe(0, 200, 1.0);     // <= 1 (le is inclusive)
  m.Observe(0, 200, 3.0);     // <= 5
  m.Observe(0, 200, 120.0);   // <= 250
  m.Observe(0, 200, 5000.0);  // +Inf
  std::string out = m.Render();
  const std::string b = "ruizhu_request_duration_ms_bucket{" + kRoute0 + ",le=\"";
  BOOST_TEST(Has(out, b + "1\"} 2"));
  BOOST_TEST(Has(out, b + "2\"} 2"));
  BOOST_TEST(Has(out, b + "5\"} 3"));
  BOOST_TEST(Has(out, b + "10\"} 3"));
  BOOST_TEST(Has(out, b + "25\"} 3"));
  BOOST_TEST(Has(out, b + "50\"} 3"));
  BOOST_TEST(Has(out, b + "100\"} 3"));
  BOOST_TEST(Has(out, b + "250\"} 4"));
  BOOST_TEST(Has(out, b + "1000\"} 4"));
  BOOST_TEST(Has(out, b + "+Inf\"} 5"));
  BOOST_TEST(Has(out, "ruizhu_request_duration_ms_count{" + kRoute0 + "} 5"));
  // 0.5 + 1 + 3 + 120 + 5000 ms.
  BOOST_TEST(Has(out, "ruizhu_request_duration_ms_sum{" + kRoute0 + "} 5124.500000"));
}

BOOST_AUTO_TEST_CASE(out_of_range_index_is_unmatched) {
  Metrics m = Make();
  m.Observe(2, 404, 0.1);
  m.Observe(99, 404, 0.1);
  std::string out = m.Render();
  BOOST_TEST(
      Has(out, "ruizhu_requests_total{area=\"catalog\",route=\"unmatched\",status=\"4xx\"} 2"));
  BOOST_TEST(Has(out, "ruizhu_request_duration_ms_count{area=\"catalog\",route=\"unmatched\"} 2"));
}

BOOST_AUTO_TEST_CASE(invalid_status_not_counted_but_timed) {
  Metrics m = Make();
  m.Observe(1, 0, 2.0);
  m.Observe(1, 600, 2.0);
  std::string out = m.Render();
  BOOST_TEST(out.find("ruizhu_requests_total{") == std::string::npos);
  BOOST_TEST(Has(
      out, "ruizhu_request_duration_ms_count{area=\"catalog\",route=\"POST /api/v1/events\"} 2"));
}

BOOST_AUTO_TEST_CASE(dependency_errors) {
  Metrics m = Make();
  m.DependencyError("mysql");
  m.DependencyError("mysql");
  m.DependencyError("redis");
  m.DependencyError("wechat");
  std::string out = m.Render();
  BOOST_TEST(Has(out, "ruizhu_dependency_errors_total{area=\"catalog\",dependency=\"mysql\"} 2"));
  BOOST_TEST(Has(out, "ruizhu_dependency_errors_total{area=\"catalog\",dependency=\"redis\"} 1"));
  BOOST_TEST(Has(out, "ruizhu_dependency_errors_total{area=\"catalog\",dependency=\"wechat\"} 1"));
}
