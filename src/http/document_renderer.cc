#include "http/document_renderer.h"

#include <algorithm>
#include <exception>

#include "http/problem.h"

namespace ordo::http {
namespace {

Response Refused(int status, Code code, std::string_view detail) {
  Response response = MakeProblem(status, code, detail);
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

}  // namespace

DocumentRenderer::DocumentRenderer(DocumentRendererOptions options)
    : options_(options),
      pool_(std::make_unique<WorkerPool>(std::max(1, options.threads), options.max_waiting)) {}

DocumentRenderer::~DocumentRenderer() {
  pool_.reset();
}

void DocumentRenderer::Run(const std::string& caller, const std::string& share_key,
                           std::function<Response()> work, Respond respond) {
  bool refused = false;
  {
    std::lock_guard lock(mutex_);
    auto count = per_caller_.find(caller);
    if (count != per_caller_.end() && count->second >= options_.per_caller) {
      refused = true;
    } else {
      per_caller_[caller] += 1;
      auto shared = in_flight_.find(share_key);
      if (shared != in_flight_.end()) {
        shared->second.waiting.push_back(std::move(respond));
        shared->second.callers.push_back(caller);
        return;
      }
      in_flight_[share_key] = Shared{{std::move(respond)}, {caller}};
    }
  }
  if (refused) {
    respond(Refused(429, Code::kTooManyRequests,
                    "too many documents are being made for you already: try again shortly"));
    return;
  }
  const bool queued = pool_->Post([this, share_key, work = std::move(work)] {
    Response response;
    try {
      response = work();
    } catch (const std::exception&) {
      response = MakeProblem(500, Code::kInternal, "the document could not be made");
    }
    Finish(share_key, response);
  });
  if (!queued) {
    Finish(share_key, Refused(503, Code::kUnavailable,
                              "too many documents are waiting to be made: try again shortly"));
  }
}

void DocumentRenderer::Finish(const std::string& share_key, const Response& response) {
  Shared shared;
  {
    std::lock_guard lock(mutex_);
    auto it = in_flight_.find(share_key);
    if (it == in_flight_.end()) {
      return;
    }
    shared = std::move(it->second);
    in_flight_.erase(it);
    for (const std::string& caller : shared.callers) {
      auto count = per_caller_.find(caller);
      if (count != per_caller_.end() && --count->second <= 0) {
        per_caller_.erase(count);
      }
    }
  }
  for (Respond& respond : shared.waiting) {
    respond(response);
  }
}

Result<std::shared_ptr<const std::string>> DocumentRenderer::Cached(
    const std::string& key, const std::string& fingerprint,
    const std::function<Result<std::string>()>& render) {
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.fingerprint == fingerprint) {
      return it->second.document;
    }
  }
  Result<std::string> made = render();
  if (!made.ok()) {
    return made.status();
  }
  auto document = std::make_shared<const std::string>(std::move(made).value());
  std::lock_guard lock(mutex_);
  if (auto old = cache_.find(key); old != cache_.end()) {
    cache_bytes_ -= old->second.document->size();
    cache_order_.remove(key);
    cache_.erase(old);
  }
  if (document->size() <= options_.cache_bytes) {
    while (cache_bytes_ + document->size() > options_.cache_bytes && !cache_order_.empty()) {
      auto oldest = cache_.find(cache_order_.front());
      cache_bytes_ -= oldest->second.document->size();
      cache_.erase(oldest);
      cache_order_.pop_front();
    }
    cache_.emplace(key, CacheEntry{fingerprint, document});
    cache_order_.push_back(key);
    cache_bytes_ += document->size();
  }
  return document;
}

}  // namespace ordo::http
