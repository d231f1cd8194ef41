// late_customer_reply: a customer message answered after the reply limit, or still unanswered
// past it. Customer messages are not recorded yet; this detector is ready for them.
#include "domain/audit/detectors.h"

namespace ordo {

std::vector<Violation> DetectLateReplies(const std::vector<CustomerMessage>& messages,
                                         const SupervisionPolicy& policy, Timestamp now) {
  std::vector<Violation> violations;
  for (const CustomerMessage& message : messages) {
    const Timestamp deadline = message.received_at.PlusMs(policy.reply_within_ms);
    const std::string occurrence = "message:" + message.message_id;
    const std::string limit = "; the reply limit is " + FormatDuration(policy.reply_within_ms) +
                              " (deadline " + FormatRfc3339(deadline) + ")";
    if (message.replied_at) {
      if (*message.replied_at <= deadline) {
        continue;
      }
      const int64_t observed = message.replied_at->unix_ms - message.received_at.unix_ms;
      Violation violation =
          MakeViolation(ViolationType::kLateCustomerReply, message.replied_by, "customer_message",
                        message.message_id, occurrence, *message.replied_at);
      violation.explanation = "message " + message.message_id + " received at " +
                              FormatRfc3339(message.received_at) + " was answered by " +
                              message.replied_by + " " + FormatDuration(observed) + " later" +
                              limit;
      violation.details = {{"order_no", message.order_no},
                           {"observed", FormatDuration(observed)},
                           {"limit", FormatDuration(policy.reply_within_ms)}};
      violations.push_back(std::move(violation));
      continue;
    }
    if (now <= deadline) {
      continue;
    }
    Violation violation =
        MakeViolation(ViolationType::kLateCustomerReply, message.assigned_to, "customer_message",
                      message.message_id, occurrence, deadline);
    if (message.assigned_to.empty()) {
      violation.department = policy.reply_department;
    }
    const std::string waiting_for = message.assigned_to.empty()
                                        ? "the " + policy.reply_department + " department"
                                        : message.assigned_to;
    violation.explanation = "message " + message.message_id + " received at " +
                            FormatRfc3339(message.received_at) + " is still unanswered at " +
                            FormatRfc3339(now) + ", waiting for " + waiting_for + limit;
    violation.details = {{"order_no", message.order_no},
                         {"observed", FormatDuration(now.unix_ms - message.received_at.unix_ms)},
                         {"limit", FormatDuration(policy.reply_within_ms)}};
    violations.push_back(std::move(violation));
  }
  return violations;
}

}  // namespace ordo
