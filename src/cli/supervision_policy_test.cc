#include "cli/supervision_policy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ordo::cli {
namespace {

TEST(SupervisionPolicyFile, MembersOverrideTheDefaults) {
  Result<SupervisionPolicy> policy = ParseSupervisionPolicy(R"({
    "ship_within": [{"min_priority": 80, "limit": "1s"}, {"min_priority": 0, "limit": "2h"}],
    "review_within": "30m", "deliver_within": {"express": "10ms", "default": "3d"},
    "reward_min_steps": 1, "fulfilment_department": "wh"})");
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_EQ(policy->ShipWithinMs(85), 1000);
  EXPECT_EQ(policy->ShipWithinMs(50), 2 * kHourMs);
  EXPECT_EQ(policy->review_within_ms, 30 * 60 * 1000);
  EXPECT_EQ(policy->DeliverWithinMs("express"), 10);
  EXPECT_EQ(policy->DeliverWithinMs("standard"), 120 * kHourMs);  // kept
  EXPECT_EQ(policy->DeliverWithinMs("unknown"), 72 * kHourMs);
  EXPECT_EQ(policy->reward_min_steps, 1);
  EXPECT_EQ(policy->fulfilment_department, "wh");
  EXPECT_EQ(policy->correction_window_ms, 72 * kHourMs);  // kept
}

TEST(SupervisionPolicyFile, MistakesAreRefusedByName) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"review_within": "4 hours"})", "review_within"},
      {R"({"review_whithin": "4h"})", "review_whithin"},
      {R"({"ship_within": [{"min_priority": 80, "limit": "1h"}]})", "ship_within"},
      {R"({"ship_within": [{"min_priority": "high", "limit": "1h"}]})",
       "ship_within[0].min_priority"},
      {R"({"reward_min_steps": 1.5})", "reward_min_steps"},
      {R"([1, 2])", "supervision policy"},
  };
  for (const auto& [text, field] : cases) {
    Result<SupervisionPolicy> policy = ParseSupervisionPolicy(text);
    ASSERT_FALSE(policy.ok()) << text;
    EXPECT_EQ(policy.status().field_errors().at(0).field, field) << text;
  }
}

TEST(SupervisionPolicyFile, TheDataDirectoryFileIsUsedWhenPresent) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ordo-policy-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  EXPECT_EQ(LoadSupervisionPolicy(dir.string(), "")->review_within_ms, 4 * kHourMs);
  std::ofstream(DefaultSupervisionPolicyPath(dir.string())) << R"({"review_within": "1h"})";
  EXPECT_EQ(LoadSupervisionPolicy(dir.string(), "")->review_within_ms, kHourMs);
  EXPECT_FALSE(LoadSupervisionPolicy(dir.string(), (dir / "missing.json").string()).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ordo::cli
