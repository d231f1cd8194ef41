// Printed documents (pick lists, packing slips, labels: PDFs of a whole wave) are slow to make:
// a 500-order wave's packing slips take seconds of CPU. They are made here, off the HTTP threads
// (which only admit the request and later write the answer), so that /healthz and every other
// request stay fast while documents render:
//   - a few render threads of their own, with a bounded queue (full: 503 with Retry-After);
//   - each caller may have `per_caller` requests waiting or rendering at once (more: 429 with
//     Retry-After), so one token cannot take every render thread;
//   - requests for the same document that arrive while it is being made share that one run;
//   - finished documents are cached by a fingerprint of what they were made from (Cached), so
//     printing a wave again costs the reads only, while any change to the wave, its orders or
//     their settings makes a new document. The cache is bounded in bytes (oldest dropped first).
// Thread-safe. The destructor waits for the renders under way.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "http/server.h"
#include "http/worker_pool.h"

namespace ordo::http {

struct DocumentRendererOptions {
  int threads = 1;
  size_t max_waiting = 16;
  int per_caller = 2;
  size_t cache_bytes = 64 << 20;
};

class DocumentRenderer {
 public:
  explicit DocumentRenderer(DocumentRendererOptions options = {});
  ~DocumentRenderer();
  DocumentRenderer(const DocumentRenderer&) = delete;
  DocumentRenderer& operator=(const DocumentRenderer&) = delete;

  // Answers `respond` with what `work` returns, run on a render thread. Requests with the same
  // `share_key` (e.g. "wave 12 packing-slips") waiting at the same time share one run of `work`.
  // Refused at once: 429 too_many_requests when `caller` has per_caller requests under way, 503
  // unavailable when the queue is full; both with Retry-After.
  void Run(const std::string& caller, const std::string& share_key, std::function<Response()> work,
           Respond respond);

  // The document cached under `key` when it was made from inputs with this `fingerprint`; else
  // `render()`, cached when it succeeds. For `work` above to call.
  Result<std::shared_ptr<const std::string>> Cached(
      const std::string& key, const std::string& fingerprint,
      const std::function<Result<std::string>()>& render);

 private:
  struct Shared {
    std::vector<Respond> waiting;
    std::vector<std::string> callers;
  };
  struct CacheEntry {
    std::string fingerprint;
    std::shared_ptr<const std::string> document;
  };
  void Finish(const std::string& share_key, const Response& response);

  const DocumentRendererOptions options_;
  std::mutex mutex_;
  std::map<std::string, int> per_caller_;    // guarded by mutex_
  std::map<std::string, Shared> in_flight_;  // guarded by mutex_
  std::map<std::string, CacheEntry> cache_;  // guarded by mutex_
  std::list<std::string> cache_order_;       // oldest first; guarded by mutex_
  size_t cache_bytes_ = 0;                   // guarded by mutex_
  std::unique_ptr<WorkerPool> pool_;         // last: joined first
};

}  // namespace ordo::http
