#include "store/sqlite/import_tx.h"

#include <boost/json.hpp>
#include <limits>

#include "base/json_writer.h"

namespace ordo::sqlite {
namespace json = boost::json;
namespace {

constexpr const char* kImportColumns =
    "SELECT id, format, files, status, created_by, created_at, finished_at, rows, accepted, "
    "duplicate, rejected, bytes_read, bytes_total, error FROM imports ";

std::string EncodeFiles(const std::vector<std::string>& files) {
  JsonWriter out;
  out.BeginArray();
  for (const std::string& file : files) {
    out.String(file);
  }
  return out.EndArray().Take();
}

Result<std::vector<std::string>> DecodeFiles(std::string_view text) {
  boost::system::error_code error;
  json::value parsed = json::parse(text, error);
  if (error || !parsed.is_array()) {
    return Status::Internal("a stored import's file list is malformed");
  }
  std::vector<std::string> files;
  for (const json::value& item : parsed.get_array()) {
    if (!item.is_string()) {
      return Status::Internal("a stored import's file list is malformed");
    }
    files.emplace_back(item.get_string());
  }
  return files;
}

Result<ImportRecord> ReadImport(const Statement& row) {
  ImportRecord record;
  record.id = row.Int(0);
  record.format = row.Text(1);
  ORDO_ASSIGN_OR_RETURN(record.files, DecodeFiles(row.TextView(2)));
  record.status = row.Text(3);
  record.created_by = row.Text(4);
  record.created_at = Timestamp{row.Int(5)};
  record.finished_at = OptionalTime(row, 6);
  record.rows = row.Int(7);
  record.accepted = row.Int(8);
  record.duplicate = row.Int(9);
  record.rejected = row.Int(10);
  record.bytes_read = row.Int(11);
  record.bytes_total = row.Int(12);
  record.error = row.Text(13);
  return record;
}

Result<std::vector<ImportRecord>> ReadImports(Statement& stmt) {
  std::vector<ImportRecord> records;
  Status status;
  while (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(ImportRecord record, ReadImport(stmt));
    records.push_back(std::move(record));
  }
  ORDO_RETURN_IF_ERROR(status);
  return records;
}

std::string CountsJson(const ImportRecord& record) {
  JsonWriter out;
  return out.BeginObject()
      .Field("status", record.status)
      .Field("format", record.format)
      .Field("rows", record.rows)
      .Field("accepted", record.accepted)
      .Field("duplicate", record.duplicate)
      .Field("rejected", record.rejected)
      .EndObject()
      .Take();
}

}  // namespace

Status ImportWriter::InsertImport(ImportRecord& record) {
  ORDO_PREPARE(stmt, conn_,
               "INSERT INTO imports (format, files, status, created_by, created_at, bytes_total) "
               "VALUES (?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, record.format).Bind(2, EncodeFiles(record.files)).Bind(3, record.status);
  stmt->Bind(4, record.created_by).Bind(5, record.created_at.unix_ms).Bind(6, record.bytes_total);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  record.id = conn_.LastInsertId();
  JsonWriter after;
  after.BeginObject()
      .Field("format", record.format)
      .Field("files", static_cast<int64_t>(record.files.size()))
      .Field("status", record.status)
      .EndObject();
  audit_.Add(AuditEntry{0, record.created_at, record.created_by, "import",
                        std::to_string(record.id), "create", "null", after.Take()});
  return Status::Ok();
}

Status ImportWriter::SaveImport(const ImportRecord& record, const std::string& actor,
                                Timestamp at) {
  ORDO_PREPARE(stmt, conn_,
               "UPDATE imports SET status = ?1, finished_at = ?2, rows = ?3, accepted = ?4, "
               "duplicate = ?5, rejected = ?6, bytes_read = ?7, bytes_total = ?8, error = ?9 "
               "WHERE id = ?10");
  stmt->Bind(1, record.status);
  BindOptionalTime(*stmt, 2, record.finished_at);
  stmt->Bind(3, record.rows).Bind(4, record.accepted).Bind(5, record.duplicate);
  stmt->Bind(6, record.rejected).Bind(7, record.bytes_read).Bind(8, record.bytes_total);
  stmt->Bind(9, record.error).Bind(10, record.id);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn_.Changes() != 1) {
    return Status::NotFound("no import " + std::to_string(record.id));
  }
  if (record.status != "queued" && record.status != "running") {
    audit_.Add(AuditEntry{0, at, actor, "import", std::to_string(record.id), "finish", "null",
                          CountsJson(record)});
  }
  return Status::Ok();
}

Status ImportWriter::InsertImportRows(int64_t import_id, const std::vector<ImportRowResult>& rows) {
  ORDO_PREPARE(stmt, conn_,
               "INSERT INTO import_rows (import_id, seq, file, row_no, outcome, external_id, "
               "order_no, column_name, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const ImportRowResult& row : rows) {
    stmt->Reset();
    stmt->Bind(1, import_id).Bind(2, row.seq).BindStatic(3, row.file).Bind(4, row.row);
    stmt->BindStatic(5, row.outcome).BindStatic(6, row.external_id).BindStatic(7, row.order_no);
    stmt->BindStatic(8, row.column).BindStatic(9, row.code).BindStatic(10, row.reason);
    ORDO_RETURN_IF_ERROR(stmt->Run());
  }
  return Status::Ok();
}

Result<int> ImportWriter::InterruptLiveImports(const std::string& actor, Timestamp at) {
  std::vector<ImportRecord> live;
  {
    ORDO_PREPARE(stmt, conn_,
                 std::string(kImportColumns) + "WHERE status IN ('queued', 'running')");
    ORDO_ASSIGN_OR_RETURN(live, ReadImports(*stmt));
  }
  for (ImportRecord& record : live) {
    record.status = "interrupted";
    record.finished_at = at;
    ORDO_RETURN_IF_ERROR(SaveImport(record, actor, at));
  }
  return static_cast<int>(live.size());
}

Result<std::optional<ImportRecord>> ImportReader::GetImport(int64_t id) {
  return ReadWith<std::optional<ImportRecord>>(
      with_, [&](Connection& conn) -> Result<std::optional<ImportRecord>> {
        ORDO_PREPARE(stmt, conn, std::string(kImportColumns) + "WHERE id = ?");
        stmt->Bind(1, id);
        ORDO_ASSIGN_OR_RETURN(std::vector<ImportRecord> found, ReadImports(*stmt));
        if (found.empty()) {
          return std::optional<ImportRecord>();
        }
        return std::optional<ImportRecord>(std::move(found.front()));
      });
}

Result<std::vector<ImportRecord>> ImportReader::ListImports(int64_t before_id, int limit) {
  return ReadWith<std::vector<ImportRecord>>(
      with_, [&](Connection& conn) -> Result<std::vector<ImportRecord>> {
        ORDO_PREPARE(stmt, conn,
                     std::string(kImportColumns) + "WHERE id < ? ORDER BY id DESC LIMIT ?");
        stmt->Bind(1, before_id > 0 ? before_id : std::numeric_limits<int64_t>::max());
        stmt->Bind(2, limit);
        return ReadImports(*stmt);
      });
}

Result<std::vector<ImportRowResult>> ImportReader::ListImportRows(int64_t import_id,
                                                                  const std::string& outcome,
                                                                  int64_t after_seq, int limit) {
  return ReadWith<std::vector<ImportRowResult>>(
      with_, [&](Connection& conn) -> Result<std::vector<ImportRowResult>> {
        constexpr const char* kRows =
            "SELECT seq, file, row_no, outcome, external_id, order_no, column_name, code, "
            "reason FROM import_rows WHERE import_id = ?1 AND seq > ?2 ";
        ORDO_PREPARE(stmt, conn,
                     std::string(kRows) + (outcome.empty() ? "" : "AND outcome = ?4 ") +
                         "ORDER BY seq LIMIT ?3");
        stmt->Bind(1, import_id).Bind(2, after_seq).Bind(3, limit);
        if (!outcome.empty()) {
          stmt->Bind(4, outcome);
        }
        std::vector<ImportRowResult> rows;
        Status status;
        while (stmt->Step(&status)) {
          rows.push_back(ImportRowResult{stmt->Int(0), stmt->Text(1), stmt->Int(2),
                                         stmt->Text(3), stmt->Text(4), stmt->Text(5),
                                         stmt->Text(6), stmt->Text(7), stmt->Text(8)});
        }
        ORDO_RETURN_IF_ERROR(status);
        return rows;
      });
}

}  // namespace ordo::sqlite
