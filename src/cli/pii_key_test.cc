#include "cli/pii_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/sqlite_store.h"

namespace ordo::cli {
namespace {

class PiiKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "ordo-key-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // True when `a` and `b` seal and index alike, i.e. hold the same key.
  static bool SameKey(const PiiCipher& a, const PiiCipher& b) {
    return a.BlindIndex("13812345678") == b.BlindIndex("13812345678") &&
           b.Open(a.Seal("张三")).ok();
  }

  std::string dir_;
};

TEST_F(PiiKeyTest, ANewDirectoryGetsAPrivateKeyFileThatIsReused) {
  const std::string data = dir_ + "/data";
  auto first = ResolvePiiCipher(PiiKeySource{data, "", std::nullopt});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  struct stat info {};
  ASSERT_EQ(::stat(DefaultPiiKeyPath(data).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(std::filesystem::file_size(DefaultPiiKeyPath(data)), 65u);  // 64 hex + newline
  auto second = ResolvePiiCipher(PiiKeySource{data, "", std::nullopt});
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(SameKey(**first, **second));
}

TEST_F(PiiKeyTest, TheEnvironmentAndAKeyFileAreUsedAsGiven) {
  const std::string hex(64, 'a');
  auto from_env = ResolvePiiCipher(PiiKeySource{dir_, "", hex});
  ASSERT_TRUE(from_env.ok());
  EXPECT_FALSE(std::filesystem::exists(DefaultPiiKeyPath(dir_))) << "nothing is written";
  const std::string file = dir_ + "/elsewhere.key";
  std::ofstream(file) << hex << "\n";
  ::chmod(file.c_str(), 0600);
  auto from_file = ResolvePiiCipher(PiiKeySource{dir_, file, std::nullopt});
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_TRUE(SameKey(**from_env, **from_file));
  EXPECT_FALSE(ResolvePiiCipher(PiiKeySource{dir_, file, hex}).ok()) << "both given";
  EXPECT_FALSE(ResolvePiiCipher(PiiKeySource{dir_, "", "abc"}).ok());
  EXPECT_FALSE(ResolvePiiCipher(PiiKeySource{dir_, dir_ + "/missing.key", std::nullopt}).ok());
}

TEST_F(PiiKeyTest, AnExistingDatabaseWithoutItsKeyIsRefused) {
  std::ofstream(sqlite::DatabasePath(dir_)) << "";
  auto cipher = ResolvePiiCipher(PiiKeySource{dir_, "", std::nullopt});
  EXPECT_FALSE(cipher.ok());
  EXPECT_FALSE(std::filesystem::exists(DefaultPiiKeyPath(dir_)));
}

}  // namespace
}  // namespace ordo::cli
