// The SQL of inventory depth (store/inventory_store.h), written out in full: warehouse rules,
// the backorder queue, replenishment requests, refunds, stocktakes, the filtered ledger, the
// stock check and the alerts' reads, and the audit entries of those writes. Each function runs
// on the connection it is given and never opens a transaction itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/inventory_store.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// --- Allocation rules ---
Result<AllocationRules> SelectAllocationRules(Connection& conn);
// kNotFound when the warehouse does not exist.
Status WriteWarehouseRule(Connection& conn, const WarehouseRule& rule);
Status WriteSkuStockSettings(Connection& conn, const Sku& sku);
AuditEntry WarehouseRuleAudit(const WarehouseRule& before, const WarehouseRule& after,
                              const std::string& actor, Timestamp at);
AuditEntry SkuStockSettingsAudit(const Sku& before, const Sku& after, const std::string& actor,
                                 Timestamp at);

// --- The backorder queue ---
// Replaces the stored waiting lines of order `order_id` by `lines` (all of that order).
Status ReplaceWaitingLines(Connection& conn, int64_t order_id,
                           const std::vector<WaitingLine>& lines);
Result<std::vector<WaitingLine>> SelectWaitingLines(Connection& conn, const std::string& sku);
Result<std::vector<WaitingLine>> SelectBackorders(Connection& conn, const BackorderFilter& filter);

// --- Replenishment requests ---
Result<std::optional<ReplenishmentRequest>> SelectLiveRequest(Connection& conn,
                                                              const std::string& sku,
                                                              const std::string& warehouse);
Result<std::optional<ReplenishmentRequest>> SelectRequest(Connection& conn, int64_t id);
// Inserts when request.id is 0 (assigning it), else updates.
Status WriteRequest(Connection& conn, ReplenishmentRequest& request);
AuditEntry RequestAudit(const ReplenishmentRequest& request, std::string_view action);
Result<std::vector<ReplenishmentView>> SelectRequests(Connection& conn,
                                                      const ReplenishmentFilter& filter);
Result<std::optional<ReplenishmentView>> SelectRequestView(Connection& conn, int64_t id);

// --- Stocktakes ---
Status InsertStocktakeRows(Connection& conn, Stocktake& stocktake);
Status UpdateStocktakeRows(Connection& conn, const Stocktake& stocktake);
Result<std::optional<Stocktake>> SelectStocktake(Connection& conn, int64_t id);
Result<std::vector<std::string>> SelectSkusStockedIn(Connection& conn,
                                                     const std::string& warehouse);
AuditEntry StocktakeAudit(const Stocktake& stocktake, std::string_view action,
                          const std::string& actor, Timestamp at);

// --- Reads ---
Result<std::vector<LedgerEntry>> SelectLedgerFiltered(Connection& conn, const LedgerFilter& filter);
Result<StockCheckReport> SelectStockCheck(Connection& conn);
Result<std::vector<SkuStock>> SelectSkuStock(Connection& conn);

// `ordo stock verify`: the stock check on a read-only connection of its own, so it may run
// beside `ordo serve`. kNotFound when there is no database in `data_dir`.
Result<StockCheckReport> VerifyStockBooks(const std::string& data_dir);

}  // namespace ordo::sqlite
