#include "store/sqlite/payment_tx.h"

#include "store/sqlite/document_tx.h"

#include "store/sqlite/payment_queries.h"

namespace ordo::sqlite {

Result<std::optional<Refund>> PaymentWriter::FindRefund(int64_t id) {
  return SelectRefund(conn_, id);
}

Result<std::vector<Refund>> PaymentWriter::FindOrderRefunds(const std::string& order_no) {
  return SelectOrderRefunds(conn_, order_no);
}

Status PaymentWriter::SaveRefund(const Refund& refund, RefundStatus expected_status,
                                 std::string_view action) {
  ORDO_RETURN_IF_ERROR(UpdateRefundRow(conn_, refund, expected_status));
  const bool executed = action == "execute";
  audit_.Add(RefundChangeAudit(refund, expected_status, action,
                               executed ? refund.executed_by : refund.decided_by,
                               executed ? refund.executed_at.value_or(refund.created_at)
                                        : refund.decided_at.value_or(refund.created_at)));
  if (executed && refund.status == RefundStatus::kSucceeded && documents_ != nullptr) {
    ORDO_RETURN_IF_ERROR(documents_->Archive(refund.order_no, {RefundVoucher(refund)}));
  }
  return Status::Ok();
}

Result<bool> PaymentWriter::RecordPaymentReminder(const std::string& order_no, Timestamp at) {
  return InsertPaymentReminder(conn_, order_no, at);
}

template <typename T, typename Query>
Result<T> PaymentReader::Read(Query query) {
  return ReadWith<T>(with_, std::move(query));
}

Result<std::vector<Refund>> PaymentReader::ListRefunds(const RefundFilter& filter) {
  return Read<std::vector<Refund>>([&](Connection& c) { return SelectRefundPage(c, filter); });
}

Result<std::vector<PaymentRecord>> PaymentReader::ListPayments(const PaymentFilter& filter) {
  return Read<std::vector<PaymentRecord>>(
      [&](Connection& c) { return SelectPaymentPage(c, filter); });
}

Result<std::optional<Refund>> PaymentReader::GetRefund(int64_t id) {
  return Read<std::optional<Refund>>([&](Connection& c) { return SelectRefund(c, id); });
}

Result<std::vector<Refund>> PaymentReader::ListPendingRefunds(int64_t after_id, int limit) {
  return Read<std::vector<Refund>>(
      [&](Connection& c) { return SelectPendingRefunds(c, after_id, limit); });
}

Result<std::vector<UnpaidOrder>> PaymentReader::ListUnpaidOrders(Timestamp created_before,
                                                                 bool unreminded, bool not_held,
                                                                 UnpaidCursor cursor, int limit) {
  return Read<std::vector<UnpaidOrder>>([&](Connection& c) {
    return SelectUnpaidOrders(c, created_before, unreminded, not_held, cursor, limit);
  });
}

}  // namespace ordo::sqlite
