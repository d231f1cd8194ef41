// The Beast listener and its sessions.
//
// Threading: `threads` threads run one io_context. The acceptor and every connection each have
// their own strand, so a session's state is only ever touched on its strand. A session handles
// its requests strictly one after another (read → handle → write → read), which makes
// pipelining safe: bytes of the next request wait in the session's buffer.
//
// Lifetime: the Impl owns every live session (`sessions`), so a session survives while its
// handler works elsewhere with no I/O pending. A Respond holds only a weak reference to its
// session plus a shared Gate; the Impl closes the gate before it destroys the io_context, so a
// Respond called (or dropped) after the Server is gone does nothing.
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <chrono>
#include <exception>
#include <list>
#include <mutex>
#include <optional>
#include <thread>

#include "base/thread_name.h"
#include "http/metrics.h"
#include "http/problem.h"

namespace ordo::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// The method label for requests that matched no route; unknown methods share one label so a
// scanner cannot inflate the number of series.
std::string_view MethodLabel(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET",   "HEAD",   "POST",   "PUT",
                                                "PATCH", "DELETE", "OPTIONS"};
  for (std::string_view known : kKnown) {
    if (method == known) {
      return known;
    }
  }
  return "OTHER";
}

bool IsHttpParseError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

bool IsSafeHeaderText(std::string_view text) {
  return text.find_first_of("\r\n") == std::string_view::npos &&
         text.find('\0') == std::string_view::npos;
}

void ToLower(std::string& text) {
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
}

bool IsUnsafeMethod(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return beast::iequals(a, b);
}

// The host[:port] of an Origin header ("https://ordo.example:8443" → "ordo.example:8443"), or
// "" when it has none ("null", a malformed value).
std::string_view OriginHost(std::string_view origin) {
  const size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) {
    return {};
  }
  std::string_view host = origin.substr(scheme + 3);
  return host.substr(0, host.find('/'));
}

// The default port of the Origin's scheme, so that "https://a" and Host "a:443" agree.
std::string_view DefaultPort(std::string_view origin) {
  return origin.starts_with("https://") ? ":443" : origin.starts_with("http://") ? ":80" : "";
}

// The last address of an X-Forwarded-For header (the one the trusted proxy itself added).
std::string LastForwardedAddress(std::string_view header) {
  const size_t comma = header.rfind(',');
  std::string_view last = comma == std::string_view::npos ? header : header.substr(comma + 1);
  while (!last.empty() && last.front() == ' ') {
    last.remove_prefix(1);
  }
  while (!last.empty() && last.back() == ' ') {
    last.remove_suffix(1);
  }
  return std::string(last.substr(0, 64));
}

// Shared between the Impl and every Respond: closed (under the mutex) before the io_context
// is destroyed, after which responses are dropped.
struct Gate {
  std::mutex mutex;
  bool open = true;
};

}  // namespace

Status CheckCrossSite(const Request& request, bool cookie_write) {
  const Status refused(Kind::kForbidden, Code::kCrossSiteRequest,
                       "a cross-site request may not change anything");
  if (std::optional<std::string_view> site = request.Header("sec-fetch-site")) {
    if (*site != "same-origin" && *site != "none") {
      return refused;
    }
  }
  if (std::optional<std::string_view> origin = request.Header("origin")) {
    const std::string_view host = request.Header("host").value_or("");
    const std::string_view origin_host = OriginHost(*origin);
    const std::string with_port = std::string(origin_host) + std::string(DefaultPort(*origin));
    if (origin_host.empty() ||
        (!EqualsIgnoringCase(origin_host, host) && !EqualsIgnoringCase(with_port, host))) {
      return refused;
    }
  }
  if (cookie_write) {
    // A form, even an empty one, always names its content type; only "no body, no type" (a
    // bodiless fetch, which SameSite keeps same-site) goes without.
    const std::optional<std::string_view> type = request.Header("content-type");
    const std::string_view media = type ? type->substr(0, type->find(';')) : "";
    const bool upload = type && EqualsIgnoringCase(media, "multipart/form-data") &&
                        request.Header("x-requested-with").value_or("") == "XMLHttpRequest";
    if (upload) {
      return Status::Ok();
    }
    if (type ? !EqualsIgnoringCase(media, "application/json") : !request.body.empty()) {
      return Status(Kind::kForbidden, Code::kCrossSiteRequest,
                    "a write authenticated by the session cookie must be application/json (or "
                    "multipart/form-data with X-Requested-With: XMLHttpRequest)");
    }
  }
  return Status::Ok();
}

namespace internal {

class Session;

// The listener behind Server::Impl (which is private to Server, while sessions need it).
struct Listener {
  Listener(const Router& router, Authenticator authenticate, Authorizer authorize,
           ServerOptions options);
  ~Listener();

  Result<uint16_t> Start();
  void Stop();
  void Wait();

  void DoAccept();
  void OnAccept(const beast::error_code& ec, tcp::socket socket);
  void AcceptFinished();
  // Called on the session's strand when it closes.
  void RemoveSession(std::list<std::shared_ptr<Session>>::iterator position);
  // Erases `*remove` (when not null); stops the io_context once stopping, the accept chain has
  // ended and no session is left.
  void StopIfDrained(std::list<std::shared_ptr<Session>>::iterator* remove);
  Metrics::Series* SeriesFor(const Route* route, std::string_view method);

  const Router& router;
  const Authenticator authenticate;
  const Authorizer authorize;
  const ServerOptions options;
  const int thread_count;
  // Declared before everything that uses it, so it is destroyed last.
  asio::io_context io_context;
  tcp::acceptor acceptor;
  asio::steady_timer accept_retry_timer;
  asio::steady_timer drain_timer;
  // Keeps run() going while every session waits for a handler answering from another thread
  // and no accept is pending (while stopping); the io_context ends only through stop().
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_guard;
  std::shared_ptr<Gate> gate = std::make_shared<Gate>();
  std::vector<Metrics::Series*> route_series;  // parallel to router.routes(), when metrics
  Metrics::Series* fallback_series = nullptr;  // the router's fallback (the console), idem
  std::atomic<bool> started{false};
  std::atomic<bool> stopping{false};
  std::atomic<bool> accept_finished{false};
  std::mutex sessions_mutex;
  std::list<std::shared_ptr<Session>> sessions;  // guarded by sessions_mutex
  std::mutex threads_mutex;
  std::vector<std::thread> threads;  // guarded by threads_mutex
};

// One connection. Every member function except Post*() runs on the session's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Listener& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)), executor_(stream_.get_executor()) {}

  void SetRegistryPosition(std::list<std::shared_ptr<Session>>::iterator position) {
    registry_position_ = position;
  }

  // Any thread.
  void PostStart() {
    asio::post(executor_, [self = shared_from_this()] { self->Begin(); });
  }
  // Any thread: closes the connection now when it is idle, or after the current response.
  void PostShutdown() {
    asio::post(executor_, [self = shared_from_this()] {
      if (self->state_ == State::kReading) {
        self->Close();
      }
    });
  }
  // Any thread: delivers the response to request number `sequence`.
  void PostResponse(uint64_t sequence, Response response) {
    asio::post(executor_,
               [self = shared_from_this(), sequence, response = std::move(response)]() mutable {
                 self->OnResponse(sequence, std::move(response));
               });
  }

 private:
  enum class State { kReading, kHandling, kWriting, kClosed };

  void Begin();
  void DoRead();
  void OnHeader(beast::error_code ec, size_t bytes);
  void OnContinueWritten(beast::error_code ec, size_t bytes);
  void ReadBody();
  void OnRead(beast::error_code ec, size_t bytes);
  void OnReadError(const beast::error_code& ec);
  void Handle();
  bool FillRequest();
  void Dispatch(const Route& route);
  void OnResponse(uint64_t sequence, Response response);
  void AnswerNow(Response response, bool close_after);
  void Write(Response response);
  void OnWrite(bool keep_alive, beast::error_code ec, size_t bytes);
  // A streamed body (Response::stream): the header, then each piece as a chunk, then the last.
  void WriteStreamed(std::shared_ptr<BodyStream> body, bool keep_alive);
  void PullPiece(bool keep_alive);
  void OnPiece(bool keep_alive, std::string piece, bool failed);
  void FinishRequest();
  void Close();

  Listener& server_;
  beast::tcp_stream stream_;
  const asio::any_io_executor executor_;
  std::string peer_;              // the peer's address, read once per connection
  bool peer_is_proxy_ = false;    // one of ServerOptions::trusted_proxies
  const Route* route_ = nullptr;  // the route of the request being handled, if any
  std::list<std::shared_ptr<Session>>::iterator registry_position_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::empty_body> continue_response_;
  bhttp::response<bhttp::string_body> response_;
  std::optional<bhttp::response<bhttp::empty_body>> stream_header_;
  std::optional<bhttp::response_serializer<bhttp::empty_body>> stream_serializer_;
  std::shared_ptr<BodyStream> stream_body_;
  std::string piece_;  // the chunk being written
  Request request_;
  State state_ = State::kReading;
  bool closed_ = false;
  bool request_open_ = false;  // between Handle() and the end of its write
  bool keep_alive_ = true;
  unsigned version_ = 11;
  uint64_t sequence_ = 0;
  Metrics::Series* series_ = nullptr;
  SteadyClock::time_point started_;
};

// The state behind one Respond: delivers at most once, and answers 500 when dropped unused.
class Responder {
 public:
  Responder(std::shared_ptr<Gate> gate, std::weak_ptr<Session> session, uint64_t sequence)
      : gate_(std::move(gate)), session_(std::move(session)), sequence_(sequence) {}
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;

  ~Responder() {
    if (called_.exchange(true)) {
      return;
    }
    try {
      spdlog::error("a handler dropped its Respond without answering; answering 500");
      Deliver(MakeProblem(500, Code::kInternal, "the request was not answered"));
    } catch (...) {
      // Nothing more can be done for this request; the connection's idle timer will close it.
    }
  }

  void operator()(Response response) {
    if (called_.exchange(true)) {
      spdlog::warn("a handler called Respond more than once; the later answer is ignored");
      return;
    }
    Deliver(std::move(response));
  }

 private:
  void Deliver(Response response) {
    std::lock_guard lock(gate_->mutex);
    if (!gate_->open) {
      return;
    }
    if (std::shared_ptr<Session> session = session_.lock()) {
      session->PostResponse(sequence_, std::move(response));
    }
  }

  std::shared_ptr<Gate> gate_;
  std::weak_ptr<Session> session_;
  uint64_t sequence_;
  std::atomic<bool> called_{false};
};

void Session::Begin() {
  if (Metrics* metrics = server_.options.metrics) {
    metrics->ConnectionOpened();
  }
  beast::error_code ec;
  const tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
  if (!ec) {
    peer_ = peer.address().to_string();
    const auto& proxies = server_.options.trusted_proxies;
    peer_is_proxy_ = std::find(proxies.begin(), proxies.end(), peer_) != proxies.end();
  }
  if (server_.stopping.load()) {
    Close();
    return;
  }
  DoRead();
}

void Session::DoRead() {
  state_ = State::kReading;
  if (server_.stopping.load()) {
    // Covers a response whose write was still completing when PostShutdown() looked.
    Close();
    return;
  }
  parser_.emplace();
  parser_->body_limit(
      std::max(server_.options.body_limit_bytes, server_.options.largest_body_limit_bytes));
  stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
}

void Session::OnHeader(beast::error_code ec, size_t) {
  if (ec) {
    OnReadError(ec);
    return;
  }
  if (parser_->is_done()) {
    Handle();
    return;
  }
  size_t limit = server_.options.body_limit_bytes;
  if (server_.options.body_limit_for) {
    const auto& header = parser_->get();
    const size_t route_limit = server_.options.body_limit_for(
        std::string_view(header.method_string().data(), header.method_string().size()),
        std::string_view(header.target().data(), header.target().size()));
    limit = route_limit > 0 ? route_limit : limit;
  }
  if (parser_->content_length() && *parser_->content_length() > limit) {
    AnswerNow(MakeProblem(413, Code::kMalformedRequest,
                          "the request body exceeds " + std::to_string(limit) + " bytes"),
              true);
    return;
  }
  parser_->body_limit(limit);
  auto expect = parser_->get().find(bhttp::field::expect);
  if (expect != parser_->get().end() && beast::iequals(expect->value(), "100-continue")) {
    continue_response_ = {};
    continue_response_.version(parser_->get().version());
    continue_response_.result(bhttp::status::continue_);
    bhttp::async_write(stream_, continue_response_,
                       beast::bind_front_handler(&Session::OnContinueWritten, shared_from_this()));
    return;
  }
  ReadBody();
}

void Session::OnContinueWritten(beast::error_code ec, size_t) {
  if (ec) {
    Close();
    return;
  }
  ReadBody();
}

void Session::ReadBody() {
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Session::OnRead, shared_from_this()));
}

void Session::OnRead(beast::error_code ec, size_t) {
  if (ec) {
    OnReadError(ec);
    return;
  }
  Handle();
}

void Session::OnReadError(const beast::error_code& ec) {
  if (closed_) {
    return;
  }
  if (ec == bhttp::error::body_limit) {
    AnswerNow(MakeProblem(413, Code::kMalformedRequest,
                          "the request body exceeds " +
                              std::to_string(server_.options.body_limit_bytes) + " bytes"),
              true);
    return;
  }
  // A clean end of stream, a partial message cut short, or a socket fault: nothing to answer.
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
      !IsHttpParseError(ec)) {
    Close();
    return;
  }
  AnswerNow(MakeProblem(400, Code::kMalformedRequest, "malformed HTTP request: " + ec.message()),
            true);
}

// Answers directly from the session (no handler involved), e.g. malformed HTTP.
void Session::AnswerNow(Response response, bool close_after) {
  if (state_ == State::kReading) {
    state_ = State::kHandling;
    ++sequence_;
    started_ = SteadyClock::now();
    request_open_ = true;
    if (Metrics* metrics = server_.options.metrics) {
      metrics->RequestStarted();
    }
    series_ = server_.SeriesFor(nullptr, "OTHER");
    version_ = 11;
    keep_alive_ = false;
    route_ = nullptr;
    // Nothing of an unreadable request is kept: the access log shows it as such.
    request_.method = "?";
    request_.path.clear();
    request_.principal = Principal{};
    request_.client = peer_;
  }
  if (close_after) {
    keep_alive_ = false;
  }
  Write(std::move(response));
}

bool Session::FillRequest() {
  auto& message = parser_->get();
  request_.method.assign(message.method_string().data(), message.method_string().size());
  request_.target.assign(message.target().data(), message.target().size());
  request_.path.clear();
  request_.query.clear();
  request_.path_params.clear();
  request_.headers.clear();
  request_.principal = Principal{};
  request_.client = peer_;
  for (const auto& field : message) {
    std::string name(field.name_string());
    ToLower(name);
    request_.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  if (peer_is_proxy_) {
    if (std::optional<std::string_view> forwarded = request_.Header("x-forwarded-for")) {
      request_.client = LastForwardedAddress(*forwarded);
    }
  }
  request_.body = std::move(message.body());
  auto target = boost::urls::parse_origin_form(request_.target);
  if (!target) {
    return false;
  }
  request_.path = target->path();
  for (auto param : target->params()) {
    request_.query.emplace_back(std::move(param.key), std::move(param.value));
  }
  return true;
}

void Session::Handle() {
  state_ = State::kHandling;
  ++sequence_;
  started_ = SteadyClock::now();
  request_open_ = true;
  if (Metrics* metrics = server_.options.metrics) {
    metrics->RequestStarted();
  }
  stream_.expires_never();
  keep_alive_ = parser_->get().keep_alive();
  version_ = parser_->get().version();
  series_ = nullptr;
  route_ = nullptr;
  if (!FillRequest()) {
    series_ = server_.SeriesFor(nullptr, request_.method);
    Write(MakeProblem(400, Code::kMalformedRequest, "the request target is not a valid path"));
    return;
  }
  bool path_exists = false;
  const Route* route =
      server_.router.Match(request_.method, request_.path, request_.path_params, path_exists);
  route_ = route;
  series_ = server_.SeriesFor(route, request_.method);
  if (route == nullptr && path_exists) {
    Response response = MakeProblem(405, Code::kMalformedRequest,
                                    request_.method + " is not allowed on " + request_.path);
    response.headers.emplace_back("Allow", server_.router.AllowedMethods(request_.path));
    Write(std::move(response));
    return;
  }
  if (route == nullptr && !path_exists) {
    route = server_.router.Fallback(request_.method, request_.path);
    if (route != nullptr) {
      series_ = server_.fallback_series;
    }
  }
  if (route == nullptr) {
    Write(MakeProblem(404, Code::kNotFound, "no resource at " + request_.path));
    return;
  }
  Dispatch(*route);
}

void Session::Dispatch(const Route& route) {
  auto responder = std::make_shared<Responder>(server_.gate, weak_from_this(), sequence_);
  request_.defer = [executor = executor_](std::function<void()> task) {
    asio::post(executor, std::move(task));
  };
  try {
    if (!route.info.public_route) {
      request_.principal = server_.authenticate(request_);
      if (!request_.principal.authenticated()) {
        Response response =
            MakeProblem(401, Code::kUnauthenticated, "missing or invalid credentials");
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
        (*responder)(std::move(response));
        return;
      }
      if (!route.info.permission.empty() &&
          !server_.authorize(request_.principal.role, route.info.permission)) {
        if (server_.options.on_forbidden) {
          server_.options.on_forbidden(request_, route.info);
        }
        (*responder)(MakeProblem(
            403, Code::kForbidden,
            "the role " + request_.principal.role + " may not " + route.info.permission));
        return;
      }
    }
    if (IsUnsafeMethod(request_.method)) {
      if (Status cross_site = CheckCrossSite(request_, request_.principal.from_cookie);
          !cross_site.ok()) {
        (*responder)(Response::Problem(cross_site));
        return;
      }
    }
    route.handler(request_, [responder](Response response) { (*responder)(std::move(response)); });
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", request_.method, route.pattern, e.what());
    (*responder)(MakeProblem(500, Code::kInternal, "internal error"));
  } catch (...) {
    spdlog::error("{} {} failed with a non-standard exception", request_.method, route.pattern);
    (*responder)(MakeProblem(500, Code::kInternal, "internal error"));
  }
}

void Session::OnResponse(uint64_t sequence, Response response) {
  if (closed_ || state_ != State::kHandling || sequence != sequence_) {
    return;
  }
  Write(std::move(response));
}

void Session::Write(Response response) {
  state_ = State::kWriting;
  if (response.status < 200 || response.status > 599) {
    spdlog::error("{} {}: a handler answered with status {}; sending 500", request_.method,
                  request_.path, response.status);
    response = MakeProblem(500, Code::kInternal, "internal error");
  }
  bool keep_alive = keep_alive_ && !server_.stopping.load();
  response_ = {};
  response_.version(version_);
  response_.result(static_cast<unsigned>(response.status));
  if (!response.content_type.empty() && response.status != 204 && response.status != 304 &&
      IsSafeHeaderText(response.content_type)) {
    response_.set(bhttp::field::content_type, response.content_type);
  }
  for (const auto& [name, value] : response.headers) {
    // A CR or LF would let a value smuggle in headers of its own: such a header is dropped.
    if (!name.empty() && IsSafeHeaderText(name) && IsSafeHeaderText(value)) {
      response_.insert(name, value);
    }
  }
  // Hardening for every answer (OWASP API8): no content sniffing, no framing, and API answers,
  // which may carry personal data, never kept by a cache unless the handler says otherwise.
  response_.set("X-Content-Type-Options", "nosniff");
  response_.set("X-Frame-Options", "DENY");
  if (request_.path.starts_with("/api/") &&
      response_.find(bhttp::field::cache_control) == response_.end()) {
    response_.set(bhttp::field::cache_control, "no-store");
  }
  if (response.stream) {
    WriteStreamed(std::move(response.stream), keep_alive);
    return;
  }
  response_.body() = std::move(response.body);
  response_.keep_alive(keep_alive);
  response_.prepare_payload();
  stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
  bhttp::async_write(stream_, response_,
                     beast::bind_front_handler(&Session::OnWrite, shared_from_this(), keep_alive));
}

void Session::OnWrite(bool keep_alive, beast::error_code ec, size_t) {
  FinishRequest();
  if (ec || !keep_alive) {
    Close();
    return;
  }
  DoRead();
}

void Session::WriteStreamed(std::shared_ptr<BodyStream> body, bool keep_alive) {
  stream_body_ = std::move(body);
  stream_header_.emplace(bhttp::response_header<>(response_.base()));
  stream_header_->keep_alive(keep_alive);
  stream_header_->chunked(true);
  stream_serializer_.emplace(*stream_header_);
  stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
  bhttp::async_write_header(stream_, *stream_serializer_,
                            [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                              if (ec) {
                                self->FinishRequest();
                                self->Close();
                                return;
                              }
                              self->PullPiece(keep_alive);
                            });
}

void Session::PullPiece(bool keep_alive) {
  if (closed_ || !stream_body_) {
    return;
  }
  // The piece may come from any thread, even after the server is gone: delivered through the
  // gate like a Respond, and dropped once the session is.
  stream_body_->Next([gate = server_.gate, weak = weak_from_this(), keep_alive](std::string piece,
                                                                                bool failed) {
    std::lock_guard lock(gate->mutex);
    if (!gate->open) {
      return;
    }
    if (std::shared_ptr<Session> self = weak.lock()) {
      asio::post(self->executor_, [self, keep_alive, piece = std::move(piece), failed]() mutable {
        self->OnPiece(keep_alive, std::move(piece), failed);
      });
    }
  });
}

void Session::OnPiece(bool keep_alive, std::string piece, bool failed) {
  if (closed_) {
    return;
  }
  if (failed) {
    FinishRequest();
    Close();
    return;
  }
  stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
  if (piece.empty()) {
    stream_body_.reset();
    asio::async_write(stream_, bhttp::make_chunk_last(),
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this(), keep_alive));
    return;
  }
  piece_ = std::move(piece);
  asio::async_write(stream_, bhttp::make_chunk(asio::buffer(piece_)),
                    [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                      if (ec) {
                        self->FinishRequest();
                        self->Close();
                        return;
                      }
                      self->PullPiece(keep_alive);
                    });
}

void Session::FinishRequest() {
  if (!request_open_) {
    return;
  }
  request_open_ = false;
  if (server_.options.on_answered) {
    const int64_t elapsed_us =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started_)
            .count();
    server_.options.on_answered(request_, route_, response_.result_int(), elapsed_us);
  }
  if (Metrics* metrics = server_.options.metrics) {
    metrics->RequestFinished();
    if (series_ != nullptr) {
      Metrics::Record(*series_, response_.result_int(), SteadyClock::now() - started_);
    }
  }
}

void Session::Close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  state_ = State::kClosed;
  if (stream_body_) {
    stream_body_->Cancel();
    stream_body_.reset();
  }
  if (request_open_) {
    request_open_ = false;
    if (Metrics* metrics = server_.options.metrics) {
      metrics->RequestFinished();
    }
  }
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.socket().close(ignored);
  if (Metrics* metrics = server_.options.metrics) {
    metrics->ConnectionClosed();
  }
  server_.RemoveSession(registry_position_);
}

Listener::Listener(const Router& router_in, Authenticator authenticate_in, Authorizer authorize_in,
                   ServerOptions options_in)
    : router(router_in),
      authenticate(std::move(authenticate_in)),
      authorize(std::move(authorize_in)),
      options(std::move(options_in)),
      thread_count(options.threads > 0
                       ? options.threads
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
      io_context(thread_count),
      acceptor(asio::make_strand(io_context)),
      accept_retry_timer(acceptor.get_executor()),
      drain_timer(io_context) {
  ORDO_ASSERT(authenticate != nullptr && authorize != nullptr);
  if (options.metrics != nullptr) {
    route_series.reserve(router.routes().size());
    for (const Route& route : router.routes()) {
      route_series.push_back(options.metrics->GetSeries(route.method, route.pattern));
    }
    if (const Route* fallback = router.Fallback("GET", "/")) {
      fallback_series = options.metrics->GetSeries(fallback->method, fallback->pattern);
    }
  }
}

Listener::~Listener() {
  Stop();
  Wait();
  {
    std::lock_guard lock(gate->mutex);
    gate->open = false;
  }
  std::list<std::shared_ptr<Session>> remaining;
  {
    std::lock_guard lock(sessions_mutex);
    remaining.swap(sessions);
  }
  remaining.clear();
}

Metrics::Series* Listener::SeriesFor(const Route* route, std::string_view method) {
  if (options.metrics == nullptr) {
    return nullptr;
  }
  if (route != nullptr) {
    return route_series[static_cast<size_t>(route - router.routes().data())];
  }
  return options.metrics->GetSeries(MethodLabel(method), Metrics::kUnmatchedRoute);
}

Result<uint16_t> Listener::Start() {
  if (started.exchange(true)) {
    return Status::Internal("the server was already started");
  }
  std::string where = options.host + ":" + std::to_string(options.port);
  beast::error_code ec;
  tcp::resolver resolver(io_context);
  auto endpoints = resolver.resolve(options.host, std::to_string(options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    started.store(false);
    return Status::Unavailable("cannot resolve " + where + ": " + ec.message());
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    beast::error_code ignored;
    acceptor.close(ignored);
    started.store(false);
    return Status::Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  uint16_t port = acceptor.local_endpoint(ec).port();
  work_guard.emplace(io_context.get_executor());
  DoAccept();
  std::lock_guard lock(threads_mutex);
  threads.reserve(static_cast<size_t>(thread_count));
  for (int i = 0; i < thread_count; ++i) {
    threads.emplace_back([this] {
      SetThreadName("ordo-http");
      while (true) {
        try {
          io_context.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("http: an io thread caught an exception: {}", e.what());
        }
      }
    });
  }
  return port;
}

void Listener::DoAccept() {
  acceptor.async_accept(asio::make_strand(io_context),
                        beast::bind_front_handler(&Listener::OnAccept, this));
}

void Listener::OnAccept(const beast::error_code& ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor.is_open() || stopping.load()) {
    // A connection accepted by the kernel while stopping is dropped (closed with `socket`).
    AcceptFinished();
    return;
  }
  if (ec) {
    // Typically out of file descriptors: back off briefly instead of spinning.
    spdlog::warn("http: accept failed: {}", ec.message());
    accept_retry_timer.expires_after(std::chrono::milliseconds(50));
    accept_retry_timer.async_wait([this](const beast::error_code& wait_ec) {
      if (wait_ec || !acceptor.is_open() || stopping.load()) {
        AcceptFinished();
        return;
      }
      DoAccept();
    });
    return;
  }
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  auto session = std::make_shared<Session>(*this, std::move(socket));
  {
    std::lock_guard lock(sessions_mutex);
    sessions.push_front(session);
    session->SetRegistryPosition(sessions.begin());
  }
  session->PostStart();
  DoAccept();
}

// On the acceptor's strand, once no accept is pending any more (only while stopping).
void Listener::AcceptFinished() {
  beast::error_code ignored;
  acceptor.close(ignored);
  accept_finished.store(true);
  StopIfDrained(nullptr);
}

void Listener::RemoveSession(std::list<std::shared_ptr<Session>>::iterator position) {
  StopIfDrained(&position);
}

void Listener::StopIfDrained(std::list<std::shared_ptr<Session>>::iterator* remove) {
  bool drained = false;
  std::shared_ptr<Session> removed;  // released after the lock, possibly the last reference
  {
    std::lock_guard lock(sessions_mutex);
    if (remove != nullptr) {
      removed = std::move(**remove);
      sessions.erase(*remove);
    }
    // Until the accept chain has ended, a connection may still be on its way to a session.
    drained = stopping.load() && accept_finished.load() && sessions.empty();
  }
  if (drained) {
    io_context.stop();
  }
}

void Listener::Stop() {
  if (!started.load() || stopping.exchange(true)) {
    return;
  }
  // The acceptor belongs to its strand. Closing it ends the accept chain (OnAccept sees
  // operation_aborted), which then stops the io_context if no session is left.
  asio::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    accept_retry_timer.cancel();
  });
  std::vector<std::shared_ptr<Session>> snapshot;
  {
    std::lock_guard lock(sessions_mutex);
    snapshot.assign(sessions.begin(), sessions.end());
  }
  for (const std::shared_ptr<Session>& session : snapshot) {
    session->PostShutdown();
  }
  // Sessions still busy when the grace period ends are abandoned (their sockets close when
  // the Server is destroyed).
  drain_timer.expires_after(std::chrono::milliseconds(options.shutdown_grace_ms));
  drain_timer.async_wait([this](const beast::error_code& ec) {
    if (!ec) {
      io_context.stop();
    }
  });
}

void Listener::Wait() {
  std::lock_guard lock(threads_mutex);
  for (std::thread& thread : threads) {
    if (thread.joinable()) {
      thread.join();
    }
  }
  threads.clear();
  if (stopping.load()) {
    // No thread runs the io_context any more, so the acceptor may be touched from here; this
    // covers a stop that overtook the posted close.
    beast::error_code ignored;
    acceptor.close(ignored);
  }
}

}  // namespace internal

struct Server::Impl : internal::Listener {
  using Listener::Listener;
};

Server::Server(const Router& router, Authenticator authenticate, Authorizer authorize,
               ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(authenticate), std::move(authorize),
                                   std::move(options))) {}

Server::~Server() = default;

Result<uint16_t> Server::Start() {
  return impl_->Start();
}

void Server::Wait() {
  impl_->Wait();
}

void Server::Stop() {
  impl_->Stop();
}

}  // namespace ordo::http
