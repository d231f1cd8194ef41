// The persistence of change requests (domain.md CHG-1): a change asked for once picking has
// started waits here for the warehouse's confirmation. Part of the store interface (store.h):
// WriteTx::order_changes() inside the writer's transaction, ReadView::order_changes() for
// reads. The same contracts hold: writes are audited by the store in the same transaction
// (entity "order_change", who, when, the status before → after and the non-personal facts of
// the change, never the consignee's name, phone or address), reads see committed data only and
// are thread-safe. The requested consignee is personal data: it is stored sealed, like the
// order's own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/order/change.h"

namespace ordo {

class OrderChangeWriteTx {
 public:
  virtual ~OrderChangeWriteTx() = default;

  // Assigns request.id. kAlreadyExists when the order already has a pending request (one at a
  // time: the warehouse judges one change against the goods it picked). Audited ("request").
  virtual Status InsertChangeRequest(ChangeRequest& request) = 0;
  virtual Result<std::optional<ChangeRequest>> FindChangeRequest(int64_t id) = 0;
  // The pending request of `order_no`, if any.
  virtual Result<std::optional<ChangeRequest>> FindPendingChangeRequest(
      const std::string& order_no) = 0;
  // Saves the decision of a pending request; kConflict already_decided when the stored request
  // is no longer pending. `action` ("confirm", "decline") names it in the audit trail.
  virtual Status SaveChangeDecision(const ChangeRequest& request, std::string_view action) = 0;
};

class OrderChangeReadView {
 public:
  virtual ~OrderChangeReadView() = default;

  // The change requests of `order_no`, oldest first.
  virtual Result<std::vector<ChangeRequest>> ListChangeRequests(const std::string& order_no) = 0;
};

}  // namespace ordo
