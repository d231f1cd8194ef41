#include "http/export_runner.h"

#include <utility>

#include "http/problem.h"

namespace ordo::http {
namespace {

Response Refused(int status, Code code, std::string_view detail) {
  Response response = MakeProblem(status, code, detail);
  response.headers.emplace_back("Retry-After", "5");
  return response;
}

}  // namespace

bool ChunkChannel::Push(std::string piece) {
  std::unique_lock lock(mutex_);
  space_.wait(lock, [this] { return cancelled_ || pieces_.size() < max_pieces_; });
  if (cancelled_) {
    return false;
  }
  if (waiting_ && pieces_.empty()) {
    auto ready = std::move(waiting_);
    waiting_ = nullptr;
    lock.unlock();
    ready(std::move(piece), false);
    return true;
  }
  pieces_.push_back(std::move(piece));
  return true;
}

void ChunkChannel::Finish(bool failed) {
  std::function<void()> hook;
  {
    std::lock_guard lock(mutex_);
    hook = std::exchange(on_finish_, nullptr);
  }
  if (hook) {
    hook();
  }
  std::unique_lock lock(mutex_);
  finished_ = true;
  failed_ = failed;
  if (waiting_ && pieces_.empty()) {
    auto ready = std::move(waiting_);
    waiting_ = nullptr;
    lock.unlock();
    ready("", failed);
  }
}

void ChunkChannel::Next(std::function<void(std::string piece, bool failed)> ready) {
  std::unique_lock lock(mutex_);
  if (!pieces_.empty()) {
    std::string piece = std::move(pieces_.front());
    pieces_.pop_front();
    lock.unlock();
    space_.notify_one();
    ready(std::move(piece), false);
    return;
  }
  if (finished_) {
    const bool failed = failed_;
    lock.unlock();
    ready("", failed);
    return;
  }
  waiting_ = std::move(ready);
}

void ChunkChannel::Cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    waiting_ = nullptr;
    pieces_.clear();
  }
  space_.notify_all();
}

ExportRunner::ExportRunner(ExportRunnerOptions options)
    : options_(options),
      pool_(std::make_unique<WorkerPool>(options.threads, options.max_waiting)) {}

ExportRunner::~ExportRunner() {
  Shutdown();
}

std::optional<Response> ExportRunner::Start(const std::string& caller,
                                            std::shared_ptr<ChunkChannel> channel,
                                            std::function<void(ChunkChannel&)> work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      return Refused(503, Code::kUnavailable, "the server is stopping");
    }
    int& running = per_caller_[caller];
    if (running >= options_.per_caller) {
      return Refused(429, Code::kTooManyRequests,
                     "an export of yours is still running: wait for it to finish");
    }
    ++running;
    live_[channel.get()] = channel;
  }
  // The caller's slot is freed when the body ends (before its last piece can reach the client,
  // who may ask for the next export at once), or after `work` if it never finished the body.
  auto released = std::make_shared<std::atomic<bool>>(false);
  auto release = [this, caller, released, key = channel.get()] {
    if (!released->exchange(true)) {
      Done(caller, key);
    }
  };
  channel->OnFinish(release);
  const bool queued = pool_->Post([channel, release, work = std::move(work)] {
    if (!channel->cancelled()) {
      work(*channel);
    } else {
      channel->Finish(true);
    }
    release();
  });
  if (!queued) {
    release();
    return Refused(503, Code::kUnavailable, "too many exports under way: try again shortly");
  }
  return std::nullopt;
}

void ExportRunner::Done(const std::string& caller, const ChunkChannel* channel) {
  std::lock_guard lock(mutex_);
  live_.erase(channel);
  if (--per_caller_[caller] <= 0) {
    per_caller_.erase(caller);
  }
}

void ExportRunner::Shutdown() {
  std::vector<std::shared_ptr<ChunkChannel>> live;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !pool_) {
      return;
    }
    stopping_ = true;
    for (auto& [key, weak] : live_) {
      if (auto channel = weak.lock()) {
        live.push_back(std::move(channel));
      }
    }
  }
  for (auto& channel : live) {
    channel->Cancel();
  }
  std::unique_ptr<WorkerPool> pool;
  {
    std::lock_guard lock(mutex_);
    pool = std::move(pool_);
  }
  pool.reset();  // runs what is queued (cancelled: it stops at once), then joins
}

}  // namespace ordo::http
