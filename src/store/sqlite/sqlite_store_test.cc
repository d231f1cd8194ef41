#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <latch>
#include <thread>

#include "app/catalog_commands.h"
#include "app/order_commands.h"

namespace ordo::sqlite {
namespace {

// A fixed personal-data key, so a reopened store reads what an earlier one wrote.
std::shared_ptr<const PiiCipher> TestCipher(unsigned char fill = 7) {
  PiiCipher::Key key;
  key.fill(fill);
  return std::make_shared<const PiiCipher>(key);
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ordo-store-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    Open();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open(SqliteOptions options = {}) {
    options.data_dir = dir_.string();
    options.read_connections = 2;
    if (options.pii_cipher == nullptr) {
      options.pii_cipher = TestCipher();
    }
    auto store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  app::CommandContext Context() { return app::CommandContext{"test", &clock_}; }

  void Seed(Quantity quantity) {
    Warehouse warehouse;
    warehouse.code = "SH-01";
    warehouse.name = "上海仓";
    ASSERT_TRUE(store_
                    ->SubmitAndWait(
                        app::CreateWarehouse(warehouse, Context(), std::make_shared<Warehouse>()))
                    .ok());
    AddSku("TEA-001", "西湖龙井", 6600, 520, quantity);
  }

  // A SKU in SH-01 with `quantity` units received (none when 0).
  void AddSku(const std::string& code, const std::string& name, int64_t price_amount,
              int64_t weight_g, Quantity quantity) {
    Sku sku;
    sku.code = code;
    sku.name = name;
    sku.price_amount = price_amount;
    sku.weight_g = weight_g;
    ASSERT_TRUE(
        store_->SubmitAndWait(app::CreateSku(sku, Context(), std::make_shared<Sku>())).ok());
    if (quantity > 0) {
      ASSERT_TRUE(
          store_
              ->SubmitAndWait(app::ReceiveStock({"SH-01", code, quantity, "seed"}, Context(),
                                                std::make_shared<app::StockOutcome>()))
              .ok());
    }
  }

  NewOrder Submitted(const std::string& external_id, Quantity quantity) {
    NewOrder order;
    order.channel = "web";
    order.external_id = external_id;
    order.customer = {"m-1", "张三", "13812345678"};
    order.consignee = {
        "张三", "13812345678", {"上海市", "上海市", "浦东新区", "世纪大道100号 8楼", ""}};
    order.lines = {{"TEA-001", quantity, std::nullopt, ""}};
    order.payment_method = "online";
    return order;
  }

  std::filesystem::path dir_;
  ManualClock clock_{Timestamp{1795689045000}};
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, MigratesAFreshDirectory) {
  EXPECT_TRUE(std::filesystem::exists(DatabasePath(dir_.string())));
  EXPECT_TRUE(store_->reads().Ping());
}

TEST_F(SqliteStoreTest, AFailingCommandIsRolledBackAloneInItsBatch) {
  Seed(10);
  std::latch done(3);
  std::vector<Status> outcomes(3);
  // The middle command writes a stock movement and then fails: its write must vanish while its
  // neighbours in the same transaction commit.
  store_->Submit(
      app::PlaceOrder(Submitted("A", 2), Context(), std::make_shared<app::OrderOutcome>()),
      [&](const Status& s) {
        outcomes[0] = s;
        done.count_down();
      });
  store_->Submit(
      [](WriteTx& tx) -> Status {
        StockLevel level("SH-01", "TEA-001", 10, 0);
        LedgerEntry entry = *level.Receive(5, {"test", "bogus", "", Timestamp{}});
        (void)tx.ApplyMovement(level, entry);
        return Status::Conflict(Code::kIllegalTransition, "refused on purpose");
      },
      [&](const Status& s) {
        outcomes[1] = s;
        done.count_down();
      });
  store_->Submit(
      app::PlaceOrder(Submitted("B", 3), Context(), std::make_shared<app::OrderOutcome>()),
      [&](const Status& s) {
        outcomes[2] = s;
        done.count_down();
      });
  done.wait();
  EXPECT_TRUE(outcomes[0].ok());
  EXPECT_EQ(outcomes[1].code(), Code::kIllegalTransition);
  EXPECT_TRUE(outcomes[2].ok());
  auto stock = store_->reads().GetStock("TEA-001");
  ASSERT_TRUE(stock.ok());
  ASSERT_EQ(stock->levels.size(), 1u);
  EXPECT_EQ(stock->levels[0].on_hand(), 10);
  EXPECT_EQ(stock->levels[0].reserved(), 5);
}

TEST_F(SqliteStoreTest, ManyConcurrentCommandsShareTransactions) {
  Seed(1000);
  constexpr int kOrders = 300;
  std::latch done(kOrders);
  std::atomic<int> failures{0};
  for (int i = 0; i < kOrders; ++i) {
    store_->Submit(app::PlaceOrder(Submitted("O" + std::to_string(i), 1), Context(),
                                   std::make_shared<app::OrderOutcome>()),
                   [&](const Status& s) {
                     failures += s.ok() ? 0 : 1;
                     done.count_down();
                   });
  }
  done.wait();
  EXPECT_EQ(failures.load(), 0);
  const StoreStats stats = store_->Stats();
  EXPECT_LT(stats.transactions, stats.commands) << "commands were not grouped";
  EXPECT_EQ(store_->reads().GetStock("TEA-001")->levels[0].reserved(), kOrders);
}

TEST_F(SqliteStoreTest, AcknowledgedOrdersSurviveReopening) {
  Seed(100);
  auto out = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("KEEP", 4), Context(), out)).ok());
  store_.reset();
  Open();
  auto order = store_->reads().GetOrder(out->order.order_no);
  ASSERT_TRUE(order.ok());
  ASSERT_TRUE(order->has_value());
  EXPECT_EQ((*order)->external_id, "KEEP");
  EXPECT_EQ((*order)->lines[0].quantity_reserved, 4);
  EXPECT_EQ(store_->reads().GetStock("TEA-001")->levels[0].reserved(), 4);
}

TEST_F(SqliteStoreTest, OrderNumbersAreUniqueAndFollowTheChinaDate) {
  Seed(100);
  clock_.Set(Timestamp{1795689045000 + 6 * 3600000});  // 16:30 UTC: already the 27th in China
  auto first = std::make_shared<app::OrderOutcome>();
  auto second = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("N1", 1), Context(), first)).ok());
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("N2", 1), Context(), second)).ok());
  EXPECT_EQ(first->order.order_no, "20261127000001");
  EXPECT_EQ(second->order.order_no, "20261127000002");
}

TEST_F(SqliteStoreTest, SearchFindsOrdersBeforeAndAfterTheIndexMerge) {
  Seed(100);
  ASSERT_TRUE(store_
                  ->SubmitAndWait(app::PlaceOrder(Submitted("S1", 1), Context(),
                                                  std::make_shared<app::OrderOutcome>()))
                  .ok());
  OrderFilter by_phone;
  by_phone.phone = "13812345678";
  auto page = store_->reads().ListOrders(by_phone);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->orders.size(), 1u) << "a pending key must be searchable";
  // Reopening and waiting for the idle merge moves keys into the index; search still finds it.
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  page = store_->reads().ListOrders(by_phone);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->orders.size(), 1u);
  OrderFilter other;
  other.phone = "13900000000";
  EXPECT_TRUE(store_->reads().ListOrders(other)->orders.empty());
}

// An order saved with a new consignee phone is found by it: its search keys are made again
// when what they are made of changed since it was loaded (and only then).
TEST_F(SqliteStoreTest, AChangedConsigneeIsSearchableByItsNewPhone) {
  Seed(100);
  auto placed = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(
      store_->SubmitAndWait(app::PlaceOrder(Submitted("S1", 1), Context(), placed)).ok());
  const std::string order_no = placed->order.order_no;
  auto save = [&](const std::string& phone) {
    return store_->SubmitAndWait([&](WriteTx& tx) -> Status {
      ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(order_no));
      if (!order) {
        return Status::NotFound("order " + order_no);
      }
      const int64_t version = order->version;
      order->consignee.phone = phone;
      order->version += 1;
      return tx.UpdateOrder(*order, version);
    });
  };
  ASSERT_TRUE(save("13812345678").ok());  // the same phone: nothing to index again
  OrderFilter by_phone;
  by_phone.phone = "13812345678";
  EXPECT_EQ(store_->reads().ListOrders(by_phone)->orders.size(), 1u);
  ASSERT_TRUE(save("15099998888").ok());
  by_phone.phone = "15099998888";
  auto page = store_->reads().ListOrders(by_phone);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->orders.size(), 1u);
  EXPECT_EQ(page->orders[0].order_no, order_no);
  by_phone.phone = "8888";
  EXPECT_EQ(store_->reads().ListOrders(by_phone)->orders.size(), 1u) << "its last four digits";
}

TEST_F(SqliteStoreTest, TheWalIsRestartedUnderSteadyWrites) {
  // No background checkpoints at all: only the writer's own restart keeps the WAL small.
  store_.reset();
  SqliteOptions options;
  options.checkpoint_interval_ms = 3600 * 1000;
  options.wal_restart_frames = 64;
  Open(options);
  Seed(100000);
  constexpr int kWaves = 40;
  constexpr int kOrdersPerWave = 50;
  for (int wave = 0; wave < kWaves; ++wave) {
    std::latch done(kOrdersPerWave);
    for (int i = 0; i < kOrdersPerWave; ++i) {
      store_->Submit(
          app::PlaceOrder(Submitted("W" + std::to_string(wave) + "-" + std::to_string(i), 1),
                          Context(), std::make_shared<app::OrderOutcome>()),
          [&](const Status&) { done.count_down(); });
    }
    done.wait();
  }
  const auto wal = std::filesystem::path(DatabasePath(dir_.string()) + "-wal");
  ASSERT_TRUE(std::filesystem::exists(wal));
  // Without restarts 2,000 orders leave about 10 MiB of frames; restarted, far less.
  EXPECT_LT(std::filesystem::file_size(wal), 3u << 20);
  EXPECT_EQ(store_->reads().GetStock("TEA-001")->levels[0].reserved(), kWaves * kOrdersPerWave);
}

TEST_F(SqliteStoreTest, ARolledBackCommandLeavesNoStaleStockBehind) {
  Seed(10);
  auto first = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("C1", 2), Context(), first)).ok());
  // Reserves the remaining 8 units through the writer's own stock, then refuses.
  Status refused = store_->SubmitAndWait([](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock({"TEA-001"}));
    StockLevel& level = stock["TEA-001"].front();
    ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, level.Reserve(8, {"test", "", "", Timestamp{}}));
    ORDO_RETURN_IF_ERROR(tx.ApplyMovement(level, entry));
    return Status::Conflict(Code::kIllegalTransition, "refused on purpose");
  });
  ASSERT_EQ(refused.code(), Code::kIllegalTransition);
  auto second = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("C2", 8), Context(), second)).ok());
  EXPECT_EQ(second->order.lines[0].quantity_reserved, 8);
  EXPECT_EQ(second->order.lines[0].quantity_backordered, 0);
}

TEST_F(SqliteStoreTest, ANestedRollbackPutsBackOnlyItsOwnStockChanges) {
  Seed(10);
  Status status = store_->SubmitAndWait([](WriteTx& tx) -> Status {
    auto reserve = [&tx](Quantity quantity) -> Status {
      ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock({"TEA-001"}));
      StockLevel& level = stock["TEA-001"].front();
      ORDO_ASSIGN_OR_RETURN(LedgerEntry entry,
                            level.Reserve(quantity, {"test", "nested", "", Timestamp{}}));
      return tx.ApplyMovement(level, entry);
    };
    ORDO_RETURN_IF_ERROR(reserve(2));
    Status nested = tx.RunNested([&](WriteTx&) -> Status {
      ORDO_RETURN_IF_ERROR(reserve(3));
      return Status::Conflict(Code::kIllegalTransition, "refused on purpose");
    });
    EXPECT_EQ(nested.code(), Code::kIllegalTransition);
    return reserve(1);
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  auto stock = store_->reads().GetStock("TEA-001");
  ASSERT_TRUE(stock.ok());
  ASSERT_EQ(stock->levels.size(), 1u);
  EXPECT_EQ(stock->levels[0].reserved(), 3);
  auto ledger = store_->reads().GetLedger("TEA-001", 0, 50);
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 3u);  // the receipt and the two kept reservations
  EXPECT_EQ(ledger->back().reserved_after, 3);
}

// The orders placed are summed in the writer's memory for the reports: a command or a nested
// savepoint that placed an order and failed must take it out of the sums, and a reopened store
// must count from where the last fold stopped.
TEST_F(SqliteStoreTest, ReportsCountOnlyTheOrdersThatCommitted) {
  Seed(100);
  int64_t kept_amount = 0;
  auto place = [&](const std::string& id, Quantity quantity) {
    auto outcome = std::make_shared<app::OrderOutcome>();
    return std::make_pair(app::PlaceOrder(Submitted(id, quantity), Context(), outcome), outcome);
  };
  auto [first, first_outcome] = place("R1", 2);
  ASSERT_TRUE(store_->SubmitAndWait(first).ok());
  kept_amount += first_outcome->order.total_amount;
  // The failing command and the next one queue behind a slow command, so they share a batch
  // and the next order takes the number the rolled-back one had.
  auto [failing, failing_outcome] = place("R2", 3);
  auto [next, next_outcome] = place("R2b", 1);
  std::latch done(3);
  std::vector<Status> outcomes(3);
  auto record = [&](int i) {
    return [&, i](const Status& s) {
      outcomes[i] = s;
      done.count_down();
    };
  };
  store_->Submit(
      [](WriteTx&) -> Status {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return Status::Ok();
      },
      record(0));
  store_->Submit(
      [&](WriteTx& tx) -> Status {
        ORDO_RETURN_IF_ERROR(failing(tx));
        return Status::Conflict(Code::kIllegalTransition, "refused on purpose");
      },
      record(1));
  store_->Submit(next, record(2));
  done.wait();
  ASSERT_EQ(outcomes[1].code(), Code::kIllegalTransition);
  ASSERT_TRUE(outcomes[2].ok()) << outcomes[2].ToString();
  kept_amount += next_outcome->order.total_amount;
  AddSku("CUP-001", "玻璃杯", 2500, 300, 10);
  NewOrder two_lines = Submitted("R2c", 1);
  two_lines.lines.push_back({"CUP-001", 2, std::nullopt, ""});
  auto two_lines_outcome = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(
      store_->SubmitAndWait(app::PlaceOrder(two_lines, Context(), two_lines_outcome)).ok());
  kept_amount += two_lines_outcome->order.total_amount;
  auto [nested, nested_outcome] = place("R3", 4);
  auto [after, after_outcome] = place("R4", 5);
  Status status = store_->SubmitAndWait([&](WriteTx& tx) -> Status {
    Status inner = tx.RunNested([&](WriteTx& inside) -> Status {
      ORDO_RETURN_IF_ERROR(nested(inside));
      return Status::Conflict(Code::kIllegalTransition, "refused on purpose");
    });
    EXPECT_EQ(inner.code(), Code::kIllegalTransition);
    return after(tx);
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  kept_amount += after_outcome->order.total_amount;

  const ReportPeriod period{"2020-01-01", "2030-12-31"};
  auto sales = store_->reads().reports().Sales(SalesDimension::kChannel, period);
  ASSERT_TRUE(sales.ok()) << sales.status().ToString();
  ASSERT_EQ(sales->size(), 1u);
  EXPECT_EQ((*sales)[0].key, "web");
  EXPECT_EQ((*sales)[0].orders, 4);
  EXPECT_EQ((*sales)[0].amount, kept_amount);
  auto skus = store_->reads().reports().Sales(SalesDimension::kSku, period);
  ASSERT_TRUE(skus.ok());
  ASSERT_EQ(skus->size(), 2u);
  EXPECT_EQ((*skus)[0].key, "CUP-001");
  EXPECT_EQ((*skus)[0].orders, 1);
  EXPECT_EQ((*skus)[0].quantity, 2);
  EXPECT_EQ((*skus)[0].amount, 2 * 2500);
  EXPECT_EQ((*skus)[1].key, "TEA-001");
  EXPECT_EQ((*skus)[1].orders, 4);
  EXPECT_EQ((*skus)[1].quantity, 2 + 1 + 1 + 5);
  auto provinces = store_->reads().reports().Sales(SalesDimension::kProvince, period);
  ASSERT_TRUE(provinces.ok());
  ASSERT_EQ(provinces->size(), 1u);
  EXPECT_EQ((*provinces)[0].key, "上海市");

  store_.reset();
  Open();
  auto [reopened, reopened_outcome] = place("R5", 1);
  ASSERT_TRUE(store_->SubmitAndWait(reopened).ok());
  kept_amount += reopened_outcome->order.total_amount;
  sales = store_->reads().reports().Sales(SalesDimension::kDay, period);
  ASSERT_TRUE(sales.ok());
  ASSERT_EQ(sales->size(), 1u);
  EXPECT_EQ((*sales)[0].orders, 5);
  EXPECT_EQ((*sales)[0].amount, kept_amount);
}

TEST_F(SqliteStoreTest, StockRowsMatchTheLedgerAfterBatchesWithRefusals) {
  Seed(1000);
  constexpr int kCommands = 300;
  std::latch done(kCommands);
  std::atomic<int> accepted = 0;
  for (int i = 0; i < kCommands; ++i) {
    if (i % 7 == 3) {  // a command that reserves and is then refused, inside the same batches
      store_->Submit(
          [](WriteTx& tx) -> Status {
            ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock({"TEA-001"}));
            StockLevel& level = stock["TEA-001"].front();
            ORDO_ASSIGN_OR_RETURN(LedgerEntry entry,
                                  level.Reserve(1, {"test", "refused", "", Timestamp{}}));
            ORDO_RETURN_IF_ERROR(tx.ApplyMovement(level, entry));
            return Status::Conflict(Code::kIllegalTransition, "refused on purpose");
          },
          [&](const Status&) { done.count_down(); });
      continue;
    }
    store_->Submit(app::PlaceOrder(Submitted("R" + std::to_string(i), 2), Context(),
                                   std::make_shared<app::OrderOutcome>()),
                   [&](const Status& s) {
                     accepted += s.ok() ? 1 : 0;
                     done.count_down();
                   });
  }
  done.wait();
  auto stock = store_->reads().GetStock("TEA-001");
  ASSERT_TRUE(stock.ok());
  EXPECT_EQ(stock->levels[0].reserved(), 2 * accepted.load());
  auto ledger = store_->reads().GetLedger("TEA-001", 0, 1000);
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(static_cast<int>(ledger->size()), 1 + accepted.load());
  EXPECT_EQ(ledger->back().reserved_after, stock->levels[0].reserved());
  EXPECT_EQ(ledger->back().on_hand_after, stock->levels[0].on_hand());
}

TEST_F(SqliteStoreTest, StockChangedByAnotherProcessIsSeen) {
  Seed(1);
  auto first = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("P1", 1), Context(), first)).ok());
  // Another connection (as another `ordo` process would) books goods in behind the writer.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(DatabasePath(dir_.string()).c_str(), &other), SQLITE_OK);
  sqlite3_busy_timeout(other, 5000);
  ASSERT_EQ(sqlite3_exec(other, "UPDATE stock SET on_hand = 5 WHERE sku = 'TEA-001'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(other);
  auto second = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("P2", 3), Context(), second)).ok());
  EXPECT_EQ(second->order.lines[0].quantity_reserved, 3);
}

TEST_F(SqliteStoreTest, StaleVersionIsRefused) {
  Seed(100);
  auto out = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("V1", 1), Context(), out)).ok());
  Status status = store_->SubmitAndWait([&](WriteTx& tx) -> Status {
    ordo::Order order = out->order;
    order.version += 1;
    return tx.UpdateOrder(order, /*expected_version=*/7);
  });
  EXPECT_EQ(status.code(), Code::kVersionMismatch);
}

// Every byte of the database and its WAL, to look for plaintext.
std::string FileBytes(const std::filesystem::path& path) {
  std::string bytes;
  if (FILE* file = std::fopen(path.c_str(), "rb")) {
    char buffer[65536];
    for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), file)) > 0;) {
      bytes.append(buffer, n);
    }
    std::fclose(file);
  }
  return bytes;
}

TEST_F(SqliteStoreTest, PersonalDataIsSealedAtRestAndStillSearchable) {
  Seed(100);
  NewOrder input = Submitted("PII-1", 1);
  input.customer = {"m-9", "欧阳娜娜", "13698765432"};
  input.consignee = {
      "司马相如", "15011112222", {"上海市", "上海市", "浦东新区", "锦绣路4321号 9楼", ""}};
  auto out = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(input, Context(), out)).ok());
  for (const char* phone : {"13698765432", "15011112222"}) {
    OrderFilter filter;
    filter.phone = phone;
    auto page = store_->reads().ListOrders(filter);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->orders.size(), 1u) << phone;
  }
  OrderFilter by_name;
  by_name.consignee = "司马相如";
  EXPECT_EQ(store_->reads().ListOrders(by_name)->orders.size(), 1u);
  auto order = store_->reads().GetOrder(out->order.order_no);
  ASSERT_TRUE(order.ok() && order->has_value());
  EXPECT_EQ((*order)->customer.name, "欧阳娜娜");
  EXPECT_EQ((*order)->consignee.address.detail, "锦绣路4321号 9楼");
  store_.reset();  // closes the files, so what is on disk is all there is
  const std::string db = DatabasePath(dir_.string());
  const std::string bytes = FileBytes(db) + FileBytes(db + "-wal");
  ASSERT_FALSE(bytes.empty());
  for (const char* secret :
       {"13698765432", "15011112222", "欧阳娜娜", "司马相如", "锦绣路4321号"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is stored in plaintext";
  }
}

TEST_F(SqliteStoreTest, AnotherKeyCannotReadOrFindTheOrders) {
  Seed(100);
  auto out = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("K1", 1), Context(), out)).ok());
  store_.reset();
  SqliteOptions options;
  options.pii_cipher = TestCipher(/*fill=*/9);
  Open(options);
  auto order = store_->reads().GetOrder(out->order.order_no);
  EXPECT_EQ(order.status().code(), Code::kInternal);
  OrderFilter by_phone;
  by_phone.phone = "13812345678";
  auto page = store_->reads().ListOrders(by_phone);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->orders.empty()) << "the blind index depends on the key";
}

TEST_F(SqliteStoreTest, AStoreWithoutACipherIsRefused) {
  SqliteOptions options;
  options.data_dir = dir_.string();
  EXPECT_FALSE(OpenSqliteStore(options).ok());
}

TEST_F(SqliteStoreTest, RevealRecordsTheAccessWithoutChangingTheOrder) {
  Seed(100);
  auto placed = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_->SubmitAndWait(app::PlaceOrder(Submitted("R1", 1), Context(), placed)).ok());
  auto out = std::make_shared<app::OrderOutcome>();
  ASSERT_TRUE(store_
                  ->SubmitAndWait(app::RevealOrder(placed->order.order_no,
                                                   {"customer called", ""},
                                                   app::CommandContext{"token:cs", &clock_}, out))
                  .ok());
  EXPECT_EQ(out->order.customer.phone, "13812345678");
  EXPECT_EQ(out->order.version, placed->order.version);
  auto events = store_->reads().GetOrderEvents(placed->order.order_no);
  ASSERT_TRUE(events.ok());
  ASSERT_FALSE(events->empty());
  const OrderEvent& last = events->back();
  EXPECT_EQ(last.type, "pii_revealed");
  EXPECT_EQ(last.actor, "token:cs");
  ASSERT_EQ(last.details.size(), 1u);
  EXPECT_EQ(last.details[0], std::make_pair(std::string("reason"), std::string("customer called")));
  // Another channel's order does not exist for a channel-restricted caller.
  Status hidden = store_->SubmitAndWait(app::RevealOrder(
      placed->order.order_no, {"", "tmall"}, Context(), std::make_shared<app::OrderOutcome>()));
  EXPECT_EQ(hidden.code(), Code::kNotFound);
}

}  // namespace
}  // namespace ordo::sqlite
