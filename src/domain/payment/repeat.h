// A request that would move money again (domain.md AFS-5, AUD-2; "money moves twice on a double
// submit"): two staff opening the same partial refund for the same order minutes apart, or the
// same reward proposed twice. Such a request repeating one still open needs an explicit
// confirmation; otherwise it is refused, naming the earlier one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace ordo {

// A money-moving request as the repeat check compares them.
struct MoneyRequest {
  std::string subject;  // the order, or the person a reward is for
  std::string type;     // "partial_refund", "reward:bonus", …
  int64_t amount = 0;   // fen (or points)
  Timestamp at;
  std::string reference;  // how the earlier one is named: "after-sales case 12"
  bool open = true;       // still under way (not rejected, closed or withdrawn)
};

// kConflict possible_duplicate_request when `request` repeats one of `earlier` that is open and
// has the same subject, type and amount, made at most `window_minutes` before it, unless
// `confirmed` (the person means it). A window of 0 turns the check off.
Status CheckNotARepeat(const MoneyRequest& request, const std::vector<MoneyRequest>& earlier,
                       int64_t window_minutes, bool confirmed);

}  // namespace ordo
