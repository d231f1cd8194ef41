// The writer's copy of order_search_pending: the search keys appended since the last merge,
// by key. The table holds each order's keys as one row (cheap to append) that no index can
// reach, so a look-up by key would read every pending row; the writer, the only connection
// that appends or merges them, answers from this map instead. Read from the table when first
// needed (after a start or a failed commit), emptied by each merge.
//
// An entry may outlive a rolled-back command: callers load the orders it names and keep only
// those that still match, as they must for stale keys of the merged index anyway.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "store/sqlite/db.h"

namespace ordo::sqlite {

class PendingSearchKeys {
 public:
  void Add(int64_t order_id, const std::vector<std::string>& keys) {
    if (!loaded_) {
      return;  // read from the table, with this row, when first needed
    }
    for (const std::string& key : keys) {
      ids_[key].push_back(order_id);
    }
  }
  // After a merge: nothing is pending.
  void Merged() {
    ids_.clear();
    loaded_ = true;
  }
  // After a failed commit: what the map holds may not have been committed.
  void Forget() {
    ids_.clear();
    loaded_ = false;
  }
  // The ids of the pending orders with `key`, in the order they were appended.
  Result<std::vector<int64_t>> Find(Connection& conn, const std::string& key);

 private:
  Status Load(Connection& conn);

  std::unordered_map<std::string, std::vector<int64_t>> ids_;
  bool loaded_ = false;
};

}  // namespace ordo::sqlite
