// The embedded engine's side of store/order_change_store.h: the writer's (inside its batch
// transaction, audit entries added to the batch's chain) and the readers' (on the pool's
// connections). The requested consignee is sealed with the store's PII cipher before it is
// written and opened when read.
#pragma once

#include <functional>

#include "store/order_change_store.h"
#include "store/pii_cipher.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// Owned by the writer's transaction object; runs on the writer thread only.
class OrderChangeWriter final : public OrderChangeWriteTx {
 public:
  OrderChangeWriter(Connection& conn, AuditChain& audit, const PiiCipher& cipher)
      : conn_(conn), audit_(audit), cipher_(cipher) {}

  Status InsertChangeRequest(ChangeRequest& request) override;
  Result<std::optional<ChangeRequest>> FindChangeRequest(int64_t id) override;
  Result<std::optional<ChangeRequest>> FindPendingChangeRequest(
      const std::string& order_no) override;
  Status SaveChangeDecision(const ChangeRequest& request, std::string_view action) override;

 private:
  Connection& conn_;
  AuditChain& audit_;
  const PiiCipher& cipher_;
};

class OrderChangeReader final : public OrderChangeReadView {
 public:
  using WithConnection = std::function<Status(const std::function<Status(Connection&)>&)>;

  OrderChangeReader(WithConnection with, const PiiCipher& cipher)
      : with_(std::move(with)), cipher_(cipher) {}

  Result<std::vector<ChangeRequest>> ListChangeRequests(const std::string& order_no) override;

 private:
  WithConnection with_;
  const PiiCipher& cipher_;
};

}  // namespace ordo::sqlite
