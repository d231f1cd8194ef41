// Power cuts (issue 22, item 2). A SQLite VFS shim, registered as the default VFS in this test
// process only, passes every call to the real one and remembers, per file, what each write
// since that file's last sync overwrote. At a chosen write or sync (the cut point) it fails that
// call and every later one, as a machine that lost power does nothing more; the store is then
// dropped. "Power" comes back: of every write not synced, some reached the disk, some did not,
// and some only in part (a torn write: some of its 512-byte sectors), chosen by the seed; the
// shared-memory index is gone. The store is opened again and must hold every acknowledged order
// and payment, balance its stock books and verify its audit chain.
//
// The cut points are spread over a reference run's writes and syncs, so they fall in the
// migrations of a new store, in group commits under four client threads, in the background
// checkpoints (run every few milliseconds, with the WAL restarted every few dozen frames) and in
// the online backups one thread takes. `make test` replays ORDO_POWER_CUTS cut points (40 by
// default); a failure names its seed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "app/catalog_commands.h"
#include "app/order_commands.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/backup.h"
#include "store/sqlite/inventory_queries.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::sqlite {
namespace {

// --- The shim --------------------------------------------------------------------------------

// One write not yet synced: what it replaced.
struct Unsynced {
  int64_t offset = 0;
  std::string before;       // the bytes it overwrote (those that existed)
  int64_t size_before = 0;  // the file's size before it
  int64_t length = 0;
};

struct PowerState {
  std::mutex mu;
  sqlite3_vfs* real = nullptr;
  int64_t events = 0;  // writes, truncations and syncs of tracked files so far
  int64_t cut_at = 0;  // the event that fails first; 0: never
  std::atomic<bool> cut{false};
  std::map<std::string, std::vector<Unsynced>> unsynced;  // by path
};

PowerState& Power() {
  static PowerState state;
  return state;
}

struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;
  std::string* path;  // null: a file without a name (temporary), passed through untracked
};

sqlite3_file* Real(sqlite3_file* file) { return reinterpret_cast<ShimFile*>(file)->real; }

// Counts an event of a tracked file; true when the power is (now) off.
bool PowerOff() {
  PowerState& power = Power();
  if (power.cut) {
    return true;
  }
  ++power.events;
  if (power.cut_at != 0 && power.events >= power.cut_at) {
    power.cut = true;
  }
  return power.cut;
}

int64_t SizeOf(sqlite3_file* real) {
  sqlite3_int64 size = 0;
  return real->pMethods->xFileSize(real, &size) == SQLITE_OK ? size : 0;
}

int ShimClose(sqlite3_file* file) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  const int rc = shim->real->pMethods ? shim->real->pMethods->xClose(shim->real) : SQLITE_OK;
  delete shim->path;
  return rc;
}
int ShimRead(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  return Real(file)->pMethods->xRead(Real(file), out, amount, offset);
}
int ShimWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  if (shim->path != nullptr) {
    PowerState& power = Power();
    std::lock_guard lock(power.mu);
    if (PowerOff()) {
      return SQLITE_IOERR_WRITE;
    }
    Unsynced write{offset, "", SizeOf(shim->real), amount};
    const int64_t existing = std::max<int64_t>(0, std::min<int64_t>(amount, write.size_before - offset));
    write.before.resize(existing);
    if (existing > 0) {
      (void)shim->real->pMethods->xRead(shim->real, write.before.data(),
                                        static_cast<int>(existing), offset);
    }
    power.unsynced[*shim->path].push_back(std::move(write));
  }
  return shim->real->pMethods->xWrite(shim->real, data, amount, offset);
}
int ShimTruncate(sqlite3_file* file, sqlite3_int64 size) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  if (shim->path != nullptr) {
    PowerState& power = Power();
    std::lock_guard lock(power.mu);
    if (PowerOff()) {
      return SQLITE_IOERR_TRUNCATE;
    }
    const int64_t old_size = SizeOf(shim->real);
    if (old_size > size) {  // the cut-off tail comes back if the truncation does not last
      Unsynced tail{size, std::string(static_cast<size_t>(old_size - size), '\0'), old_size,
                    old_size - size};
      (void)shim->real->pMethods->xRead(shim->real, tail.before.data(),
                                        static_cast<int>(tail.length), size);
      power.unsynced[*shim->path].push_back(std::move(tail));
    }
  }
  return shim->real->pMethods->xTruncate(shim->real, size);
}
int ShimSync(sqlite3_file* file, int flags) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  if (shim->path == nullptr) {
    return shim->real->pMethods->xSync(shim->real, flags);
  }
  PowerState& power = Power();
  std::lock_guard lock(power.mu);
  if (PowerOff()) {
    return SQLITE_IOERR_FSYNC;
  }
  const int rc = shim->real->pMethods->xSync(shim->real, flags);
  if (rc == SQLITE_OK) {
    power.unsynced.erase(*shim->path);  // on the disk now
  }
  return rc;
}
int ShimFileSize(sqlite3_file* file, sqlite3_int64* size) {
  return Real(file)->pMethods->xFileSize(Real(file), size);
}
int ShimLock(sqlite3_file* file, int level) { return Real(file)->pMethods->xLock(Real(file), level); }
int ShimUnlock(sqlite3_file* file, int level) {
  return Real(file)->pMethods->xUnlock(Real(file), level);
}
int ShimCheckReservedLock(sqlite3_file* file, int* out) {
  return Real(file)->pMethods->xCheckReservedLock(Real(file), out);
}
int ShimFileControl(sqlite3_file* file, int op, void* arg) {
  return Real(file)->pMethods->xFileControl(Real(file), op, arg);
}
int ShimSectorSize(sqlite3_file* file) { return Real(file)->pMethods->xSectorSize(Real(file)); }
int ShimDeviceCharacteristics(sqlite3_file* file) {
  return Real(file)->pMethods->xDeviceCharacteristics(Real(file));
}
int ShimShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return Real(file)->pMethods->xShmMap(Real(file), region, size, extend, out);
}
int ShimShmLock(sqlite3_file* file, int offset, int n, int flags) {
  return Real(file)->pMethods->xShmLock(Real(file), offset, n, flags);
}
void ShimShmBarrier(sqlite3_file* file) { Real(file)->pMethods->xShmBarrier(Real(file)); }
int ShimShmUnmap(sqlite3_file* file, int delete_flag) {
  return Real(file)->pMethods->xShmUnmap(Real(file), delete_flag);
}

// Version 2 methods (shared memory for WAL); memory-mapped I/O (version 3) is left out, so
// SQLite reads through xRead.
const sqlite3_io_methods kShimMethods = {
    2,           ShimClose,       ShimRead,         ShimWrite,
    ShimTruncate, ShimSync,       ShimFileSize,     ShimLock,
    ShimUnlock,  ShimCheckReservedLock, ShimFileControl, ShimSectorSize,
    ShimDeviceCharacteristics, ShimShmMap, ShimShmLock, ShimShmBarrier,
    ShimShmUnmap, nullptr,        nullptr};

int ShimOpen(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
             int* out_flags) {
  sqlite3_vfs* real = static_cast<sqlite3_vfs*>(vfs->pAppData);
  auto* shim = reinterpret_cast<ShimFile*>(file);
  shim->base.pMethods = nullptr;
  shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
  shim->path = nullptr;
  const int rc = real->xOpen(real, name, shim->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    return rc;
  }
  if (name != nullptr) {
    shim->path = new std::string(name);
  }
  shim->base.pMethods = &kShimMethods;
  return SQLITE_OK;
}
int ShimDelete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  sqlite3_vfs* real = static_cast<sqlite3_vfs*>(vfs->pAppData);
  {
    PowerState& power = Power();
    std::lock_guard lock(power.mu);
    if (power.cut) {
      return SQLITE_IOERR_DELETE;
    }
    power.unsynced.erase(name);
  }
  return real->xDelete(real, name, sync_dir);
}
#define ORDO_PASS(ret, fn, params, args)                         \
  ret Shim##fn params {                                         \
    sqlite3_vfs* real = static_cast<sqlite3_vfs*>(vfs->pAppData); \
    return real->x##fn args;                                    \
  }
ORDO_PASS(int, Access, (sqlite3_vfs * vfs, const char* name, int flags, int* out),
          (real, name, flags, out))
ORDO_PASS(int, FullPathname, (sqlite3_vfs * vfs, const char* name, int n, char* out),
          (real, name, n, out))
ORDO_PASS(int, Randomness, (sqlite3_vfs * vfs, int n, char* out), (real, n, out))
ORDO_PASS(int, Sleep, (sqlite3_vfs * vfs, int micros), (real, micros))
ORDO_PASS(int, CurrentTime, (sqlite3_vfs * vfs, double* out), (real, out))
ORDO_PASS(int, GetLastError, (sqlite3_vfs * vfs, int n, char* out), (real, n, out))
ORDO_PASS(int, CurrentTimeInt64, (sqlite3_vfs * vfs, sqlite3_int64* out), (real, out))
#undef ORDO_PASS

// Makes the shim the default VFS of this process (once).
void InstallShim() {
  static sqlite3_vfs shim = [] {
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    Power().real = real;
    sqlite3_vfs vfs{};
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + real->szOsFile;
    vfs.mxPathname = real->mxPathname;
    vfs.zName = "ordo-power-cut";
    vfs.pAppData = real;
    vfs.xOpen = ShimOpen;
    vfs.xDelete = ShimDelete;
    vfs.xAccess = ShimAccess;
    vfs.xFullPathname = ShimFullPathname;
    vfs.xRandomness = ShimRandomness;
    vfs.xSleep = ShimSleep;
    vfs.xCurrentTime = ShimCurrentTime;
    vfs.xGetLastError = ShimGetLastError;
    vfs.xCurrentTimeInt64 = ShimCurrentTimeInt64;
    return vfs;
  }();
  static const int registered = sqlite3_vfs_register(&shim, /*makeDflt=*/1);
  ASSERT_EQ(registered, SQLITE_OK);
}

// The power comes back: of the writes not synced, each reached the disk wholly, not at all, or
// in part (some of its 512-byte sectors), as `rng` decides; the newest first, so that the
// bytes a lost write overwrote are those the disk had before it.
void RestorePower(std::mt19937_64& rng) {
  PowerState& power = Power();
  std::lock_guard lock(power.mu);
  for (auto& [path, writes] : power.unsynced) {
    const int fd = ::open(path.c_str(), O_RDWR);
    if (fd < 0) {
      continue;
    }
    int64_t keep_size = -1;  // the size the file ends with when an extending write is lost
    for (auto it = writes.rbegin(); it != writes.rend(); ++it) {
      const int fate = std::uniform_int_distribution<int>(0, 2)(rng);  // kept, lost, torn
      if (fate == 0) {
        continue;
      }
      for (int64_t at = 0; at < static_cast<int64_t>(it->before.size()); at += 512) {
        if (fate == 2 && std::uniform_int_distribution<int>(0, 1)(rng) == 0) {
          continue;  // this sector of a torn write made it
        }
        const size_t n = std::min<size_t>(512, it->before.size() - at);
        EXPECT_EQ(::pwrite(fd, it->before.data() + at, n, it->offset + at),
                  static_cast<ssize_t>(n));
      }
      if (fate == 1 && it->size_before < it->offset + it->length) {
        keep_size = it->size_before;  // what it appended never arrived
      }
    }
    if (keep_size >= 0) {
      EXPECT_EQ(::ftruncate(fd, keep_size), 0);
    }
    ::close(fd);
  }
  power.unsynced.clear();
  power.events = 0;
  power.cut_at = 0;
  power.cut = false;
}

// --- The runs --------------------------------------------------------------------------------

std::shared_ptr<const PiiCipher> Cipher() {
  PiiCipher::Key key;
  key.fill(5);
  return std::make_shared<const PiiCipher>(key);
}

struct Acknowledged {
  std::string order_no;
  bool paid = false;
};

class PowerCutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InstallShim();
    root_ = std::filesystem::temp_directory_path() /
            ("ordo-power-cut-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  SqliteOptions Options(const std::string& dir) {
    SqliteOptions options;
    options.data_dir = dir;
    options.pii_cipher = Cipher();
    options.read_connections = 2;
    options.checkpoint_interval_ms = 5;
    options.wal_restart_frames = 64;
    options.audit_checkpoint_interval_ms = 20;
    return options;
  }
  app::CommandContext Context() { return app::CommandContext{"test", &clock_}; }

  // Opens a new store in `dir`, seeds it and places (and mostly pays) up to `orders` orders
  // from four threads, one of them also taking backups, until they are done or the power is
  // cut. Returns what was acknowledged while the power was on.
  std::vector<Acknowledged> Work(const std::string& dir, int orders) {
    std::vector<Acknowledged> acknowledged;
    auto opened = OpenSqliteStore(Options(dir));
    if (!opened.ok()) {
      EXPECT_TRUE(Power().cut) << opened.status().ToString();
      return acknowledged;
    }
    std::unique_ptr<Store> store = std::move(opened).value();
    bool seeded = true;
    Warehouse warehouse;
    warehouse.code = "WH";
    warehouse.name = "仓";
    seeded = store->SubmitAndWait(app::CreateWarehouse(warehouse, Context(),
                                                       std::make_shared<Warehouse>()))
                 .ok();
    for (const char* code : {"A", "B"}) {
      Sku sku;
      sku.code = code;
      sku.name = code;
      sku.price_amount = 1000;
      sku.weight_g = 100;
      seeded = seeded &&
               store->SubmitAndWait(app::CreateSku(sku, Context(), std::make_shared<Sku>())).ok();
      seeded = seeded && store
                             ->SubmitAndWait(app::ReceiveStock({"WH", code, 1000, "seed"},
                                                               Context(),
                                                               std::make_shared<app::StockOutcome>()))
                             .ok();
    }
    if (!seeded) {
      EXPECT_TRUE(Power().cut);
      return acknowledged;
    }
    std::mutex mu;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = t; i < orders && !Power().cut; i += 4) {
          NewOrder order;
          order.channel = "web";
          order.external_id = "PC-" + std::to_string(i);
          order.customer = {"m-" + std::to_string(i % 7), "张三", "13912345678"};
          order.consignee = {"张三", "13912345678", {"上海市", "上海市", "浦东新区", "世纪大道1号", ""}};
          order.lines = {{"A", 1 + i % 3, std::nullopt, ""}, {"B", 1, std::nullopt, ""}};
          order.payment_method = "online";
          auto placed = std::make_shared<app::OrderOutcome>();
          if (!store->SubmitAndWait(app::PlaceOrder(order, Context(), placed)).ok() ||
              Power().cut) {
            continue;  // refused, or not known to be durable
          }
          Acknowledged ack{placed->order.order_no, false};
          if (i % 4 != 3) {
            auto paid = std::make_shared<app::OrderOutcome>();
            const app::PaymentInput payment{"alipay", "T-" + ack.order_no,
                                            placed->order.total_amount};
            ack.paid = store
                           ->SubmitAndWait(app::TransitionOrder(ack.order_no, payment,
                                                                std::nullopt, Context(), paid))
                           .ok() &&
                       !Power().cut;
          }
          {
            std::lock_guard lock(mu);
            acknowledged.push_back(ack);
          }
          if (t == 0 && i % 40 == 0) {
            (void)WriteBackup(dir, dir + "/backup-" + std::to_string(i) + ".ordo-backup",
                              clock_.Now(), "test");
          }
        }
      });
    }
    for (std::thread& thread : threads) {
      thread.join();
    }
    store.reset();  // after a cut its writes fail: nothing more reaches the disk
    return acknowledged;
  }

  // After the power came back: everything acknowledged is there and the books balance.
  void Check(const std::string& dir, const std::vector<Acknowledged>& acknowledged,
             const std::string& what) {
    std::filesystem::remove(DatabasePath(dir) + "-shm");  // memory, gone with the power
    auto opened = OpenSqliteStore(Options(dir));
    ASSERT_TRUE(opened.ok()) << what << ": " << opened.status().ToString();
    std::unique_ptr<Store> store = std::move(opened).value();
    for (const Acknowledged& ack : acknowledged) {
      auto order = store->reads().GetOrder(ack.order_no);
      ASSERT_TRUE(order.ok()) << what;
      ASSERT_TRUE(order->has_value()) << what << ": acknowledged order " << ack.order_no
                                      << " is lost";
      if (ack.paid) {
        EXPECT_EQ((*order)->payment_status, PaymentStatus::kPaid)
            << what << ": the acknowledged payment of " << ack.order_no << " is lost";
      }
    }
    store.reset();
    auto books = VerifyStockBooks(dir);
    ASSERT_TRUE(books.ok()) << what << ": " << books.status().ToString();
    EXPECT_TRUE(books->differences.empty()) << what << ": the stock books do not balance";
    auto chain = VerifyAuditLog(dir, *Cipher());
    ASSERT_TRUE(chain.ok()) << what << ": " << chain.status().ToString();
    EXPECT_FALSE(chain->problem.has_value())
        << what << ": the audit chain fails at " << chain->problem->seq << " ("
        << chain->problem->detail << ")";
  }

  std::filesystem::path root_;
  ManualClock clock_{Timestamp{1795689045000}};
};

TEST_F(PowerCutTest, NothingAcknowledgedIsLostAtAnyCutPoint) {
  constexpr int kOrders = 120;
  // A reference run without a cut counts the events a run makes.
  const std::string reference = (root_ / "reference").string();
  const std::vector<Acknowledged> all = Work(reference, kOrders);
  ASSERT_EQ(all.size(), static_cast<size_t>(kOrders));
  int64_t events = 0;
  {
    std::lock_guard lock(Power().mu);
    events = Power().events;
  }
  std::mt19937_64 rng(0);
  RestorePower(rng);
  ASSERT_GT(events, 100);

  const char* env = std::getenv("ORDO_POWER_CUTS");
  const int cuts = env != nullptr && *env != '\0' ? std::atoi(env) : 40;
  const char* seed_env = std::getenv("ORDO_POWER_CUT_SEED");
  const uint64_t first_seed =
      seed_env != nullptr && *seed_env != '\0' ? std::strtoull(seed_env, nullptr, 10) : 1;
  int64_t lost_writes = 0;
  for (int i = 0; i < cuts && !::testing::Test::HasFailure(); ++i) {
    const uint64_t seed = first_seed + i;
    std::mt19937_64 run_rng(seed);
    const std::string dir = (root_ / ("cut-" + std::to_string(seed))).string();
    {
      std::lock_guard lock(Power().mu);
      Power().cut_at = std::uniform_int_distribution<int64_t>(1, events)(run_rng);
    }
    const int64_t cut_at = Power().cut_at;
    const std::vector<Acknowledged> acknowledged = Work(dir, kOrders);
    {
      std::lock_guard lock(Power().mu);
      for (const auto& [path, writes] : Power().unsynced) {
        lost_writes += static_cast<int64_t>(writes.size());
      }
    }
    RestorePower(run_rng);
    Check(dir, acknowledged,
          "seed " + std::to_string(seed) + " (cut at event " + std::to_string(cut_at) + " of " +
              std::to_string(events) + ", " + std::to_string(acknowledged.size()) +
              " orders acknowledged)");
    std::filesystem::remove_all(dir);
  }
  std::cout << cuts << " power cuts over " << events << " events; " << lost_writes
            << " unsynced writes lost, torn or kept\n";
}

}  // namespace
}  // namespace ordo::sqlite
