#include "store/sqlite/backup.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/catalog_commands.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::sqlite {
namespace {
namespace fs = std::filesystem;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ordo-backup-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    key_.fill(9);
    SqliteOptions options;
    options.data_dir = (dir_ / "data").string();
    options.read_connections = 2;
    options.pii_cipher = std::make_shared<const PiiCipher>(key_);
    auto store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ManualClock clock(Timestamp{1796000000000});
    const app::CommandContext context{"user:ops", &clock};
    Warehouse warehouse;
    warehouse.code = "SH-01";
    warehouse.name = "上海仓";
    ASSERT_TRUE(
        store_
            ->SubmitAndWait(app::CreateWarehouse(warehouse, context, std::make_shared<Warehouse>()))
            .ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::string Data() const { return (dir_ / "data").string(); }
  std::string File(const std::string& name) const { return (dir_ / name).string(); }

  PiiCipher::Key key_;
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(BackupTest, AWrittenBackupVerifiesAndRestoresWithTheSameRows) {
  const std::string path = File("a.ordo-backup");
  Result<BackupWritten> written = WriteBackup(Data(), path, Timestamp{1796000000000}, "test");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_FALSE(fs::exists(path + ".partial"));
  EXPECT_FALSE(fs::exists(path + ".snapshot"));
  EXPECT_EQ(static_cast<int64_t>(fs::file_size(path)), written->file_bytes);
  EXPECT_GT(written->manifest.schema_version, 0);
  const auto& tables = written->manifest.tables;
  auto warehouses = std::find_if(tables.begin(), tables.end(),
                                 [](const auto& t) { return t.first == "warehouses"; });
  ASSERT_NE(warehouses, tables.end());
  EXPECT_EQ(warehouses->second, 1);
  EXPECT_TRUE(VerifyBackup(path).ok());

  const PiiCipher keys(key_);
  Result<RestoreReport> restored = RestoreBackup({path, File("restored"), &keys, ""});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->manifest.tables, tables);
  EXPECT_GT(restored->audit_entries, 0);
  EXPECT_TRUE(fs::exists(File("restored") + "/ordo.db"));
  EXPECT_FALSE(fs::exists(File("restored") + "/pii.key"));
}

TEST_F(BackupTest, AFlippedByteOrACutFileIsRefusedAndNothingIsWritten) {
  const std::string path = File("a.ordo-backup");
  ASSERT_TRUE(WriteBackup(Data(), path, Timestamp{1796000000000}, "test").ok());
  std::string content;
  {
    std::ifstream in(path, std::ios::binary);
    content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const PiiCipher keys(key_);
  const std::vector<std::pair<std::string, std::string>> damaged = {
      {"flipped",
       [&] {
         std::string copy = content;
         copy[kBackupMagic.size() + 200] ^= 0x10;
         return copy;
       }()},
      {"cut", content.substr(0, content.size() - 1)},
      {"half", content.substr(0, content.size() / 2)},
  };
  for (const auto& [name, bytes] : damaged) {
    const std::string bad = File(name + ".ordo-backup");
    std::ofstream(bad, std::ios::binary) << bytes;
    EXPECT_FALSE(VerifyBackup(bad).ok()) << name;
    Result<RestoreReport> restored = RestoreBackup({bad, File("r-" + name), &keys, ""});
    ASSERT_FALSE(restored.ok()) << name;
    EXPECT_EQ(restored.status().kind(), Kind::kInvalid) << name;
    EXPECT_FALSE(fs::exists(File("r-" + name))) << name;
  }
  // Only the backups are left in the folder: no staging directory.
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "data" || name.ends_with(".ordo-backup")) << name;
  }
}

TEST_F(BackupTest, RestoreRefusesANonEmptyDirectoryAndTheWrongKey) {
  const std::string path = File("a.ordo-backup");
  ASSERT_TRUE(WriteBackup(Data(), path, Timestamp{1796000000000}, "test").ok());
  fs::create_directories(File("full"));
  std::ofstream(File("full") + "/x") << "x";
  const PiiCipher keys(key_);
  Result<RestoreReport> full = RestoreBackup({path, File("full"), &keys, ""});
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.status().kind(), Kind::kConflict);

  PiiCipher::Key other;
  other.fill(3);
  const PiiCipher wrong(other);
  Result<RestoreReport> wrong_key = RestoreBackup({path, File("wrong"), &wrong, ""});
  ASSERT_FALSE(wrong_key.ok());
  EXPECT_NE(wrong_key.status().message().find("audit trail"), std::string::npos)
      << wrong_key.status().message();
  EXPECT_FALSE(fs::exists(File("wrong")));
}

}  // namespace
}  // namespace ordo::sqlite
