// Customer use cases (domain.md REV-1, CS-1; domain/customer/customer.h): blacklisting and
// lifting it, the staff's credit and risk judgement, complaints, and reading a customer's
// profile with their history. Every change is audited by the store (entity "customer").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"
#include "domain/customer/customer.h"

namespace ordo::app {

struct CustomerOutcome {
  CustomerProfile profile;
  std::optional<Complaint> complaint;  // set by AddComplaint
};

// The profile of `member_id` as stored, or, for a customer who has ordered but was never
// reviewed, a profile made from their latest order (version 0, not stored). kNotFound when
// neither exists.
Result<CustomerProfile> FindProfile(ReadView& reads, const std::string& member_id);

// Each loads the profile (creating it, audited "create", for a customer known only from their
// orders), applies the domain change and saves it: kNotFound for an unknown member id; the
// domain's refusals (reason required, already blacklisted, …); kPreconditionFailed
// version_mismatch when `if_match` is given and differs from the profile's version.
WriteFn BlacklistCustomer(std::string member_id, std::string reason,
                          std::optional<int64_t> if_match, CommandContext context,
                          std::shared_ptr<CustomerOutcome> out);
WriteFn UnblacklistCustomer(std::string member_id, std::string reason,
                            std::optional<int64_t> if_match, CommandContext context,
                            std::shared_ptr<CustomerOutcome> out);
// kPreconditionFailed/kVersionMismatch when `if_match` is given and differs from the version.
WriteFn PatchCustomer(std::string member_id, CustomerPatch patch, std::optional<int64_t> if_match,
                      CommandContext context, std::shared_ptr<CustomerOutcome> out);
// The complaint's order_no, when given, must name an order of this customer (422 order_no).
WriteFn AddComplaint(std::string member_id, Complaint complaint, CommandContext context,
                     std::shared_ptr<CustomerOutcome> out);

}  // namespace ordo::app
