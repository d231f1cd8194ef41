// The SQL of waybill numbers (store/fulfillment_store.h, domain/fulfillment/waybill.h): the
// ranges the operator loads and the register of every number issued, which makes a number
// impossible to hand out twice. Each function runs on the connection it is given and never
// opens a transaction itself.
#pragma once

#include <string>
#include <vector>

#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// "waybill_range", id, "load": the range as loaded.
AuditEntry WaybillRangeAudit(const WaybillRange& range);
// "waybill_stock", carrier, "low": the numbers left against the threshold.
AuditEntry WaybillsLowAudit(const WaybillStock& stock, const std::string& actor, Timestamp at);

// `carrier`'s ranges (every carrier's when empty) by id; with `with_numbers_only`, those with
// numbers left.
Result<std::vector<WaybillRange>> SelectWaybillRanges(Connection& conn, const std::string& carrier,
                                                      bool with_numbers_only);
Status InsertWaybillRangeRow(Connection& conn, WaybillRange& range);
// Moves next_no forward only (a smaller value changes nothing).
Status AdvanceWaybillRangeRow(Connection& conn, int64_t range_id, int64_t next_no);
// False when the carrier's number is already in the register.
Result<bool> InsertIssuedWaybillRow(Connection& conn, const IssuedWaybill& waybill);
Status VoidWaybillRows(Connection& conn, int64_t shipment_id, int from_box_no, Timestamp at,
                       const std::string& reason);
Result<int64_t> SelectWaybillShipment(Connection& conn, const std::string& carrier,
                                      const std::string& tracking_no);

}  // namespace ordo::sqlite
