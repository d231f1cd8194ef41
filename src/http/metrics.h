// Request metrics in Prometheus form: a counter per route pattern, method and status class, a
// latency histogram per route pattern and method, connection gauges, and gauges read on demand
// from other layers (e.g. the store writer's queue depth).
//
// Recording is lock-free (relaxed atomics on pre-created series). Creating a series takes a
// write lock once; looking one up by name takes a shared lock, which the Server avoids by
// resolving each route's series when it is constructed. Every member is thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/server.h"

namespace ordo::http {

class Metrics {
 public:
  // Upper bounds in seconds, as in the Prometheus client libraries' defaults.
  static constexpr std::array<double, 11> kLatencyBucketsSeconds = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  // The route label of requests that matched no route.
  static constexpr std::string_view kUnmatchedRoute = "unmatched";

  // The counters of one (method, route pattern) pair. Address-stable for the Metrics' lifetime.
  struct Series {
    std::string method;
    std::string route;
    // Index 0: statuses outside 100..599; 1..5: 1xx..5xx.
    std::array<std::atomic<uint64_t>, 6> by_status_class{};
    // Non-cumulative: bucket i counts latencies in (bound[i-1], bound[i]]; the last is +Inf.
    std::array<std::atomic<uint64_t>, kLatencyBucketsSeconds.size() + 1> buckets{};
    std::atomic<uint64_t> latency_sum_ns{0};
  };

  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The series for (method, route), created on first use. Never null.
  Series* GetSeries(std::string_view method, std::string_view route);

  // Records one answered request.
  static void Record(Series& series, int status, std::chrono::nanoseconds latency);
  void Record(std::string_view method, std::string_view route, int status,
              std::chrono::nanoseconds latency);

  void ConnectionOpened();
  void ConnectionClosed();
  void RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void RequestFinished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  // Adds a gauge whose value `read` returns at render time. `name` must be a valid Prometheus
  // metric name ("ordo_store_queue_depth"); `read` must be thread-safe and must not call back
  // into this Metrics. A second gauge with the same name replaces the first.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  // The same for a value that only grows (rendered with TYPE counter); by convention `name`
  // ends in "_total", e.g. "ordo_store_transactions_total".
  void AddCounter(std::string name, std::string help, std::function<double()> read);

  // The Prometheus text exposition format (version 0.0.4), series sorted by route then method.
  std::string RenderPrometheus() const;

  // The content type of RenderPrometheus().
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Gauge {
    std::string help;
    std::function<double()> read;
    bool counter = false;
  };

  // Orders (route, method) keys of any string type, for lookups without building a key.
  struct KeyLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::pair<std::string_view, std::string_view>(a.first, a.second) <
             std::pair<std::string_view, std::string_view>(b.first, b.second);
    }
  };

  mutable std::shared_mutex mutex_;
  // Keyed by (route, method), which is also the rendering order.
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Series>, KeyLess> series_;
  std::map<std::string, Gauge, std::less<>> gauges_;
  std::atomic<int64_t> connections_open_{0};
  std::atomic<uint64_t> connections_total_{0};
  std::atomic<int64_t> in_flight_{0};
};

// A handler that answers with metrics.RenderPrometheus(). Register it on GET /metrics; the
// Metrics must outlive the router.
Handler MetricsHandler(const Metrics& metrics);

}  // namespace ordo::http
