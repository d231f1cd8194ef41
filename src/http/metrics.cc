#include "http/metrics.h"

#include <charconv>
#include <mutex>

namespace ordo::http {
namespace {

void AppendNumber(std::string& out, double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  if (ec != std::errc()) {
    out += "NaN";
    return;
  }
  out.append(buffer, end);
}

void AppendNumber(std::string& out, uint64_t value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, end);
  (void)ec;
}

void AppendNumber(std::string& out, int64_t value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, end);
  (void)ec;
}

// Label values escape backslash, double quote and newline.
void AppendLabelValue(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

// HELP text escapes backslash and newline.
void AppendHelp(std::string& out, std::string_view name, std::string_view help,
                std::string_view type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void AppendSeriesLabels(std::string& out, const Metrics::Series& series) {
  out += "method=\"";
  AppendLabelValue(out, series.method);
  out += "\",route=\"";
  AppendLabelValue(out, series.route);
  out += '"';
}

constexpr std::string_view kStatusClassLabels[] = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};

}  // namespace

Metrics::Series* Metrics::GetSeries(std::string_view method, std::string_view route) {
  std::pair<std::string_view, std::string_view> key(route, method);
  {
    std::shared_lock lock(mutex_);
    auto found = series_.find(key);
    if (found != series_.end()) {
      return found->second.get();
    }
  }
  std::unique_lock lock(mutex_);
  auto found = series_.find(key);
  if (found != series_.end()) {
    return found->second.get();
  }
  auto series = std::make_unique<Series>();
  series->method = std::string(method);
  series->route = std::string(route);
  Series* result = series.get();
  series_.emplace(std::make_pair(std::string(route), std::string(method)), std::move(series));
  return result;
}

void Metrics::Record(Series& series, int status, std::chrono::nanoseconds latency) {
  int status_class = status >= 100 && status <= 599 ? status / 100 : 0;
  series.by_status_class[status_class].fetch_add(1, std::memory_order_relaxed);
  double seconds = std::chrono::duration<double>(latency).count();
  size_t bucket = 0;
  while (bucket < kLatencyBucketsSeconds.size() && seconds > kLatencyBucketsSeconds[bucket]) {
    ++bucket;
  }
  series.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  int64_t nanoseconds = latency.count();
  series.latency_sum_ns.fetch_add(nanoseconds > 0 ? static_cast<uint64_t>(nanoseconds) : 0,
                                  std::memory_order_relaxed);
}

void Metrics::Record(std::string_view method, std::string_view route, int status,
                     std::chrono::nanoseconds latency) {
  Record(*GetSeries(method, route), status, latency);
}

void Metrics::ConnectionOpened() {
  connections_open_.fetch_add(1, std::memory_order_relaxed);
  connections_total_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ConnectionClosed() {
  connections_open_.fetch_sub(1, std::memory_order_relaxed);
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::unique_lock lock(mutex_);
  gauges_[std::move(name)] = Gauge{std::move(help), std::move(read), false};
}

void Metrics::AddCounter(std::string name, std::string help, std::function<double()> read) {
  std::unique_lock lock(mutex_);
  gauges_[std::move(name)] = Gauge{std::move(help), std::move(read), true};
}

std::string Metrics::RenderPrometheus() const {
  std::string out;
  std::shared_lock lock(mutex_);
  out.reserve(512 + series_.size() * 1200);

  AppendHelp(out, "ordo_http_requests_total", "HTTP requests answered, by route and status class.",
             "counter");
  for (const auto& [key, series] : series_) {
    for (size_t status_class = 0; status_class < series->by_status_class.size(); ++status_class) {
      uint64_t count = series->by_status_class[status_class].load(std::memory_order_relaxed);
      if (count == 0) {
        continue;
      }
      out += "ordo_http_requests_total{";
      AppendSeriesLabels(out, *series);
      out += ",status=\"";
      out += kStatusClassLabels[status_class];
      out += "\"} ";
      AppendNumber(out, count);
      out += '\n';
    }
  }

  AppendHelp(out, "ordo_http_request_duration_seconds",
             "Time from a request being read to its response being written.", "histogram");
  for (const auto& [key, series] : series_) {
    uint64_t cumulative = 0;
    for (size_t bucket = 0; bucket < series->buckets.size(); ++bucket) {
      cumulative += series->buckets[bucket].load(std::memory_order_relaxed);
      out += "ordo_http_request_duration_seconds_bucket{";
      AppendSeriesLabels(out, *series);
      out += ",le=\"";
      if (bucket < kLatencyBucketsSeconds.size()) {
        AppendNumber(out, kLatencyBucketsSeconds[bucket]);
      } else {
        out += "+Inf";
      }
      out += "\"} ";
      AppendNumber(out, cumulative);
      out += '\n';
    }
    out += "ordo_http_request_duration_seconds_sum{";
    AppendSeriesLabels(out, *series);
    out += "} ";
    AppendNumber(out,
                 static_cast<double>(series->latency_sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += "\nordo_http_request_duration_seconds_count{";
    AppendSeriesLabels(out, *series);
    out += "} ";
    AppendNumber(out, cumulative);
    out += '\n';
  }

  AppendHelp(out, "ordo_http_requests_in_flight", "Requests read but not yet answered.", "gauge");
  out += "ordo_http_requests_in_flight ";
  AppendNumber(out, in_flight_.load(std::memory_order_relaxed));
  out += '\n';
  AppendHelp(out, "ordo_http_connections_open", "Open HTTP connections.", "gauge");
  out += "ordo_http_connections_open ";
  AppendNumber(out, connections_open_.load(std::memory_order_relaxed));
  out += '\n';
  AppendHelp(out, "ordo_http_connections_total", "HTTP connections accepted.", "counter");
  out += "ordo_http_connections_total ";
  AppendNumber(out, connections_total_.load(std::memory_order_relaxed));
  out += '\n';

  for (const auto& [name, gauge] : gauges_) {
    AppendHelp(out, name, gauge.help, gauge.counter ? "counter" : "gauge");
    out += name;
    out += ' ';
    AppendNumber(out, gauge.read ? gauge.read() : 0.0);
    out += '\n';
  }
  return out;
}

Handler MetricsHandler(const Metrics& metrics) {
  return [&metrics](Request&, Respond respond) {
    Response response;
    response.content_type = std::string(Metrics::kContentType);
    response.body = metrics.RenderPrometheus();
    respond(std::move(response));
  };
}

}  // namespace ordo::http
