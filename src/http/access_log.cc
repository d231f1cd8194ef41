#include "http/access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

#include "base/json_writer.h"
#include "base/thread_name.h"
#include "http/problem.h"

namespace ordo::http {
namespace {

constexpr size_t kFlushBytes = 64 * 1024;

bool IsSecurityEvent(const Route* route, int status) {
  if (status == 401 || status == 403 || status == 429) {
    return true;
  }
  if (route == nullptr) {
    return false;
  }
  const std::string& pattern = route->pattern;
  return pattern.starts_with("/api/v1/auth/") || pattern.starts_with("/api/v1/users") ||
         pattern.starts_with("/api/v1/tokens") || pattern.ends_with("/reveal");
}

std::string ActorOfRequest(const Request& request) {
  if (!request.principal.authenticated()) {
    return "-";
  }
  const bool user = request.principal.id.starts_with("user:");
  return (user ? "user:" : "token:") + request.principal.name;
}

}  // namespace

std::string AccessLog::Line(const Request& request, const Route* route, int status,
                            int64_t elapsed_us, Timestamp at) {
  JsonWriter out;
  out.BeginObject()
      .Field("at", FormatRfc3339(at))
      .Field("client", ValidUtf8(request.client))
      .Field("actor", ValidUtf8(ActorOfRequest(request)))
      .Field("role", request.principal.role.empty() ? std::string("-") : request.principal.role)
      .Field("method", ValidUtf8(request.method))
      .Field("route", route != nullptr ? route->pattern : std::string("-"))
      .Field("path", ValidUtf8(request.path))
      .Field("status", status)
      .Field("us", elapsed_us);
  if (IsSecurityEvent(route, status)) {
    out.Field("security", true);
  }
  return out.EndObject().Take();
}

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& path, const Clock& clock) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Unavailable("cannot open the access log " + path);
  }
  std::FILE* file = ::fdopen(fd, "a");
  if (file == nullptr) {
    ::close(fd);
    return Status::Unavailable("cannot open the access log " + path);
  }
  return std::unique_ptr<AccessLog>(new AccessLog(file, clock));
}

AccessLog::AccessLog(std::FILE* file, const Clock& clock)
    : file_(file), clock_(clock), writer_([this] { Run(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
  std::fclose(file_);
}

void AccessLog::Record(const Request& request, const Route* route, int status, int64_t elapsed_us) {
  std::string line = Line(request, route, status, elapsed_us, clock_.Now());
  line += '\n';
  bool full = false;
  {
    std::lock_guard lock(mutex_);
    buffer_ += line;
    full = buffer_.size() >= kFlushBytes;
  }
  if (full) {
    wake_.notify_one();
  }
}

void AccessLog::Run() {
  SetThreadName("ordo-accesslog");
  std::string batch;
  for (;;) {
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(200),
                     [this] { return stopping_ || buffer_.size() >= kFlushBytes; });
      batch.swap(buffer_);
      stopping = stopping_;
    }
    if (!batch.empty()) {
      std::fwrite(batch.data(), 1, batch.size(), file_);
      std::fflush(file_);
      batch.clear();
    }
    if (stopping) {
      return;
    }
  }
}

}  // namespace ordo::http
