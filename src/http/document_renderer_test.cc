#include "http/document_renderer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace ordo::http {
namespace {

// Collects answers from any thread.
struct Answers {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Response> got;
  Respond Add() {
    return [this](Response response) {
      std::lock_guard lock(mutex);
      got.push_back(std::move(response));
      changed.notify_all();
    };
  }
  void WaitFor(size_t count) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return got.size() >= count; });
  }
};

// Holds every run until released, so requests pile up as they would behind a slow render.
struct Gate {
  std::mutex mutex;
  std::condition_variable opened;
  bool open = false;
  std::atomic<int> runs{0};
  std::function<Response()> Work(std::string body) {
    return [this, body] {
      runs += 1;
      std::unique_lock lock(mutex);
      opened.wait(lock, [&] { return open; });
      return Response::Json(200, body);
    };
  }
  void Open() {
    std::lock_guard lock(mutex);
    open = true;
    opened.notify_all();
  }
};

TEST(DocumentRenderer, ACallerGetsTwoAtOnceAndTheRestAre429) {
  DocumentRenderer renderer({1, 16, 2, 1 << 20});
  Gate gate;
  Answers answers;
  for (int i = 0; i < 5; ++i) {
    renderer.Run("token:wh", "wave " + std::to_string(i), gate.Work("pdf"), answers.Add());
  }
  answers.WaitFor(3);
  {
    std::lock_guard lock(answers.mutex);
    ASSERT_EQ(answers.got.size(), 3u) << "three refused at once, without waiting";
    for (const Response& refused : answers.got) {
      EXPECT_EQ(refused.status, 429);
    }
  }
  // Another caller is not held up by the first one's limit.
  renderer.Run("token:other", "wave 9", gate.Work("pdf"), answers.Add());
  gate.Open();
  answers.WaitFor(6);
  std::lock_guard lock(answers.mutex);
  int ok = 0;
  for (const Response& response : answers.got) {
    ok += response.status == 200 ? 1 : 0;
  }
  EXPECT_EQ(ok, 3);
}

TEST(DocumentRenderer, RequestsForTheSameDocumentShareOneRun) {
  DocumentRenderer renderer({1, 16, 8, 1 << 20});
  Gate gate;
  Answers answers;
  for (int i = 0; i < 4; ++i) {
    renderer.Run("token:" + std::to_string(i), "wave 1 packing-slips", gate.Work("same"),
                 answers.Add());
  }
  gate.Open();
  answers.WaitFor(4);
  EXPECT_EQ(gate.runs.load(), 1);
  std::lock_guard lock(answers.mutex);
  for (const Response& response : answers.got) {
    EXPECT_EQ(response.body, "same");
  }
}

TEST(DocumentRenderer, TheCacheServesTheSameInputsAndRendersChangedOnes) {
  DocumentRenderer renderer({1, 4, 2, 100});
  int renders = 0;
  auto render = [&](std::string text) {
    return [&, text] {
      ++renders;
      return Result<std::string>(text);
    };
  };
  EXPECT_EQ(**renderer.Cached("wave 1", "v1", render("first")), "first");
  EXPECT_EQ(**renderer.Cached("wave 1", "v1", render("again")), "first");
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(**renderer.Cached("wave 1", "v2", render("changed")), "changed");
  EXPECT_EQ(renders, 2);
  // Bounded in bytes: the oldest goes first.
  renderer.Cached("wave 2", "v1", render(std::string(60, 'x')));
  renderer.Cached("wave 3", "v1", render(std::string(60, 'y')));
  EXPECT_EQ(**renderer.Cached("wave 2", "v1", render("re-made")), "re-made");
  // A failed render is answered, not cached.
  auto failed = renderer.Cached("wave 4", "v1",
                                [] { return Result<std::string>(Status::Internal("no font")); });
  EXPECT_FALSE(failed.ok());
}

}  // namespace
}  // namespace ordo::http
