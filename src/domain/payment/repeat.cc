#include "domain/payment/repeat.h"

namespace ordo {

Status CheckNotARepeat(const MoneyRequest& request, const std::vector<MoneyRequest>& earlier,
                       int64_t window_minutes, bool confirmed) {
  if (confirmed || window_minutes <= 0) {
    return Status::Ok();
  }
  const int64_t window_ms = window_minutes * 60 * 1000;
  for (const MoneyRequest& other : earlier) {
    const int64_t apart_ms = request.at.unix_ms - other.at.unix_ms;
    if (!other.open || other.subject != request.subject || other.type != request.type ||
        other.amount != request.amount || apart_ms < 0 || apart_ms > window_ms) {
      continue;
    }
    return Status::Conflict(Code::kPossibleDuplicateRequest,
                            request.type + " of " + std::to_string(request.amount) + " for " +
                                request.subject + " repeats " + other.reference + ", made " +
                                std::to_string(apart_ms / 60000) +
                                " minutes before and still open; send confirm_duplicate: true if "
                                "both are meant");
  }
  return Status::Ok();
}

}  // namespace ordo
