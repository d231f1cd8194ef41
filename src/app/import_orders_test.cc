#include "app/import_orders.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "testing/inventory_fixture.h"

namespace ordo::app {
namespace {

class ImportOrdersTest : public InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    AddWarehouse("WH-SH", "上海市", "上海市");
    AddSku("TEA-1", 6600);
    ASSERT_TRUE(Receive("WH-SH", "TEA-1", 1000).ok());
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // A JD export of `count` paid single-line orders numbered from `first`, plus the rows given.
  std::string JdFile(int first, int count, const std::string& extra = "") {
    std::string text =
        "订单号,商品ID,商品名称,订购数量,京东价,订单金额,应付金额,下单时间,付款确认时间,客户姓名,"
        "客户地址,联系电话,订单状态,商家SKU\n";
    for (int i = first; i < first + count; ++i) {
      text += "\t" + std::to_string(900000 + i) +
              ",1,茶,1,66.00,66.00,66.00,2026-11-11 10:00:00,2026-11-11 10:00:05,张三,"
              "上海市浦东新区世纪大道100号8楼,139" + std::to_string(10000000 + i) +
              ",等待出库,TEA-1\n";
    }
    return Write("jd-" + std::to_string(first) + ".csv", text + extra);
  }

  Result<ImportRecord> Import(const std::string& path) {
    ImportJob job{ImportFormat::kJd, {path}, {"jd.csv"}};
    auto record = std::make_shared<ImportRecord>();
    Status created = Run(CreateImport(job, "running", Context(), record));
    if (!created.ok()) {
      return created;
    }
    return RunImport(*store_, job, *record, Context(), nullptr, nullptr);
  }

  int64_t Reserved() {
    Result<StockView> stock = reads().GetStock("TEA-1");
    EXPECT_TRUE(stock.ok());
    return stock.ok() ? stock->levels.at(0).reserved() : -1;
  }
};

TEST_F(ImportOrdersTest, EveryOrderOfAFileLargerThanAChunkIsPlacedPaidAndRecorded) {
  const int count = static_cast<int>(kImportChunkOrders) * 2 + 7;
  ASSERT_TRUE(Receive("WH-SH", "TEA-1", count).ok()) << "stock for every order";
  Result<ImportRecord> done = Import(JdFile(1, count));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->status, "completed");
  EXPECT_EQ(done->rows, count);
  EXPECT_EQ(done->accepted, count);
  EXPECT_EQ(Reserved(), count);
  Result<std::vector<ImportRowResult>> rows =
      reads().imports().ListImportRows(done->id, "", 0, count + 1);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), static_cast<size_t>(count));
  EXPECT_EQ(rows->front().row, 2);
  EXPECT_EQ(rows->back().row, count + 1);
  Result<std::optional<Order>> order = reads().GetOrder(rows->front().order_no);
  ASSERT_TRUE(order.ok() && order->has_value());
  EXPECT_EQ((*order)->channel, "jd");
  EXPECT_EQ((*order)->external_id, "900001");
  EXPECT_EQ((*order)->status, OrderStatus::kPendingReview) << "paid; review is off here";
}

TEST_F(ImportOrdersTest, ARejectedRowStopsNothingAndAReimportChangesNothing) {
  const std::string bad =
      "\t999001,1,茶,1,66.00,66.00,66.00,2026-11-11 10:00:00,,李四,上海市浦东新区世纪大道1号,"
      "13912345670,等待出库,NO-SUCH-SKU\n"
      "\t999002,1,茶,1,66.00,66.00,66.00,2026-11-11 10:00:00,,王五,上海市浦东新区世纪大道2号,"
      "13912345671,已取消,TEA-1\n";
  const std::string path = JdFile(1, 3, bad);
  Result<ImportRecord> first = Import(path);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((std::array<int64_t, 3>{first->accepted, first->duplicate, first->rejected}),
            (std::array<int64_t, 3>{3, 0, 2}));
  Result<std::vector<ImportRowResult>> rejected =
      reads().imports().ListImportRows(first->id, "rejected", 0, 10);
  ASSERT_TRUE(rejected.ok());
  ASSERT_EQ(rejected->size(), 2u);
  EXPECT_EQ((*rejected)[0].row, 5);
  EXPECT_EQ((*rejected)[0].column, "商家SKU");
  EXPECT_EQ((*rejected)[0].code, "unknown_sku");
  EXPECT_EQ((*rejected)[1].column, "订单状态");
  const int64_t reserved = Reserved();

  Result<ImportRecord> second = Import(path);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((std::array<int64_t, 3>{second->accepted, second->duplicate, second->rejected}),
            (std::array<int64_t, 3>{0, 3, 2}));
  EXPECT_EQ(Reserved(), reserved) << "a re-import reserves nothing";
}

TEST_F(ImportOrdersTest, AFileThatCannotBeReadFailsTheImportWithTheReason) {
  Result<ImportRecord> done = Import(Write("wrong.csv", "a,b\n1,2\n"));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, "failed");
  EXPECT_NE(done->error.find("订单号"), std::string::npos);
  Result<std::optional<ImportRecord>> stored = reads().imports().GetImport(done->id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->status, "failed");
}

TEST_F(ImportOrdersTest, AStoppedImportIsInterruptedAndTheServiceMarksLeftoversInterrupted) {
  std::atomic<bool> stop{true};
  ImportJob job{ImportFormat::kJd, {JdFile(1, 10)}, {"jd.csv"}};
  auto record = std::make_shared<ImportRecord>();
  ASSERT_TRUE(Run(CreateImport(job, "running", Context(), record)).ok());
  Result<ImportRecord> done = RunImport(*store_, job, *record, Context(), &stop, nullptr);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, "interrupted");
  EXPECT_EQ(done->rows, 0);

  auto queued = std::make_shared<ImportRecord>();
  ASSERT_TRUE(Run(CreateImport(job, "queued", Context(), queued)).ok());
  {
    ImportService service(*store_, clock_, (dir_ / "uploads").string());
  }
  Result<std::optional<ImportRecord>> stored = reads().imports().GetImport(queued->id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->status, "interrupted") << "a server that died left it queued";
}

TEST_F(ImportOrdersTest, AFileUnreadablePartWayKeepsTheOrdersBeforeAndRejectsTheRowWhereItStops) {
  // More than a chunk of orders, and more than the first block the encoding is told from, then
  // a row with bytes that are not UTF-8, then one more order.
  const int count = std::max(static_cast<int>(kImportChunkOrders) + 5, 1000);
  const std::string path =
      JdFile(1, count, "\t990001,1,\xFF\xFE,1\n\t990002,1,茶,1,66.00,66.00,66.00,,,,,,,TEA-1\n");
  ASSERT_GT(std::filesystem::file_size(path), 96u * 1024) << "the bad row is past the first block";
  Result<ImportRecord> done = Import(path);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->status, "failed");
  // The last order before the bad row is held back (its lines might go on there).
  EXPECT_EQ(done->accepted, count - 1);
  EXPECT_EQ(done->rejected, 1);
  EXPECT_EQ(done->rows, count);
  const std::string bad_row = std::to_string(count + 2);
  EXPECT_NE(done->error.find("jd.csv, row " + bad_row), std::string::npos) << done->error;
  Result<std::vector<ImportRowResult>> rejected =
      reads().imports().ListImportRows(done->id, "rejected", 0, 10);
  ASSERT_TRUE(rejected.ok());
  ASSERT_EQ(rejected->size(), 1u);
  EXPECT_EQ(rejected->front().row, count + 1) << "the first row not imported";
  EXPECT_EQ(rejected->front().file, "jd.csv");
  EXPECT_NE(rejected->front().reason.find("row " + bad_row), std::string::npos);
}

TEST_F(ImportOrdersTest, UploadsRestSealedAndAreRemovedWhenTheImportEndsAndAfterACrash) {
  const std::filesystem::path uploads = dir_ / "uploads";
  std::filesystem::create_directories(uploads);
  const std::filesystem::path leftover = uploads / "upload-7-1.sealed";
  std::ofstream(leftover) << "left by a server that died";
  ImportService service(*store_, clock_, uploads.string());
  EXPECT_FALSE(std::filesystem::exists(leftover)) << "leftovers are removed at start";

  std::ifstream in(JdFile(1, 3), std::ios::binary);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_NE(content.find("张三"), std::string::npos);
  Result<std::vector<std::string>> staged = service.StageFiles({content});
  ASSERT_TRUE(staged.ok() && staged->size() == 1u);
  std::ifstream stored_in(staged->front(), std::ios::binary);
  const std::string stored((std::istreambuf_iterator<char>(stored_in)),
                           std::istreambuf_iterator<char>());
  EXPECT_FALSE(stored.empty());
  EXPECT_EQ(stored.find("张三"), std::string::npos);
  EXPECT_EQ(stored.find("13910000001"), std::string::npos);
  EXPECT_EQ(stored.find("世纪大道"), std::string::npos);

  ImportJob job{ImportFormat::kJd, *staged, {"jd.csv"}};
  auto record = std::make_shared<ImportRecord>();
  ASSERT_TRUE(Run(CreateImport(job, "queued", Context(), record)).ok());
  service.Start(record->id, job, Context());
  std::optional<ImportRecord> finished;
  for (int i = 0; i < 1000; ++i) {
    Result<std::optional<ImportRecord>> now = reads().imports().GetImport(record->id);
    ASSERT_TRUE(now.ok() && now->has_value());
    if ((*now)->status != "queued" && (*now)->status != "running" &&
        !std::filesystem::exists(staged->front())) {
      finished = **now;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(finished.has_value()) << "the import ends and its upload is removed";
  EXPECT_EQ(finished->status, "completed") << finished->error;
  EXPECT_EQ(finished->accepted, 3);
}

}  // namespace
}  // namespace ordo::app
