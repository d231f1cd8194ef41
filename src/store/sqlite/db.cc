#include "store/sqlite/db.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <unordered_set>

#include "base/json_writer.h"

namespace ordo::sqlite {
namespace {

// The statement log of LogPreparedStatements: off (null file) unless a test asks for it.
struct StatementLog {
  std::mutex mutex;
  std::FILE* file = nullptr;
  std::unordered_set<std::string> seen;
};
std::atomic<bool> statement_log_on{false};

StatementLog& TheStatementLog() {
  static StatementLog* log = new StatementLog();  // never destroyed: threads may still prepare
  return *log;
}

void NotePrepared(const std::string& sql) {
  if (!statement_log_on.load(std::memory_order_acquire)) {
    return;
  }
  StatementLog& log = TheStatementLog();
  std::lock_guard lock(log.mutex);
  if (!log.seen.insert(sql).second) {
    return;
  }
  JsonWriter line;
  line.String(sql);
  const std::string text = line.Take() + "\n";
  std::fwrite(text.data(), 1, text.size(), log.file);
  std::fflush(log.file);
}

}  // namespace

Status LogPreparedStatements(const std::string& path) {
  StatementLog& log = TheStatementLog();
  std::lock_guard lock(log.mutex);
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) {
    return Status::Unavailable("cannot open the statement log " + path);
  }
  if (log.file != nullptr) {
    std::fclose(log.file);
  }
  log.file = file;
  log.seen.clear();
  statement_log_on.store(true, std::memory_order_release);
  return Status::Ok();
}

Statement::~Statement() {
  Reset();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindStatic(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::Step(Status* status) {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc != SQLITE_DONE) {
    sqlite3* db = sqlite3_db_handle(stmt_);
    const Kind kind = (rc == SQLITE_CONSTRAINT) ? Kind::kConflict : Kind::kInternal;
    const Code code = (rc == SQLITE_CONSTRAINT) ? Code::kAlreadyExists : Code::kInternal;
    *status = Status(kind, code, std::string("sqlite: ") + sqlite3_errmsg(db));
  }
  return false;
}

Status Statement::Run() {
  Status status;
  while (Step(&status)) {
  }
  return status;
}

std::string Statement::Text(int column) const { return std::string(TextView(column)); }

std::string_view Statement::BlobView(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (bytes == nullptr) {
    return {};
  }
  return std::string_view(static_cast<const char*>(bytes),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::TextView(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) {
    return {};
  }
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                    (mode == Mode::kReadWrite ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::Unavailable("cannot open " + path + ": " + message);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_busy_timeout(db, 10000);
  ORDO_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode=WAL"));
  ORDO_RETURN_IF_ERROR(conn->Exec("PRAGMA synchronous=FULL"));
  ORDO_RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys=ON"));
  if (mode == Mode::kReadOnly) {
    ORDO_RETURN_IF_ERROR(conn->Exec("PRAGMA query_only=ON"));
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) {
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db_);
}

Result<std::unique_ptr<Statement>> Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK) {
      return Error("prepare " + sql);
    }
    NotePrepared(sql);
    it = cache_.emplace(sql, stmt).first;
  }
  return std::make_unique<Statement>(it->second);
}

Status Connection::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return Status::Internal(std::string("sqlite: ") + text + " in: " + sql);
  }
  return Status::Ok();
}

Result<std::unique_ptr<Statement>> PrepareNewestPage(Connection& conn, std::string sql,
                                                     const std::vector<std::string>& texts,
                                                     int64_t before_id, int limit) {
  if (before_id > 0) {
    sql += " AND id < ?";
  }
  sql += " ORDER BY id DESC LIMIT ?";
  ORDO_PREPARE(stmt, conn, sql);
  int index = 1;
  for (const std::string& text : texts) {
    stmt->Bind(index++, text);
  }
  if (before_id > 0) {
    stmt->Bind(index++, before_id);
  }
  stmt->Bind(index, limit);
  return stmt;
}

Status Connection::Run(const std::string& sql) {
  ORDO_PREPARE(stmt, *this, sql);
  return stmt->Run();
}

Status Connection::Error(std::string_view what) const {
  return Status::Internal("sqlite: " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

std::optional<Timestamp> OptionalTime(const Statement& row, int column) {
  if (row.IsNull(column)) {
    return std::nullopt;
  }
  return Timestamp{row.Int(column)};
}

void BindOptionalTime(Statement& stmt, int index, const std::optional<Timestamp>& t) {
  if (t) {
    stmt.Bind(index, t->unix_ms);
  } else {
    stmt.BindNull(index);
  }
}

}  // namespace ordo::sqlite
