// The SQL of the embedded store, written out in full, shared by the writer and the readers.
// Each function runs on the connection it is given and never opens a transaction itself.
// Functions that read or write personal data take the PiiCipher that seals it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/pii_cipher.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

Result<std::optional<Sku>> SelectSku(Connection& conn, const std::string& code);
Result<std::map<std::string, Sku>> SelectSkus(Connection& conn,
                                              const std::vector<std::string>& codes);
Result<std::vector<Sku>> SelectSkuPage(Connection& conn, const std::string& after_code, int limit);
Status InsertSkuRow(Connection& conn, Sku& sku);

Result<std::optional<Warehouse>> SelectWarehouse(Connection& conn, const std::string& code);
Result<std::vector<Warehouse>> SelectWarehouses(Connection& conn);
Status InsertWarehouseRow(Connection& conn, Warehouse& warehouse);

Result<std::map<std::string, std::vector<StockLevel>>> SelectStock(
    Connection& conn, const std::vector<std::string>& skus);
// Appends the ledger entry (assigning entry.id). The level it leads to is written separately,
// by WriteStockLevel: the writer keeps levels in memory and writes each changed one once per
// transaction.
Status InsertLedgerEntry(Connection& conn, LedgerEntry& entry);
Status WriteStockLevel(Connection& conn, const StockLevel& level, Timestamp updated_at);
// The ledger's columns in the order ReadLedgerEntry reads them, ready for a WHERE clause.
constexpr const char* kLedgerColumns =
    "SELECT id, sku, warehouse, type, quantity, on_hand_after, reserved_after, reason, actor, "
    "order_no, at FROM stock_ledger ";
Result<LedgerEntry> ReadLedgerEntry(const Statement& row);
Result<std::vector<LedgerEntry>> SelectLedger(Connection& conn, const std::string& sku,
                                              int64_t after_id, int limit);

Result<std::optional<Order>> SelectOrder(Connection& conn, const PiiCipher& cipher,
                                         const std::string& order_no);
Result<std::optional<Order>> SelectOrderByExternalId(Connection& conn, const PiiCipher& cipher,
                                                     const std::string& channel,
                                                     const std::string& external_id);
Result<OrderPage> SelectOrders(Connection& conn, const PiiCipher& cipher,
                               const OrderFilter& filter);
// The orders matching `filter` (its status, cursor and limit ignored), counted per status;
// statuses without orders are left out.
Result<std::vector<std::pair<OrderStatus, int64_t>>> CountOrdersByStatus(Connection& conn,
                                                                         const PiiCipher& cipher,
                                                                         const OrderFilter& filter);
Result<OrderDaySummary> SelectOrderDaySummary(Connection& conn, Timestamp from, Timestamp to,
                                              int64_t zone_offset_ms);
Result<int64_t> SelectLiveCaseCount(Connection& conn);
// Inserts the order's row; its search keys are the caller's to append (AppendSearchKeys).
Status InsertOrderRow(Connection& conn, const PiiCipher& cipher, Order& order);
Status UpdateOrderRow(Connection& conn, const PiiCipher& cipher, const Order& order,
                      int64_t expected_version);
Status InsertOrderEvents(Connection& conn, const Order& order,
                         const std::vector<OrderEvent>& events);
// Search keys: "x:" external id, "m:" member id, "p:" phone, "t:" a phone's last four digits,
// "n:" consignee name and its parts (NameParts). Phones and
// names are personal data: their keys hold the cipher's blind index, never the value.
std::string SearchKey(char kind, std::string_view value);
std::string BlindSearchKey(const PiiCipher& cipher, char kind, std::string_view value);
std::vector<std::string> SearchKeys(const Order& order, const PiiCipher& cipher);
// What SearchKeys makes the keys of: equal inputs give equal keys, without hashing anything.
std::string SearchKeyInputs(const Order& order);

// A phone search (CS-2): the last four digits ("t:" keys), or a whole number in any common
// spelling ("158-4285-0688", "+86 158…": mobiles are searched in their canonical form).
struct PhoneQuery {
  std::string value;
  bool last_four = false;
};
PhoneQuery ParsePhoneQuery(std::string_view text);
// The parts of a consignee name searched on their own besides the whole name: the surname (first
// character), the given name (the rest) and, from three characters, a compound surname (the first
// two) and the given name after it. None for a name of one character or of more than six (a
// romanised name).
std::vector<std::string_view> NameParts(std::string_view name);
// Appends the order's keys to the pending list as one row (an append to the table's last page).
Status AppendSearchKeys(Connection& conn, int64_t order_id, const std::vector<std::string>& keys);
Result<int64_t> CountPendingSearchRows(Connection& conn);
// The pending (not yet merged) orders with search key `key`: a scan of the pending rows, which
// the writer merges before they grow past a bound. The writer has them in memory instead.
Result<std::vector<int64_t>> SelectPendingIdsWithKey(Connection& conn, const std::string& key);
// The newest `limit` orders with search key `key` that `keep` accepts (a key may be stale),
// newest first: the index's entries for the key are walked backwards a page at a time and
// merged with `pending_ids` (the writer's pending orders with the key, PendingSearchKeys), so
// the cost follows `limit`, not how many orders carry the key or how many keys are pending.
Result<std::vector<Order>> SelectNewestOrdersWithKey(Connection& conn, const PiiCipher& cipher,
                                                     const std::string& key,
                                                     std::vector<int64_t> pending_ids, int limit,
                                                     const std::function<bool(const Order&)>& keep);
// Moves every pending key into the search index in key order (one pass over its pages).
Status MergeSearchKeys(Connection& conn);
Result<std::vector<OrderEvent>> SelectOrderEvents(Connection& conn, const std::string& order_no);
Result<std::string> SelectMaxOrderNo(Connection& conn, const std::string& prefix);

// A stored response may show personal data (to a caller with pii:read), so its body is sealed.
Result<std::optional<IdempotencyRecord>> SelectIdempotency(Connection& conn,
                                                           const PiiCipher& cipher,
                                                           const std::string& scope,
                                                           const std::string& key);
Status InsertIdempotency(Connection& conn, const PiiCipher& cipher,
                         const IdempotencyRecord& record);

Status InsertTokenRow(Connection& conn, ApiToken& token);
Result<std::optional<ApiToken>> SelectTokenById(Connection& conn, int64_t id);
// Every token, newest first, with its hash left empty.
Result<std::vector<ApiToken>> SelectTokens(Connection& conn);
Result<std::vector<ApiToken>> SelectLiveUserTokens(Connection& conn, int64_t user_id);
Status RevokeTokenRow(Connection& conn, const ApiToken& token);
Result<std::optional<ApiToken>> SelectTokenByHash(Connection& conn, const std::string& hash);

}  // namespace ordo::sqlite
