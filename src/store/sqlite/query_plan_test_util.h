// Test support: how SQLite would run a query, to check that a listing uses its index.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <string>
#include <vector>

#include "store/sqlite/db.h"

namespace ordo::sqlite {

// The EXPLAIN QUERY PLAN lines of `sql` on the database at `path`, read on a connection of its
// own, one detail per line.
inline std::string QueryPlan(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  std::string plan;
  if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr) ==
      SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
      plan += "\n";
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return plan;
}

// The SQL texts of a statement log (LogPreparedStatements: one JSON string a line) that
// contain `part`. The log's strings escape only quotes, backslashes and control characters.
inline std::vector<std::string> LoggedStatements(const std::string& log_path,
                                                 const std::string& part) {
  std::ifstream log(log_path);
  std::vector<std::string> found;
  for (std::string line; std::getline(log, line);) {
    std::string sql;
    for (size_t i = 1; i + 1 < line.size(); ++i) {
      if (line[i] == '\\' && i + 2 < line.size()) {
        const char escaped = line[++i];
        sql += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
      } else {
        sql += line[i];
      }
    }
    if (sql.find(part) != std::string::npos) {
      found.push_back(sql);
    }
  }
  return found;
}

}  // namespace ordo::sqlite
