// Shared by the fuzz targets that drive the HTTP API's handlers in-process (request_bodies,
// signed_callbacks): the real routes (http::RegisterRoutes) over a real SQLite store holding the
// demo data (cli::LoadDemo), with no server and no network. Handlers are called as the server
// calls them after matching, authenticating and authorising a request.
//
// Nothing a run does stays for the next one: every command a handler submits runs in full
// (domain validation and all its writes) inside the writer's transaction and is then rolled
// back (RollbackStore), while the handler is told the outcome the command really had, so its
// answer is rendered as it would be after a commit. The store lives in a temporary directory the
// harness creates and removes at exit; the clock is a fixed manual clock.
#pragma once

#include <sodium.h>
#include <stdlib.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/demo.h"
#include "fuzz_check.h"
#include "http/api.h"
#include "http/metrics.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::fuzz {

// `pattern` ("/api/v1/orders/{order_no}") with each {name} replaced by value_of(name).
template <typename ValueOf>
std::string ExpandPattern(std::string_view pattern, ValueOf&& value_of) {
  std::string path;
  size_t at = 0;
  while (at < pattern.size()) {
    const size_t open = pattern.find('{', at);
    if (open == std::string_view::npos) {
      path.append(pattern.substr(at));
      break;
    }
    const size_t close = pattern.find('}', open);
    path.append(pattern.substr(at, open - at));
    path.append(value_of(pattern.substr(open + 1, close - open - 1)));
    at = close + 1;
  }
  return path;
}

// A store whose commands never commit: each WriteFn runs, its outcome is kept, and the writer is
// told it failed so its savepoint is rolled back; `done` gets the outcome the command had.
class RollbackStore final : public Store {
 public:
  explicit RollbackStore(Store& inner) : inner_(inner) {}
  StoreStats Stats() const override { return inner_.Stats(); }
  ReadView& reads() override { return inner_.reads(); }
  void Shutdown() override { inner_.Shutdown(); }
  void Submit(WriteFn fn, WriteDone done) override {
    auto outcome = std::make_shared<std::optional<Status>>();
    inner_.Submit(
        [fn = std::move(fn), outcome](WriteTx& tx) {
          *outcome = fn(tx);
          // Any failure makes the writer roll this command back alone.
          return outcome->value().ok() ? Status::Internal("fuzz: rolled back") : **outcome;
        },
        [done = std::move(done), outcome](const Status& status) {
          done(outcome->has_value() ? **outcome : status);
        });
  }

 private:
  Store& inner_;
};

// The answer of one handler call, waited for: the handler may answer on the store's writer
// thread. A handler that drops its Respond without calling it gets 500, as from the server. The
// state is shared with the Respond, which may outlive the wait.
class Answer {
 public:
  http::Respond Responder() {
    auto guard = std::make_shared<Guard>(state_);
    return [guard](http::Response response) { guard->state->Set(std::move(response)); };
  }
  http::Response Wait() {
    std::unique_lock lock(state_->mutex);
    state_->cv.wait(lock, [&] { return state_->answered; });
    return std::move(state_->response);
  }

 private:
  struct State {
    void Set(http::Response response) {
      std::lock_guard lock(mutex);
      if (!answered) {
        answered = true;
        this->response = std::move(response);
        cv.notify_all();
      }
    }
    std::mutex mutex;
    std::condition_variable cv;
    bool answered = false;
    http::Response response;
  };
  // The last copy of a Respond going away unanswered answers 500.
  struct Guard {
    explicit Guard(std::shared_ptr<State> s) : state(std::move(s)) {}
    ~Guard() {
      http::Response dropped;
      dropped.status = 500;
      dropped.body = "the handler dropped its Respond";
      state->Set(std::move(dropped));
    }
    std::shared_ptr<State> state;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

class ApiHarness {
 public:
  // The secret every carrier's and payment provider's callbacks are signed with here.
  static constexpr std::string_view kCallbackSecret = "fuzz-callback-secret";

  // The one harness of the process, made on first use (the demo data takes a few seconds).
  static ApiHarness& Get() {
    static ApiHarness* harness = [] {
      auto* made = new ApiHarness();
      std::atexit([] { Get().Stop(); });
      // ORDO_FUZZ_LIST=1: the routes and the path parameters' values, for writing seeds.
      if (const char* list = std::getenv("ORDO_FUZZ_LIST"); list != nullptr && *list == '1') {
        made->List();
      }
      return made;
    }();
    return *harness;
  }

  const http::Router& router() const { return router_; }
  const http::ApiContext& api() const { return api_; }

  // Values for the path parameters named `name` ({order_no}: one order per status of the demo
  // data, {sku}, {warehouse}, {id}: a few that exist and one that does not …).
  const std::vector<std::string>& ParamValues(const std::string& name) const {
    static const std::vector<std::string> fallback = {"1", "2", "999999", "x"};
    auto it = params_.find(name);
    return it == params_.end() ? fallback : it->second;
  }

  // Calls `route`'s handler as the server would, with the path parameters filled from
  // ParamValues (chosen by `pick`), the query parameters and the body given, for an admin
  // (everything allowed, nothing personal revealed unless asked).
  http::Response Call(const http::Route& route, unsigned pick,
                      std::vector<std::pair<std::string, std::string>> query, std::string body,
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::Request request;
    request.method = route.method;
    request.path = FillPattern(route.pattern, pick, request.path_params);
    request.target = request.path;
    request.query = std::move(query);
    request.headers = std::move(headers);
    request.headers.emplace_back("content-type", "application/json");
    request.body = std::move(body);
    return Dispatch(route, request);
  }

  // Calls `route`'s handler with `request` as it stands (path, parameters, query, headers and
  // body filled in by the caller), as an admin unless the route is public.
  http::Response Dispatch(const http::Route& route, http::Request& request) {
    request.client = "127.0.0.1";
    if (!route.info.public_route) {
      request.principal = http::Principal{"user:1", "demo-admin", "admin", false};
    }
    request.defer = [](std::function<void()> task) { task(); };
    Answer answer;
    route.handler(request, answer.Responder());
    return answer.Wait();
  }

  // The hex HMAC-SHA256 of `body` under kCallbackSecret, as a carrier or provider sends it.
  static std::string Sign(std::string_view body) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state,
                                reinterpret_cast<const unsigned char*>(kCallbackSecret.data()),
                                kCallbackSecret.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                  body.size());
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[sizeof(mac) * 2 + 1];
    sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
    return hex;
  }

 private:
  ApiHarness() : clock_(Timestamp{1'796'112'000'000}) {  // 2026-12-01T08:00:00Z
    char dir_template[] = "/tmp/ordo-fuzz-XXXXXX";
    const char* made = ::mkdtemp(dir_template);
    FUZZ_CHECK(made != nullptr, "cannot make a temporary directory");
    dir_ = made;
    PiiCipher::Key key;
    key.fill(7);
    sqlite::SqliteOptions options;
    options.data_dir = dir_.string();
    options.read_connections = 2;
    options.pii_cipher = std::make_shared<const PiiCipher>(key);
    auto store = sqlite::OpenSqliteStore(options);
    FUZZ_CHECK(store.ok(), store.status().ToString());
    store_ = std::move(store).value();
    const Status loaded = cli::LoadDemo(*store_, clock_);
    FUZZ_CHECK(loaded.ok(), loaded.ToString());
    rollback_ = std::make_unique<RollbackStore>(*store_);
    for (const char* code : {"SF", "ZTO", "YTO", "JD", "wechat", "alipay", "unionpay"}) {
      secrets_.emplace(code, std::string(kCallbackSecret));
    }
    api_.store = rollback_.get();
    api_.clock = &clock_;
    api_.metrics = &metrics_;
    api_.tracking_secrets = &secrets_;
    api_.payment_secrets = &secrets_;
    http::RegisterRoutes(router_, api_);
    CollectParams();
  }

  void List() const {
    for (const http::Route& route : router_.routes()) {
      std::printf("route %s %s\n", route.method.c_str(), route.pattern.c_str());
    }
    for (const auto& [name, values] : params_) {
      for (size_t i = 0; i < values.size(); ++i) {
        std::printf("param {%s} %zu = %s\n", name.c_str(), i, values[i].c_str());
      }
    }
  }

  void Stop() {
    if (store_) {
      store_->Shutdown();
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  void CollectParams() {
    ReadView& reads = store_->reads();
    std::vector<std::string>& orders = params_["order_no"];
    for (int s = 0; s <= static_cast<int>(OrderStatus::kClosed); ++s) {
      OrderFilter filter;
      filter.status = static_cast<OrderStatus>(s);
      filter.limit = 1;
      Result<OrderPage> page = reads.ListOrders(filter);
      if (page.ok() && !page->orders.empty()) {
        orders.push_back(page->orders.front().order_no);
        if (!page->orders.front().customer.member_id.empty()) {
          params_["member_id"].push_back(page->orders.front().customer.member_id);
        }
      }
    }
    orders.push_back("20000101999999");
    Result<std::vector<Sku>> skus = reads.ListSkus("", 3);
    if (skus.ok()) {
      for (const Sku& sku : *skus) {
        params_["sku"].push_back(sku.code);
      }
    }
    params_["sku"].push_back("NO-SUCH-SKU");
    Result<std::vector<Warehouse>> warehouses = reads.ListWarehouses();
    if (warehouses.ok()) {
      for (const Warehouse& warehouse : *warehouses) {
        params_["warehouse"].push_back(warehouse.code);
        params_["code"].push_back(warehouse.code);
      }
    }
    params_["warehouse"].push_back("NO-WH");
    params_["carrier"] = {"SF", "zto", "JD", "NOPE"};
    params_["provider"] = {"wechat", "alipay", "nope"};
    params_["member_id"].push_back("no-such-member");
    params_["username"] = {"demo-cs", "demo-warehouse", "nobody"};
    params_["name"] = {"orders", "sales", "nope"};
    params_["line"] = {"1", "2", "99"};
  }

  // `pattern` with each {name} replaced by one of its values; the pairs go to `params`.
  std::string FillPattern(std::string_view pattern, unsigned pick,
                          std::vector<std::pair<std::string, std::string>>& params) const {
    return ExpandPattern(pattern, [&](std::string_view name) {
      const std::vector<std::string>& values = ParamValues(std::string(name));
      const std::string& value = values[pick % values.size()];
      pick /= static_cast<unsigned>(values.size());
      params.emplace_back(name, value);
      return value;
    });
  }

  std::filesystem::path dir_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<RollbackStore> rollback_;
  std::map<std::string, std::string, std::less<>> secrets_;
  http::Metrics metrics_;
  http::ApiContext api_;
  http::Router router_;
  std::map<std::string, std::vector<std::string>> params_;
};

}  // namespace ordo::fuzz

namespace ordo::fuzz {

// What every answer to a fuzzed request must be: a status the API uses, never 500 (bad input is
// the caller's fault and named as such); a JSON body that parses (unless a file or a stream);
// a problem that names every field it lists.
inline void CheckAnswer(const http::Response& response, std::string_view what) {
  const std::string context = std::string(what) + " -> " + std::to_string(response.status) + " " +
                              response.body.substr(0, 400);
  // ORDO_FUZZ_VERBOSE=1: every answer, for checking what a seed reaches.
  static const bool verbose = [] {
    const char* v = std::getenv("ORDO_FUZZ_VERBOSE");
    return v != nullptr && *v == '1';
  }();
  if (verbose) {
    std::printf("%s\n", context.c_str());
  }
  FUZZ_CHECK(response.status >= 200 && response.status <= 599, context);
  FUZZ_CHECK(response.status != 500, context);
  const bool json = response.content_type == "application/json" ||
                    response.content_type == "application/problem+json";
  if (!json || response.stream) {
    return;
  }
  boost::system::error_code ec;
  const boost::json::value body = boost::json::parse(response.body, ec);
  FUZZ_CHECK(!ec, "answer is not JSON: " + context);
  if (response.content_type == "application/problem+json") {
    FUZZ_CHECK(response.status >= 400, context);
    const boost::json::object& problem = body.as_object();
    FUZZ_CHECK(problem.at("status").as_int64() == response.status, context);
    if (const boost::json::value* errors = problem.if_contains("errors")) {
      for (const boost::json::value& error : errors->as_array()) {
        FUZZ_CHECK(!error.at("field").as_string().empty(), context);
      }
    }
  }
}

// The route a fuzz input names: "/METHOD PATTERN\n" at its start (the seeds' form, which keeps
// a seed on its route when routes are added), else its first byte as an index into `routes`.
// Advances `input` past what it used; nullptr for an input too short to choose.
inline const http::Route* ChooseRoute(const std::vector<const http::Route*>& routes,
                                      std::string_view& input) {
  if (input.empty() || routes.empty()) {
    return nullptr;
  }
  if (input.front() == '/') {
    const size_t end = input.find('\n');
    const std::string_view line = input.substr(1, end == std::string_view::npos ? 0 : end - 1);
    const size_t space = line.find(' ');
    for (const http::Route* route : routes) {
      if (space != std::string_view::npos && route->method == line.substr(0, space) &&
          route->pattern == line.substr(space + 1)) {
        input.remove_prefix(end + 1);
        return route;
      }
    }
    return nullptr;
  }
  const http::Route* route = routes[static_cast<unsigned char>(input.front()) % routes.size()];
  input.remove_prefix(1);
  return route;
}

}  // namespace ordo::fuzz
