#include "jobs/daily_summary.h"

#include <cstdio>
#include <filesystem>

#include "app/reports.h"
#include "tables/table.h"

namespace ordo::jobs {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int kCatchUpDays = 7;

struct Summary {
  const char* report;
  const char* group_by;
};

constexpr Summary kSummaries[] = {
    {"sales", "channel"},       {"sales", "province"},     {"sales", "hour"},
    {"sales", "sku"},           {"after-sales", "reason"}, {"after-sales", "sku"},
    {"after-sales", "carrier"}, {"refunds", "reason"},     {"review-time", "band"},
    {"shipping-time", "band"},  {"anomalies", "type"},     {"anomalies", "root_cause"},
    {"feedback", "category"},
};

Status WriteCsv(const app::Report& report, const fs::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return Status::Internal("cannot write " + path.string());
  }
  auto writer = tables::NewCsvWriter([file](std::string_view bytes) {
    return std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size()
               ? Status::Ok()
               : Status::Internal("cannot write the daily summary");
  });
  Status written = app::WriteReport(report, *writer);
  if (std::fclose(file) != 0 && written.ok()) {
    written = Status::Internal("cannot write " + path.string());
  }
  return written;
}

Status WriteDay(ReadView& reads, const std::string& day, const fs::path& dir) {
  std::error_code ignored;
  const fs::path partial = dir / ("." + day + ".partial");
  fs::remove_all(partial, ignored);
  std::error_code error;
  fs::create_directories(partial, error);
  if (error) {
    return Status::Internal("cannot create " + partial.string() + ": " + error.message());
  }
  for (const Summary& summary : kSummaries) {
    ORDO_ASSIGN_OR_RETURN(app::Report report,
                          app::BuildReport(reads, summary.report, summary.group_by, {day, day}));
    ORDO_RETURN_IF_ERROR(WriteCsv(
        report, partial / (std::string(summary.report) + "-" + summary.group_by + ".csv")));
  }
  fs::rename(partial, dir / day, error);
  if (error) {
    return Status::Internal("cannot complete " + (dir / day).string() + ": " + error.message());
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::string>> WriteDailySummaries(ReadView& reads, Timestamp now,
                                                     const std::string& reports_dir) {
  const fs::path dir(reports_dir);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    return Status::Internal("cannot create " + reports_dir + ": " + error.message());
  }
  std::vector<std::string> written;
  // Yesterday first back to a week ago: the days that are over and not yet written.
  for (int back = kCatchUpDays; back >= 1; --back) {
    const std::string day = tables::FormatChinaDay(now.PlusMs(-back * kDayMs));
    if (fs::exists(dir / day)) {
      continue;
    }
    ORDO_RETURN_IF_ERROR(WriteDay(reads, day, dir));
    written.push_back(day);
  }
  return written;
}

}  // namespace ordo::jobs
