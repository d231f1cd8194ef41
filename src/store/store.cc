#include "store/store.h"

#include <future>

namespace ordo {

Status Store::SubmitAndWait(WriteFn fn) {
  std::promise<Status> promise;
  std::future<Status> future = promise.get_future();
  Submit(std::move(fn), [&promise](const Status& status) { promise.set_value(status); });
  return future.get();
}

}  // namespace ordo
