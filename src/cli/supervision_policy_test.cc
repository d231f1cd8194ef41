#include "cli/supervision_policy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ordo::cli {
namespace {

TEST(SupervisionPolicyFile, OnlyTheRewardThresholdsAreReadTimeLimitsAreTheSettings) {
  std::vector<std::string> warnings;
  Result<RewardThresholds> rewards = ParseSupervisionPolicy(R"({
    "ship_within": [{"min_priority": 80, "limit": "1s"}, {"min_priority": 0, "limit": "2h"}],
    "review_within": "30m", "deliver_within": {"express": "10ms", "default": "3d"},
    "reward_min_steps": 1, "fulfilment_department": "wh"})",
                                                            &warnings);
  ASSERT_TRUE(rewards.ok()) << rewards.status().ToString();
  EXPECT_EQ(rewards->min_steps, 1);
  EXPECT_EQ(rewards->min_timeliness_bp, 9500);  // kept
  ASSERT_EQ(warnings.size(), 4u) << "each member no longer read is named";
  EXPECT_NE(warnings[0].find("ship_within_hours"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[1].find("review_within_hours"), std::string::npos) << warnings[1];
}

TEST(SupervisionPolicyFile, MistakesAreRefusedByName) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"review_whithin": "4h"})", "review_whithin"},
      {R"({"reward_min_steps": 1.5})", "reward_min_steps"},
      {R"({"reward_min_timeliness_bp": 10001})", "reward_min_timeliness_bp"},
      {R"([1, 2])", "supervision policy"},
  };
  for (const auto& [text, field] : cases) {
    Result<RewardThresholds> rewards = ParseSupervisionPolicy(text);
    ASSERT_FALSE(rewards.ok()) << text;
    EXPECT_EQ(rewards.status().field_errors().at(0).field, field) << text;
  }
}

TEST(SupervisionPolicyFile, TheDataDirectoryFileIsUsedWhenPresent) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ordo-policy-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  EXPECT_EQ(LoadSupervisionPolicy(dir.string(), "")->min_steps, 20);
  std::ofstream(DefaultSupervisionPolicyPath(dir.string())) << R"({"reward_min_steps": 3})";
  EXPECT_EQ(LoadSupervisionPolicy(dir.string(), "")->min_steps, 3);
  EXPECT_FALSE(LoadSupervisionPolicy(dir.string(), (dir / "missing.json").string()).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ordo::cli
