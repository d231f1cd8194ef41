// The access and security log (OWASP ASVS 5 V16): one JSON line per answered request, saying
// who did what from where and how it went, and never personal data:
//   {"at": RFC 3339, "client": address, "actor": "token:web" | "user:li.na" | "-", "role",
//    "method", "route": the matched pattern, "path": the path without its query (names,
//    phones and addresses only ever travel in bodies and queries, which are not logged),
//    "status", "us": microseconds, "security": true for logins, logouts, account and token
//    administration, and every 401, 403 and 429}.
// Lines are written by a thread of its own in batches, so a request only formats its line and
// appends it to a buffer under a short lock. The file is created with mode 0600 and appended to.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/clock.h"
#include "base/status.h"
#include "http/server.h"

namespace ordo::http {

class AccessLog {
 public:
  // Opens (creating with mode 0600) the file at `path` for appending.
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& path, const Clock& clock);
  ~AccessLog();  // writes what is buffered, then closes
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // For ServerOptions::on_answered.
  void Record(const Request& request, const Route* route, int status, int64_t elapsed_us);
  // The line Record writes (without its newline), for tests.
  static std::string Line(const Request& request, const Route* route, int status,
                          int64_t elapsed_us, Timestamp at);

 private:
  AccessLog(std::FILE* file, const Clock& clock);
  void Run();

  std::FILE* const file_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string buffer_;     // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::thread writer_;
};

}  // namespace ordo::http
