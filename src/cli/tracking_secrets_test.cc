#include "cli/tracking_secrets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ordo::cli {
namespace {

class TrackingSecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ordo-secrets-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& text, mode_t mode) {
    const std::string path = DefaultTrackingSecretsPath(dir_.string());
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
  }
  std::filesystem::path dir_;
};

TEST_F(TrackingSecretsTest, NoFileAndNoEnvironmentMeansNoSecrets) {
  auto secrets = LoadTrackingSecrets(dir_.string(), "", {"PATH=/usr/bin"});
  ASSERT_TRUE(secrets.ok());
  EXPECT_TRUE(secrets->empty());
}

TEST_F(TrackingSecretsTest, TheFileAndTheEnvironmentAreMergedTheEnvironmentWinning) {
  Write(R"({"SF": "file-secret-0123456789", "ZTO": "zto-secret-0123456789"})", 0600);
  auto secrets = LoadTrackingSecrets(
      dir_.string(), "", {"ORDO_TRACKING_SECRET_SF=env-secret-0123456789", "HOME=/root"});
  ASSERT_TRUE(secrets.ok()) << secrets.status().ToString();
  EXPECT_EQ(secrets->at("SF"), "env-secret-0123456789");
  EXPECT_EQ(secrets->at("ZTO"), "zto-secret-0123456789");
  EXPECT_EQ(secrets->size(), 2u);
}

TEST_F(TrackingSecretsTest, AFileOpenToOthersOrMalformedIsRefused) {
  Write(R"({"SF": "file-secret-0123456789"})", 0644);
  auto open = LoadTrackingSecrets(dir_.string(), "", {});
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("chmod 600"), std::string::npos);
  Write(R"(["SF"])", 0600);
  EXPECT_FALSE(LoadTrackingSecrets(dir_.string(), "", {}).ok());
  EXPECT_FALSE(LoadTrackingSecrets(dir_.string(), (dir_ / "missing.json").string(), {}).ok())
      << "a file named on the command line must exist";
}

TEST_F(TrackingSecretsTest, ShortSecretsAndBadCarrierCodesAreRefused) {
  EXPECT_FALSE(ParseTrackingSecrets(R"({"SF": "short"})").ok());
  EXPECT_FALSE(ParseTrackingSecrets(R"({"S F": "long-enough-secret-123"})").ok());
  EXPECT_FALSE(ParseTrackingSecrets(R"({"SF": 42})").ok());
  EXPECT_FALSE(LoadTrackingSecrets(dir_.string(), "", {"ORDO_TRACKING_SECRET_SF=short"}).ok());
}

}  // namespace
}  // namespace ordo::cli
