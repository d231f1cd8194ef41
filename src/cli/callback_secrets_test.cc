#include "cli/callback_secrets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ordo::cli {
namespace {

class PaymentSecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ordo-payment-secrets-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& text, mode_t mode) {
    const std::string path = DefaultSecretsPath(kPaymentSecretsKind, dir_.string());
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
  }
  std::filesystem::path dir_;
};

TEST_F(PaymentSecretsTest, TheDefaultFileAndItsOwnEnvironmentPrefixAreRead) {
  Write(R"({"ALIPAY": "file-secret-0123456789"})", 0600);
  auto secrets = LoadSecrets(kPaymentSecretsKind, dir_.string(), "",
                             {"ORDO_PAYMENT_SECRET_WXPAY=env-secret-0123456789",
                              "ORDO_TRACKING_SECRET_SF=carrier-secret-0123456789"});
  ASSERT_TRUE(secrets.ok()) << secrets.status().ToString();
  EXPECT_EQ(secrets->size(), 2u) << "a carrier's secret is not a provider's";
  EXPECT_EQ(secrets->at("ALIPAY"), "file-secret-0123456789");
  EXPECT_EQ(secrets->at("WXPAY"), "env-secret-0123456789");
}

TEST_F(PaymentSecretsTest, TheTrackingFileIsNotThePaymentFile) {
  const std::string tracking = DefaultSecretsPath(kTrackingSecretsKind, dir_.string());
  std::ofstream(tracking) << R"({"SF": "carrier-secret-0123456789"})";
  ::chmod(tracking.c_str(), 0600);
  auto secrets = LoadSecrets(kPaymentSecretsKind, dir_.string(), "", {});
  ASSERT_TRUE(secrets.ok());
  EXPECT_TRUE(secrets->empty());
}

TEST_F(PaymentSecretsTest, ShortSecretsAndOpenFilesAreRefusedNamingPaymentSecrets) {
  auto short_secret =
      LoadSecrets(kPaymentSecretsKind, dir_.string(), "", {"ORDO_PAYMENT_SECRET_ALIPAY=short"});
  ASSERT_FALSE(short_secret.ok());
  EXPECT_NE(short_secret.status().message().find("payment secrets"), std::string::npos);
  Write(R"({"ALIPAY": "file-secret-0123456789"})", 0644);
  auto open = LoadSecrets(kPaymentSecretsKind, dir_.string(), "", {});
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("chmod 600"), std::string::npos);
}

}  // namespace
}  // namespace ordo::cli
