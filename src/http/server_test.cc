// A real server on an ephemeral port, exercised with a synchronous Beast client.
#include "http/server.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/export_runner.h"
#include "http/json_util.h"
#include "http/metrics.h"

namespace ordo::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using ClientResponse = bhttp::response<bhttp::string_body>;
using namespace std::chrono_literals;

// Starts threads that answer later; joins them before the fixture's server goes away.
class Later {
 public:
  ~Later() { JoinAll(); }
  void Run(std::function<void()> work) {
    std::lock_guard lock(mutex_);
    threads_.emplace_back(std::move(work));
  }
  void JoinAll() {
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      threads.swap(threads_);
    }
    for (std::thread& thread : threads) {
      thread.join();
    }
  }

 private:
  std::mutex mutex_;
  std::vector<std::thread> threads_;
};

class Client {
 public:
  explicit Client(uint16_t port) : socket_(io_context_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // A hung server must fail the test, not hang it: after 20 s the socket is shut down, which
    // ends any blocked read with an error.
    watchdog_ = std::thread([this, fd = socket_.native_handle()] {
      std::unique_lock lock(mutex_);
      if (!done_.wait_for(lock, 20s, [this] { return finished_; })) {
        ADD_FAILURE() << "the client waited 20 s for the server";
        ::shutdown(fd, SHUT_RDWR);
      }
    });
  }
  ~Client() {
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
    }
    done_.notify_all();
    watchdog_.join();
  }

  ClientResponse Send(bhttp::verb method, const std::string& target, const std::string& body = "",
                      const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    bhttp::request<bhttp::string_body> request(method, target, 11);
    request.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) {
      request.set(name, value);
    }
    if (!body.empty() || method == bhttp::verb::post) {
      request.set(bhttp::field::content_type, "application/json");
      request.body() = body;
      request.prepare_payload();
    }
    bhttp::write(socket_, request);
    return Read();
  }

  ClientResponse Read() {
    ClientResponse response;
    bhttp::read(socket_, buffer_, response);
    return response;
  }

  void WriteRaw(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  // True when the server has closed the connection (reads end of stream).
  bool ClosedByServer() {
    char byte;
    beast::error_code ec;
    socket_.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

  tcp::socket& socket() { return socket_; }

 private:
  asio::io_context io_context_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool finished_ = false;
  std::thread watchdog_;
};

boost::json::object JsonOf(const ClientResponse& response) {
  return boost::json::parse(response.body()).as_object();
}

std::string CodeOf(const ClientResponse& response) {
  return std::string(JsonOf(response).at("code").as_string());
}

// Tokens: "Bearer admin" → role admin (everything); "Bearer reader" → role reader, which holds
// only "things:read". Anything else is unauthenticated.
Principal Authenticate(const Request& request) {
  std::optional<std::string_view> header = request.Header("authorization");
  if (header == "Bearer admin") {
    return Principal{"token:1", "token:admin", "admin"};
  }
  if (header == "Bearer reader") {
    return Principal{"token:2", "token:reader", "reader"};
  }
  return Principal{};
}

bool Authorize(const std::string& role, const std::string& permission) {
  return role == "admin" || (role == "reader" && permission == "things:read");
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/healthz", {.public_route = true}, [](Request&, Respond respond) {
      Response response;
      response.content_type = "text/plain";
      response.body = "ok";
      respond(std::move(response));
    });
    router_.Add("GET", "/api/v1/things/{id}", {.permission = "things:read"},
                [](Request& request, Respond respond) {
                  boost::json::object body;
                  body["id"] = request.Param("id");
                  body["q"] = request.Query("q").value_or("");
                  body["actor"] = request.principal.name;
                  body["custom"] = request.Header("x-custom").value_or("");
                  Response response = Response::Json(200, Serialize(body));
                  response.headers.emplace_back("ETag", "\"4\"");
                  respond(std::move(response));
                });
    router_.Add("POST", "/api/v1/things", {.permission = "things:write"},
                [](Request& request, Respond respond) {
                  Result<boost::json::value> parsed = ParseJsonBody(request.body);
                  if (!parsed.ok()) {
                    respond(Response::Problem(parsed.status()));
                    return;
                  }
                  std::vector<FieldError> errors;
                  FieldReader reader(parsed->as_object(), "", errors);
                  std::string name = reader.String("name", true);
                  int64_t price = reader.Int("price_amount", true, 0);
                  if (!errors.empty()) {
                    respond(Response::Problem(Status::Invalid(std::move(errors))));
                    return;
                  }
                  respond(Response::Json(201, Serialize(boost::json::object{
                                                  {"name", name}, {"price_amount", price}})));
                });
    router_.Add("GET", "/slow", {.public_route = true}, [this](Request& request, Respond respond) {
      std::string delay(request.Query("ms").value_or("50"));
      later_.Run([respond = std::move(respond), delay] {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(delay)));
        respond(Response::Json(202, R"({"late":true})"));
      });
    });
    router_.Add("GET", "/throws", {.public_route = true},
                [](Request&, Respond) { throw std::runtime_error("boom"); });
    router_.Add("GET", "/drops", {.public_route = true}, [](Request&, Respond) {});
    router_.Add("GET", "/twice", {.public_route = true}, [](Request&, Respond respond) {
      respond(Response::Json(200, R"({"first":true})"));
      respond(Response::Json(500, R"({"second":true})"));
    });
    router_.Add("POST", "/echo", {.public_route = true}, [](Request& request, Respond respond) {
      respond(Response::Json(200, request.body));
    });
    router_.Add("GET", "/metrics", {.public_route = true}, MetricsHandler(metrics_));
    // A body made on another thread, piece by piece: ?pieces=N, then the end or (fail=1) a
    // failure. The producer's last Push result is kept in stream_stopped_.
    router_.Add("GET", "/stream", {.public_route = true},
                [this](Request& request, Respond respond) {
                  const int pieces = std::stoi(std::string(request.Query("pieces").value_or("3")));
                  const bool fail = request.Query("fail").value_or("0") == "1";
                  auto channel = std::make_shared<ChunkChannel>(2);
                  Response response;
                  response.content_type = "text/csv";
                  response.stream = channel;
                  respond(std::move(response));
                  later_.Run([this, channel, pieces, fail] {
                    for (int i = 0; i < pieces; ++i) {
                      if (!channel->Push("piece " + std::to_string(i) + "\n")) {
                        stream_stopped_ = true;
                        break;
                      }
                    }
                    channel->Finish(fail);
                  });
                });
  }

  void TearDown() override {
    if (server_ != nullptr) {
      server_->Stop();
      server_->Wait();
    }
    later_.JoinAll();
    server_.reset();
  }

  uint16_t StartServer(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 2;
    options.metrics = &metrics_;
    if (options.body_limit_bytes == (1 << 20)) {
      options.body_limit_bytes = 4096;
    }
    server_ = std::make_unique<Server>(router_, Authenticate, Authorize, options);
    Result<uint16_t> port = server_->Start();
    EXPECT_TRUE(port.ok()) << port.status().ToString();
    port_ = port.ok() ? *port : 0;
    EXPECT_NE(port_, 0);
    return port_;
  }

  Router router_;
  Metrics metrics_;
  std::atomic<bool> stream_stopped_{false};
  Later later_;
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

TEST_F(ServerTest, PublicRouteNeedsNoCredentials) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/healthz");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "ok");
  EXPECT_EQ(response[bhttp::field::content_type], "text/plain");
  EXPECT_EQ(response[bhttp::field::content_length], "2");
}

TEST_F(ServerTest, MissingTokenIsUnauthenticatedWithBearerChallenge) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/api/v1/things/7");
  EXPECT_EQ(response.result_int(), 401);
  EXPECT_EQ(response[bhttp::field::www_authenticate], "Bearer");
  EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(CodeOf(response), "unauthenticated");
  response =
      client.Send(bhttp::verb::get, "/api/v1/things/7", "", {{"Authorization", "Bearer wrong"}});
  EXPECT_EQ(response.result_int(), 401);
}

TEST_F(ServerTest, RoleWithoutPermissionIsForbidden) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::post, "/api/v1/things", R"({"name":"x"})",
                                        {{"Authorization", "Bearer reader"}});
  EXPECT_EQ(response.result_int(), 403);
  EXPECT_EQ(CodeOf(response), "forbidden");
  EXPECT_EQ(JsonOf(response).at("status").as_int64(), 403);
}

TEST_F(ServerTest, AuthorizedRequestSeesParamsDecodedQueryHeadersAndPrincipal) {
  Client client(StartServer());
  ClientResponse response =
      client.Send(bhttp::verb::get, "/api/v1/things/%E5%BC%A0-1?q=a+b%26c&q=second", "",
                  {{"Authorization", "Bearer reader"}, {"X-Custom", "Value"}});
  ASSERT_EQ(response.result_int(), 200) << response.body();
  boost::json::object body = JsonOf(response);
  EXPECT_EQ(body.at("id").as_string(), "张-1");
  EXPECT_EQ(body.at("q").as_string(), "a b&c");
  EXPECT_EQ(body.at("actor").as_string(), "token:reader");
  EXPECT_EQ(body.at("custom").as_string(), "Value");
  EXPECT_EQ(response[bhttp::field::etag], "\"4\"");
  EXPECT_EQ(response[bhttp::field::content_type], "application/json");
}

TEST_F(ServerTest, UnknownPathIsNotFound) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/api/v1/nothing");
  EXPECT_EQ(response.result_int(), 404);
  EXPECT_EQ(CodeOf(response), "not_found");
}

TEST_F(ServerTest, WrongMethodIsMethodNotAllowedWithAllow) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::delete_, "/healthz");
  EXPECT_EQ(response.result_int(), 405);
  EXPECT_EQ(response[bhttp::field::allow], "GET");
  EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json");
}

TEST_F(ServerTest, BadTargetIsMalformedRequest) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/api/v1/things/%zz");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(CodeOf(response), "malformed_request");
}

TEST_F(ServerTest, MalformedJsonIsBadRequestProblem) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::post, "/api/v1/things", R"({"name": )",
                                        {{"Authorization", "Bearer admin"}});
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(CodeOf(response), "malformed_json");
}

TEST_F(ServerTest, FieldErrorsAreUnprocessableWithPaths) {
  Client client(StartServer());
  ClientResponse response =
      client.Send(bhttp::verb::post, "/api/v1/things", R"({"name": 3, "price_amount": 12.5})",
                  {{"Authorization", "Bearer admin"}});
  EXPECT_EQ(response.result_int(), 422);
  boost::json::object body = JsonOf(response);
  EXPECT_EQ(body.at("code").as_string(), "validation_failed");
  const boost::json::array& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field").as_string(), "name");
  EXPECT_EQ(errors[1].at("field").as_string(), "price_amount");
  EXPECT_EQ(errors[1].at("code").as_string(), "invalid_value");

  response =
      client.Send(bhttp::verb::post, "/api/v1/things", R"({"name": "tea", "price_amount": 6600})",
                  {{"Authorization", "Bearer admin"}});
  EXPECT_EQ(response.result_int(), 201);
  EXPECT_EQ(JsonOf(response).at("price_amount").as_int64(), 6600);
}

TEST_F(ServerTest, ResponseFromAnotherThreadAfterDelayArrives) {
  Client client(StartServer());
  auto start = std::chrono::steady_clock::now();
  ClientResponse response = client.Send(bhttp::verb::get, "/slow?ms=80");
  EXPECT_EQ(response.result_int(), 202);
  EXPECT_EQ(response.body(), R"({"late":true})");
  EXPECT_GE(std::chrono::steady_clock::now() - start, 80ms);
  EXPECT_TRUE(response.keep_alive());
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  Client client(StartServer());
  for (int i = 0; i < 5; ++i) {
    ClientResponse response = client.Send(bhttp::verb::get, "/healthz");
    ASSERT_EQ(response.result_int(), 200);
    EXPECT_TRUE(response.keep_alive());
    response = client.Send(bhttp::verb::get, "/slow?ms=5");
    ASSERT_EQ(response.result_int(), 202);
    response = client.Send(bhttp::verb::post, "/echo", "{\"i\":" + std::to_string(i) + "}");
    ASSERT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "{\"i\":" + std::to_string(i) + "}");
  }
  std::string metrics = metrics_.RenderPrometheus();
  EXPECT_NE(metrics.find("ordo_http_connections_total 1\n"), std::string::npos) << metrics;
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Client client(StartServer());
  client.WriteRaw(
      "GET /slow?ms=60 HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"n\":2}"
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  ClientResponse first = client.Read();
  ClientResponse second = client.Read();
  ClientResponse third = client.Read();
  EXPECT_EQ(first.result_int(), 202);
  EXPECT_EQ(second.body(), "{\"n\":2}");
  EXPECT_EQ(third.body(), "ok");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  Client client(StartServer());
  ClientResponse response =
      client.Send(bhttp::verb::get, "/healthz", "", {{"Connection", "close"}});
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, ThrowingHandlerIsInternalError) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/throws");
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(CodeOf(response), "internal_error");
  EXPECT_EQ(JsonOf(response).at("detail").as_string(), "internal error");
  // The connection survives.
  EXPECT_EQ(client.Send(bhttp::verb::get, "/healthz").result_int(), 200);
}

TEST_F(ServerTest, DroppedRespondIsInternalError) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/drops");
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(CodeOf(response), "internal_error");
}

TEST_F(ServerTest, SecondRespondIsIgnored) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/twice");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), R"({"first":true})");
  response = client.Send(bhttp::verb::get, "/healthz");
  EXPECT_EQ(response.body(), "ok");
}

TEST_F(ServerTest, HeadersWithLineBreaksAndInvalidStatusesAreNotSent) {
  router_.Add("GET", "/headers", {.public_route = true}, [](Request&, Respond respond) {
    Response response = Response::Json(200, "{}");
    response.headers = {{"X-Ok", "1"}, {"X-Bad", "a\r\nSet-Cookie: x=1"}};
    respond(std::move(response));
  });
  router_.Add("GET", "/status", {.public_route = true},
              [](Request&, Respond respond) { respond(Response::Json(42, "{}")); });
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/headers");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response["X-Ok"], "1");
  EXPECT_EQ(response.count("X-Bad"), 0u);
  EXPECT_EQ(response.count(bhttp::field::set_cookie), 0u);
  response = client.Send(bhttp::verb::get, "/status");
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(CodeOf(response), "internal_error");
}

TEST_F(ServerTest, MalformedHttpIsBadRequestAndCloses) {
  Client client(StartServer());
  client.WriteRaw("GARBAGE\r\n\r\n");
  ClientResponse response = client.Read();
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(CodeOf(response), "malformed_request");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, BodyOverLimitIsRefused) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::post, "/echo", std::string(5000, 'x'));
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_EQ(CodeOf(response), "malformed_request");
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  Client client(StartServer());
  client.WriteRaw(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  ClientResponse interim = client.Read();
  EXPECT_EQ(interim.result_int(), 100);
  client.WriteRaw("{\"a\"");
  // The body is not JSON; /echo sends it back unchanged.
  ClientResponse response = client.Read();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "{\"a\"");
}

TEST_F(ServerTest, MetricsRecordEveryRequestByRoute) {
  Client client(StartServer());
  client.Send(bhttp::verb::get, "/healthz");
  client.Send(bhttp::verb::get, "/healthz");
  client.Send(bhttp::verb::get, "/api/v1/things/1");
  client.Send(bhttp::verb::get, "/nope");
  ClientResponse response = client.Send(bhttp::verb::get, "/metrics");
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[bhttp::field::content_type], Metrics::kContentType);
  const std::string& text = response.body();
  EXPECT_NE(text.find("ordo_http_requests_total{method=\"GET\",route=\"/healthz\","
                      "status=\"2xx\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ordo_http_requests_total{method=\"GET\",route=\"/api/v1/things/{id}\","
                      "status=\"4xx\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("ordo_http_requests_total{method=\"GET\",route=\"unmatched\","
                      "status=\"4xx\"} 1\n"),
            std::string::npos);
  // The /metrics request itself is in flight while it renders.
  EXPECT_NE(text.find("ordo_http_requests_in_flight 1\n"), std::string::npos);
}

TEST_F(ServerTest, StopThenWaitReturns) {
  StartServer();
  auto waiter = std::async(std::launch::async, [this] { server_->Wait(); });
  EXPECT_EQ(waiter.wait_for(100ms), std::future_status::timeout);
  server_->Stop();
  EXPECT_EQ(waiter.wait_for(5s), std::future_status::ready);
  beast::error_code ec;
  asio::io_context io_context;
  tcp::socket socket(io_context);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  EXPECT_TRUE(ec) << "the listener must be closed after Stop()";
}

TEST_F(ServerTest, StopClosesIdleConnectionsPromptly) {
  ServerOptions options;
  options.shutdown_grace_ms = 10000;
  Client client(StartServer(options));
  EXPECT_EQ(client.Send(bhttp::verb::get, "/healthz").result_int(), 200);
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  server_->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, StopLetsAnInFlightResponseFinish) {
  Client client(StartServer());
  client.WriteRaw("GET /slow?ms=200 HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(50ms);  // the request is now being handled
  server_->Stop();
  ClientResponse response = client.Read();
  EXPECT_EQ(response.result_int(), 202);
  EXPECT_FALSE(response.keep_alive()) << "a stopping server closes after the response";
  server_->Wait();
}

TEST_F(ServerTest, RespondAfterServerIsGoneIsHarmless) {
  std::promise<Respond> held;
  router_.Add("GET", "/hold", {.public_route = true},
              [&held](Request&, Respond respond) { held.set_value(std::move(respond)); });
  ServerOptions options;
  options.shutdown_grace_ms = 50;
  Client client(StartServer(options));
  client.WriteRaw("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
  Respond respond = held.get_future().get();
  server_->Stop();
  server_->Wait();
  server_.reset();
  respond(Response::Json(200, "{}"));  // must neither crash nor deliver
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, SecondStartAndBusyPortAreErrors) {
  uint16_t port = StartServer();
  Result<uint16_t> again = server_->Start();
  EXPECT_FALSE(again.ok());
  ServerOptions options;
  options.port = port;
  Server other(router_, Authenticate, Authorize, options);
  Result<uint16_t> busy = other.Start();
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().kind(), Kind::kUnavailable);
}

TEST_F(ServerTest, StreamedBodyArrivesChunkedAndWholeAndTheConnectionIsKept) {
  Client client(StartServer());
  ClientResponse response = client.Send(bhttp::verb::get, "/stream?pieces=200");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_TRUE(response.chunked());
  EXPECT_EQ(response[bhttp::field::content_type], "text/csv");
  std::string expected;
  for (int i = 0; i < 200; ++i) {
    expected += "piece " + std::to_string(i) + "\n";
  }
  EXPECT_EQ(response.body(), expected);
  EXPECT_EQ(client.Send(bhttp::verb::get, "/healthz").body(), "ok");
}

TEST_F(ServerTest, FailedStreamCutsTheConnectionInsteadOfEndingTheBody) {
  Client client(StartServer());
  bhttp::request<bhttp::string_body> request(bhttp::verb::get, "/stream?pieces=2&fail=1", 11);
  request.set(bhttp::field::host, "127.0.0.1");
  bhttp::write(client.socket(), request);
  ClientResponse response;
  beast::flat_buffer buffer;
  beast::error_code ec;
  bhttp::read(client.socket(), buffer, response, ec);
  EXPECT_TRUE(ec) << "a body cut short must not read as complete";
}

TEST_F(ServerTest, ClientLeavingStopsTheProducer) {
  StartServer();
  {
    Client client(port_);
    bhttp::request<bhttp::string_body> request(bhttp::verb::get, "/stream?pieces=100000000", 11);
    request.set(bhttp::field::host, "127.0.0.1");
    bhttp::write(client.socket(), request);
    bhttp::response_parser<bhttp::string_body> parser;
    beast::flat_buffer buffer;
    bhttp::read_header(client.socket(), buffer, parser);
    EXPECT_EQ(parser.get().result_int(), 200);
    client.socket().close();
  }
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!stream_stopped_ && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(stream_stopped_) << "the producer was not told the client went away";
}

TEST(ExportRunner, OneExportPerCallerAndShutdownCancelsAndJoins) {
  ExportRunner runner({1, 4, 1});
  auto first = std::make_shared<ChunkChannel>(1);
  std::atomic<bool> first_started{false};
  std::atomic<bool> first_stopped{false};
  std::optional<Response> refused = runner.Start("token:1", first, [&](ChunkChannel& out) {
    first_started = true;
    while (out.Push("x")) {  // nobody reads: blocks once one piece waits
    }
    first_stopped = true;
    out.Finish(true);
  });
  EXPECT_FALSE(refused.has_value());
  // An export cancelled before it starts never runs: wait until this one is under way.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!first_started && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_TRUE(first_started);
  auto second = std::make_shared<ChunkChannel>(1);
  refused = runner.Start("token:1", second, [](ChunkChannel& out) { out.Finish(false); });
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 429);
  runner.Shutdown();
  EXPECT_TRUE(first_stopped);
  refused = runner.Start("token:2", second, [](ChunkChannel& out) { out.Finish(false); });
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 503);
}

// The client that has read an export's last piece may ask for the next one at once: the slot is
// free when the body ends, even if the export thread has not returned yet.
TEST(ExportRunner, TheCallersSlotIsFreeOnceTheBodyHasEnded) {
  ExportRunner runner({1, 4, 1});
  auto first = std::make_shared<ChunkChannel>(4);
  std::atomic<bool> returned{false};
  ASSERT_FALSE(runner.Start("token:1", first, [&](ChunkChannel& out) {
    out.Push("a");
    out.Finish(false);
    std::this_thread::sleep_for(300ms);  // the thread is slow to return
    returned = true;
  }).has_value());
  std::atomic<bool> ended{false};
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!ended && std::chrono::steady_clock::now() < deadline) {
    first->Next([&](std::string piece, bool) {
      if (piece.empty()) {
        ended = true;
      }
    });
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_TRUE(ended);
  auto second = std::make_shared<ChunkChannel>(4);
  const std::optional<Response> refused =
      runner.Start("token:1", second, [](ChunkChannel& out) { out.Finish(false); });
  EXPECT_FALSE(refused.has_value()) << "refused with " << refused->status;
  EXPECT_FALSE(returned) << "the test wants the first export still on its thread";
  runner.Shutdown();
}

TEST(ChunkChannel, HandsPiecesOverInOrderThenTheEnd) {
  ChunkChannel channel(4);
  EXPECT_TRUE(channel.Push("a"));
  EXPECT_TRUE(channel.Push("b"));
  channel.Finish(false);
  std::vector<std::string> got;
  bool failed = true;
  for (int i = 0; i < 3; ++i) {
    channel.Next([&](std::string piece, bool f) {
      got.push_back(piece);
      failed = f;
    });
  }
  EXPECT_EQ(got, (std::vector<std::string>{"a", "b", ""}));
  EXPECT_FALSE(failed);
  channel.Cancel();
  EXPECT_FALSE(channel.Push("c"));
}

}  // namespace
}  // namespace ordo::http
