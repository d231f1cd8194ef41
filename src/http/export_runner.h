// Exports run here, off the HTTP threads: each on an export thread of its own, writing its body
// into a ChunkChannel that the server sends as a chunked response while it is produced. The
// channel holds a few pieces at most: when the client reads slowly the export waits, so memory
// stays bounded whatever the size of the export. A caller has `per_caller` exports under way at
// most (more: 429), and `threads` + `max_waiting` in all (more: 503), both with Retry-After.
// Shutdown() cancels every export under way (their next write fails) and joins the threads;
// the destructor does it too. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/server.h"
#include "http/worker_pool.h"

namespace ordo::http {

// A bounded hand-over of body pieces from one producer thread to the server (BodyStream).
class ChunkChannel final : public BodyStream {
 public:
  explicit ChunkChannel(size_t max_pieces = 4) : max_pieces_(max_pieces) {}

  // Producer: queues `piece` (not empty), waiting while `max_pieces` wait to be sent. False once
  // the channel is cancelled: the producer should stop.
  bool Push(std::string piece);
  // Producer: the end of the body, after the pieces queued; `failed` cuts the connection instead
  // of completing the body.
  void Finish(bool failed);
  // Runs `hook` once, in Finish, before the end of the body can reach the client (the runner
  // frees the caller's export slot there, so that the caller's next export is not refused).
  void OnFinish(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    on_finish_ = std::move(hook);
  }
  bool cancelled() const { return cancelled_.load(); }
  // True once cancelled, for loops that poll it (WriteExport).
  const std::atomic<bool>& cancelled_flag() const { return cancelled_; }

  void Next(std::function<void(std::string piece, bool failed)> ready) override;
  void Cancel() override;

 private:
  const size_t max_pieces_;
  mutable std::mutex mutex_;
  std::condition_variable space_;
  std::deque<std::string> pieces_;
  std::function<void(std::string, bool)> waiting_;  // a Next() waiting for a piece
  std::function<void()> on_finish_;
  bool finished_ = false;
  bool failed_ = false;
  std::atomic<bool> cancelled_{false};
};

struct ExportRunnerOptions {
  int threads = 1;
  size_t max_waiting = 4;
  int per_caller = 1;
};

class ExportRunner {
 public:
  explicit ExportRunner(ExportRunnerOptions options = {});
  ~ExportRunner();
  ExportRunner(const ExportRunner&) = delete;
  ExportRunner& operator=(const ExportRunner&) = delete;

  // Runs `work(channel)` on an export thread; `work` must end with channel.Finish(). Nullopt once
  // queued; else the refusal to answer: 429 too_many_requests when `caller` has per_caller
  // exports under way, 503 unavailable when the threads and queue are full or the runner is shut
  // down (both with Retry-After).
  std::optional<Response> Start(const std::string& caller, std::shared_ptr<ChunkChannel> channel,
                                std::function<void(ChunkChannel&)> work);

  // Cancels the exports under way and waiting, and joins the threads. Idempotent.
  void Shutdown();

 private:
  void Done(const std::string& caller, const ChunkChannel* channel);

  const ExportRunnerOptions options_;
  std::mutex mutex_;
  bool stopping_ = false;                                            // guarded by mutex_
  std::map<std::string, int> per_caller_;                            // guarded by mutex_
  std::map<const ChunkChannel*, std::weak_ptr<ChunkChannel>> live_;  // guarded by mutex_
  std::unique_ptr<WorkerPool> pool_;
};

}  // namespace ordo::http
