#include "http/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace ordo::http {
namespace {

using std::chrono::milliseconds;

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(Metrics, CountsByRouteMethodAndStatusClass) {
  Metrics metrics;
  metrics.Record("GET", "/api/v1/orders/{order_no}", 200, milliseconds(3));
  metrics.Record("GET", "/api/v1/orders/{order_no}", 204, milliseconds(3));
  metrics.Record("GET", "/api/v1/orders/{order_no}", 404, milliseconds(3));
  metrics.Record("POST", "/api/v1/orders", 503, milliseconds(3));
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE ordo_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(text,
                       "ordo_http_requests_total{method=\"GET\",route=\"/api/v1/orders/"
                       "{order_no}\",status=\"2xx\"} 2\n"));
  EXPECT_TRUE(Contains(text,
                       "ordo_http_requests_total{method=\"GET\",route=\"/api/v1/orders/"
                       "{order_no}\",status=\"4xx\"} 1\n"));
  EXPECT_TRUE(Contains(
      text,
      "ordo_http_requests_total{method=\"POST\",route=\"/api/v1/orders\",status=\"5xx\"} 1\n"));
  EXPECT_FALSE(Contains(text, "status=\"3xx\""));
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics metrics;
  Metrics::Series* series = metrics.GetSeries("GET", "/healthz");
  EXPECT_EQ(series, metrics.GetSeries("GET", "/healthz"));
  Metrics::Record(*series, 200, milliseconds(1));      // le 0.005
  Metrics::Record(*series, 200, milliseconds(30));     // le 0.05
  Metrics::Record(*series, 200, milliseconds(20000));  // +Inf
  std::string text = metrics.RenderPrometheus();
  const std::string labels = "{method=\"GET\",route=\"/healthz\"";
  EXPECT_TRUE(Contains(text, "# TYPE ordo_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(
      Contains(text, "ordo_http_request_duration_seconds_bucket" + labels + ",le=\"0.005\"} 1\n"));
  EXPECT_TRUE(
      Contains(text, "ordo_http_request_duration_seconds_bucket" + labels + ",le=\"0.025\"} 1\n"));
  EXPECT_TRUE(
      Contains(text, "ordo_http_request_duration_seconds_bucket" + labels + ",le=\"0.05\"} 2\n"));
  EXPECT_TRUE(
      Contains(text, "ordo_http_request_duration_seconds_bucket" + labels + ",le=\"10\"} 2\n"));
  EXPECT_TRUE(
      Contains(text, "ordo_http_request_duration_seconds_bucket" + labels + ",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(Contains(text, "ordo_http_request_duration_seconds_count" + labels + "} 3\n"));
  EXPECT_TRUE(Contains(text, "ordo_http_request_duration_seconds_sum" + labels + "} 20.031\n"));
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics metrics;
  metrics.Record("GET", "/a\"b\\c", 200, milliseconds(1));
  EXPECT_TRUE(Contains(metrics.RenderPrometheus(), "route=\"/a\\\"b\\\\c\""));
}

TEST(Metrics, GaugesAndConnectionsAreRendered) {
  Metrics metrics;
  metrics.AddGauge("ordo_store_queue_depth", "Commands waiting for the writer.",
                   [] { return 7.0; });
  metrics.AddCounter("ordo_store_commits_total", "Commits.", [] { return 12.0; });
  metrics.ConnectionOpened();
  metrics.ConnectionOpened();
  metrics.ConnectionClosed();
  metrics.RequestStarted();
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE ordo_store_queue_depth gauge\nordo_store_queue_depth 7\n"));
  EXPECT_TRUE(
      Contains(text, "# TYPE ordo_store_commits_total counter\nordo_store_commits_total 12\n"));
  EXPECT_TRUE(Contains(text, "ordo_http_connections_open 1\n"));
  EXPECT_TRUE(Contains(text, "ordo_http_connections_total 2\n"));
  EXPECT_TRUE(Contains(text, "ordo_http_requests_in_flight 1\n"));
  // Every line is a comment or "name{labels} value".
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    ASSERT_NE(end, std::string::npos) << "the exposition must end with a newline";
    std::string_view line(text.data() + start, end - start);
    EXPECT_FALSE(line.empty());
    EXPECT_TRUE(line.starts_with("# HELP ") || line.starts_with("# TYPE ") ||
                line.find(' ') != std::string_view::npos)
        << line;
    start = end + 1;
  }
}

TEST(Metrics, ConcurrentRecordingLosesNothing) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics, t] {
      for (int i = 0; i < 1000; ++i) {
        metrics.Record(t % 2 == 0 ? "GET" : "POST", "/x", 200, milliseconds(1));
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(
      text, "ordo_http_requests_total{method=\"GET\",route=\"/x\",status=\"2xx\"} 2000\n"));
  EXPECT_TRUE(Contains(
      text, "ordo_http_requests_total{method=\"POST\",route=\"/x\",status=\"2xx\"} 2000\n"));
}

TEST(Metrics, HandlerAnswersWithTheExposition) {
  Metrics metrics;
  metrics.Record("GET", "/healthz", 200, milliseconds(1));
  Handler handler = MetricsHandler(metrics);
  Request request;
  Response answered;
  handler(request, [&answered](Response response) { answered = std::move(response); });
  EXPECT_EQ(answered.status, 200);
  EXPECT_EQ(answered.content_type, Metrics::kContentType);
  EXPECT_TRUE(Contains(answered.body, "route=\"/healthz\""));
}

}  // namespace
}  // namespace ordo::http
