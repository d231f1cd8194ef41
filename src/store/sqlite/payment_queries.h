// The SQL of payments (store/payment_store.h), written out in full: refund execution and the
// refund lists, the unpaid orders the timers scan, and the payment reminders. Each function runs
// on the connection it is given and never opens a transaction itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/payment_store.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

Result<std::optional<Refund>> SelectRefund(Connection& conn, int64_t id);
Result<std::vector<Refund>> SelectOrderRefunds(Connection& conn, const std::string& order_no);
Result<std::vector<Refund>> SelectRefundPage(Connection& conn, const RefundFilter& filter);
Result<std::vector<Refund>> SelectPendingRefunds(Connection& conn, int64_t after_id, int limit);
// kConflict refund_exceeds_payment when the schema's trigger refuses the refund.
Status InsertRefundRow(Connection& conn, Refund& refund);
AuditEntry RefundAudit(const Refund& refund);
// kConflict when the refund's status is no longer `expected_status`; refund_exceeds_payment when
// the schema's trigger refuses it.
Status UpdateRefundRow(Connection& conn, const Refund& refund, RefundStatus expected_status);
AuditEntry RefundChangeAudit(const Refund& refund, RefundStatus before_status,
                             std::string_view action, const std::string& actor, Timestamp at);

// The payments of `order` from position `from_seq` on, added to the payments list (a position
// already there is left alone).
Status InsertPaymentRows(Connection& conn, const Order& order, size_t from_seq);
Result<std::vector<PaymentRecord>> SelectPaymentPage(Connection& conn, const PaymentFilter& filter);

// False when the order already had a reminder recorded.
Result<bool> InsertPaymentReminder(Connection& conn, const std::string& order_no, Timestamp at);
Result<std::vector<UnpaidOrder>> SelectUnpaidOrders(Connection& conn, Timestamp created_before,
                                                    bool unreminded, bool not_held,
                                                    UnpaidCursor cursor, int limit);

}  // namespace ordo::sqlite
