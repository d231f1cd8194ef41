// The SQL of payments (store/payment_store.h), written out in full: refund execution and the
// refund lists, the unpaid orders the timers scan, and the payment reminders. Each function runs
// on the connection it is given and never opens a transaction itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/payment_store.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

Result<std::optional<Refund>> SelectRefund(Connection& conn, int64_t id);
Result<std::vector<Refund>> SelectOrderRefunds(Connection& conn, const std::string& order_no);
Result<std::vector<Refund>> SelectRefundPage(Connection& conn, const RefundFilter& filter);
Result<std::vector<Refund>> SelectPendingRefunds(Connection& conn, int64_t after_id, int limit);
// kConflict when the refund's status is no longer `expected_status`; refund_exceeds_payment when
// the schema's trigger refuses it.
Status UpdateRefundExecution(Connection& conn, const Refund& refund,
                             const std::string& expected_status);
AuditEntry RefundExecutionAudit(const Refund& refund, const std::string& before_status);

// False when the order already had a reminder recorded.
Result<bool> InsertPaymentReminder(Connection& conn, const std::string& order_no, Timestamp at);
Result<std::vector<UnpaidOrder>> SelectUnpaidOrders(Connection& conn, Timestamp created_before,
                                                    bool unreminded, bool not_held,
                                                    UnpaidCursor cursor, int limit);

}  // namespace ordo::sqlite
