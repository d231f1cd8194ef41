// A thin RAII layer over the SQLite C API: connections with a cache of prepared statements, and
// statements with typed bind/column helpers. Not thread-safe: one connection per thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace ordo::sqlite {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  // Resets the statement and clears its bindings so it can be reused.
  ~Statement();

  // Makes the statement ready to bind and run again.
  void Reset();
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& BindNull(int index);
  // Binds `value` without copying it: it must stay valid and unchanged until the statement has
  // run (for large batches of values that outlive the statement anyway).
  Statement& BindStatic(int index, std::string_view value);
  // `bytes` as a BLOB (copied), for values that are not text: digests, sealed boxes.
  Statement& BindBlob(int index, std::string_view bytes);

  // True when a row is available; false when done. Errors are returned through `status`.
  bool Step(Status* status);
  // Runs to completion, expecting no rows.
  Status Run();

  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const;
  std::string_view TextView(int column) const;
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  bool IsBlob(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_BLOB; }
  // A BLOB column's bytes, valid until the next Step or Reset.
  std::string_view BlobView(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  // Opens (creating when kReadWrite) the database at `path` in WAL mode with synchronous=FULL.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode);
  ~Connection();

  // A cached prepared statement for `sql`. The statement is reset when the returned handle goes
  // out of scope; only one handle per SQL text may be alive at a time.
  Result<std::unique_ptr<Statement>> Prepare(const std::string& sql);
  // The same for SQL written as a string literal: cached by the literal's address, which
  // spares hashing and copying the text on every use of a hot statement.
  template <size_t N>
  Result<std::unique_ptr<Statement>> Prepare(const char (&sql)[N]) {
    auto it = literal_cache_.find(sql);
    if (it != literal_cache_.end()) {
      return std::make_unique<Statement>(it->second);
    }
    ORDO_ASSIGN_OR_RETURN(auto stmt, Prepare(std::string(sql, N - 1)));
    literal_cache_.emplace(sql, cache_.at(std::string(sql, N - 1)));
    return stmt;
  }
  // Runs any SQL text, possibly several statements, parsing it each time.
  Status Exec(const char* sql);
  // Runs one statement through the prepared-statement cache (for statements run often).
  Status Run(const std::string& sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() { return db_; }
  Status Error(std::string_view what) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;  // owns the statements
  std::unordered_map<const char*, sqlite3_stmt*> literal_cache_;
};

// Tests only (`ordo serve --statement-log FILE`): from now on, every SQL text that a connection
// of this process prepares for the first time is appended to the file at `path`, once per
// distinct text, as a JSON string on a line of its own, so that a test can read the query plan
// of every statement the store runs. The file is created or truncated; fails when it cannot be.
// Thread-safe; a cached statement costs nothing more.
Status LogPreparedStatements(const std::string& path);

// Prepares `sql` on `conn` into `name`, or returns its Status.
#define ORDO_PREPARE(name, conn, sql) ORDO_ASSIGN_OR_RETURN(auto name, (conn).Prepare(sql))

// --- Helpers shared by the query files. ---

// Runs `query(conn)` (returning Result<T>) on a connection lent by `with` (a read pool's
// borrow function: Status(const std::function<Status(Connection&)>&)) and returns its result,
// or the failure to borrow one. Every reader of a store sub-interface reads through this.
template <typename T, typename With, typename Query>
Result<T> ReadWith(const With& with, Query&& query) {
  std::optional<Result<T>> result;
  Status ran = with([&](Connection& conn) -> Status {
    result.emplace(query(conn));
    return Status::Ok();
  });
  if (!ran.ok()) {
    return ran;
  }
  return std::move(*result);
}

// The newest page of a list filtered on text columns: `sql` is the SELECT up to its conditions
// ("… WHERE 1 = 1 AND status = ?"), `texts` bind its parameters in order; the page holds the
// rows with id < `before_id` (all when 0), newest first, at most `limit`.
Result<std::unique_ptr<Statement>> PrepareNewestPage(Connection& conn, std::string sql,
                                                     const std::vector<std::string>& texts,
                                                     int64_t before_id, int limit);

// A nullable time column (milliseconds since the epoch).
std::optional<Timestamp> OptionalTime(const Statement& row, int column);
void BindOptionalTime(Statement& stmt, int index, const std::optional<Timestamp>& t);

// True for Result<T>: a row reader that can find a row corrupt returns one.
template <typename T>
inline constexpr bool kIsResult = false;
template <typename T>
inline constexpr bool kIsResult<Result<T>> = true;

// Runs `stmt` to the end, appending `read(row)` for every row. `read` returns T, or Result<T>
// when a row can be corrupt (an unknown stored name): the first such failure is returned.
template <typename T, typename Read>
Result<std::vector<T>> ReadAll(Statement& stmt, Read read) {
  std::vector<T> rows;
  Status status;
  while (stmt.Step(&status)) {
    if constexpr (kIsResult<decltype(read(stmt))>) {
      ORDO_ASSIGN_OR_RETURN(T row, read(stmt));
      rows.push_back(std::move(row));
    } else {
      rows.push_back(read(stmt));
    }
  }
  ORDO_RETURN_IF_ERROR(status);
  return rows;
}

}  // namespace ordo::sqlite
