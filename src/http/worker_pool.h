// A few threads for slow, CPU-bound work that must not hold an HTTP thread: checking a password
// with Argon2id takes tens of milliseconds and 19 MiB. The queue is bounded, so a flood of login
// attempts is refused quickly (the caller answers 503) instead of piling up in memory.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ordo::http {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_waiting);
  // Runs the work still queued, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `work`; false (and `work` dropped) when max_waiting tasks already wait.
  bool Post(std::function<void()> work);

 private:
  void Run();

  const size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ordo::http
