#include "domain/audit/sanction.h"

#include <gtest/gtest.h>

#include "domain/audit/test_records.h"

namespace ordo {
namespace {

using testing::AtMinute;

const Actor kAuditor{"user:auditor", AtMinute(100)};
const Actor kHead{"user:head", AtMinute(200)};

SanctionProposal Fine(int64_t amount) {
  SanctionProposal proposal;
  proposal.kind = "fine";
  proposal.violation_id = 7;
  proposal.amount = amount;
  return proposal;
}

const ViolationRef kViolation{7, "user:wang", "warehouse"};

bool HasFieldError(const Status& status, const std::string& field, Code code) {
  for (const FieldError& error : status.field_errors()) {
    if (error.field == field && error.code == code) {
      return true;
    }
  }
  return false;
}

TEST(Sanction, APenaltyOfAViolationConcernsTheViolationsActor) {
  Result<Sanction> penalty = ProposeSanction(Fine(5000), kViolation, kAuditor);
  ASSERT_TRUE(penalty.ok()) << penalty.status().ToString();
  EXPECT_EQ(penalty->person, "user:wang");
  EXPECT_EQ(penalty->violation_id, 7);
  EXPECT_EQ(penalty->amount, 5000);
  EXPECT_EQ(penalty->state, ProposalState::kProposed);
  EXPECT_EQ(penalty->proposed_by, "user:auditor");
  EXPECT_EQ(penalty->proposed_at, AtMinute(100));
}

TEST(Sanction, AFineWithoutAnAmountIsRefused) {
  Result<Sanction> penalty = ProposeSanction(Fine(0), kViolation, kAuditor);
  ASSERT_FALSE(penalty.ok());
  EXPECT_EQ(penalty.status().kind(), Kind::kInvalid);
  EXPECT_TRUE(HasFieldError(penalty.status(), "amount", Code::kRequired));
  EXPECT_TRUE(HasFieldError(ProposeSanction(Fine(-1), kViolation, kAuditor).status(), "amount",
                            Code::kInvalidValue));
  EXPECT_TRUE(
      HasFieldError(ProposeSanction(Fine(kMaxSanctionAmount + 1), kViolation, kAuditor).status(),
                    "amount", Code::kInvalidValue));
}

TEST(Sanction, OnlyFinesAndBonusesCarryAnAmountAndOnlyPointsKindsPoints) {
  SanctionProposal warning = Fine(100);
  warning.kind = "warning";
  EXPECT_TRUE(HasFieldError(ProposeSanction(warning, kViolation, kAuditor).status(), "amount",
                            Code::kInvalidValue));
  SanctionProposal points = Fine(0);
  points.kind = "points";
  EXPECT_TRUE(HasFieldError(ProposeSanction(points, kViolation, kAuditor).status(), "points",
                            Code::kRequired));
  points.points = 3;
  EXPECT_TRUE(ProposeSanction(points, kViolation, kAuditor).ok());
}

TEST(Sanction, AnUnknownViolationIsRefused) {
  Result<Sanction> penalty = ProposeSanction(Fine(5000), std::nullopt, kAuditor);
  ASSERT_FALSE(penalty.ok());
  EXPECT_TRUE(HasFieldError(penalty.status(), "violation_id", Code::kUnknownViolation));
}

TEST(Sanction, APenaltyWithoutAViolationNeedsAPersonAndAWrittenReason) {
  SanctionProposal proposal;
  proposal.kind = "criticism";
  Status refused = ProposeSanction(proposal, std::nullopt, kAuditor).status();
  EXPECT_TRUE(HasFieldError(refused, "person", Code::kRequired));
  EXPECT_TRUE(HasFieldError(refused, "reason", Code::kRequired));
  proposal.person = "alice";  // not an actor
  proposal.reason = "left the packing station unattended";
  EXPECT_TRUE(HasFieldError(ProposeSanction(proposal, std::nullopt, kAuditor).status(), "person",
                            Code::kInvalidValue));
  proposal.person = "user:alice";
  Result<Sanction> penalty = ProposeSanction(proposal, std::nullopt, kAuditor);
  ASSERT_TRUE(penalty.ok());
  EXPECT_EQ(penalty->violation_id, 0);
}

TEST(Sanction, APenaltyNamingAnotherPersonThanItsViolationIsRefused) {
  SanctionProposal proposal = Fine(100);
  proposal.person = "user:li";
  EXPECT_TRUE(HasFieldError(ProposeSanction(proposal, kViolation, kAuditor).status(), "person",
                            Code::kInvalidValue));
}

TEST(Sanction, UnknownKindsAreRefusedPerCategory) {
  SanctionProposal proposal = Fine(100);
  proposal.category = SanctionCategory::kReward;
  proposal.violation_id = 0;
  proposal.person = "user:wang";
  proposal.reason = "no errors all month";
  EXPECT_TRUE(HasFieldError(ProposeSanction(proposal, std::nullopt, kAuditor).status(), "kind",
                            Code::kInvalidValue));  // "fine" is no reward
  proposal.kind = "bonus";
  EXPECT_TRUE(ProposeSanction(proposal, std::nullopt, kAuditor).ok());
}

TEST(Sanction, NobodyProposesARewardForThemselves) {
  SanctionProposal proposal;
  proposal.category = SanctionCategory::kReward;
  proposal.kind = "commendation";
  proposal.person = "user:auditor";
  proposal.reason = "self-praise";
  Result<Sanction> reward = ProposeSanction(proposal, std::nullopt, kAuditor);
  ASSERT_FALSE(reward.ok());
  EXPECT_EQ(reward.status().kind(), Kind::kForbidden);
}

TEST(Sanction, AnotherPersonApproves) {
  Sanction penalty = ProposeSanction(Fine(5000), kViolation, kAuditor).value();
  ASSERT_TRUE(DecideSanction(penalty, true, "", kHead).ok());
  EXPECT_EQ(penalty.state, ProposalState::kApproved);
  EXPECT_EQ(penalty.decided_by, "user:head");
  EXPECT_EQ(penalty.decided_at, AtMinute(200));
}

TEST(Sanction, TheProposerMayNotDecide) {
  Sanction penalty = ProposeSanction(Fine(5000), kViolation, kAuditor).value();
  const Status refused = DecideSanction(penalty, true, "", kAuditor);
  EXPECT_EQ(refused.kind(), Kind::kForbidden);
  EXPECT_EQ(refused.code(), Code::kSelfApproval);
  EXPECT_EQ(penalty.state, ProposalState::kProposed);
  EXPECT_EQ(DecideSanction(penalty, false, "withdrawn", kAuditor).code(), Code::kSelfApproval);
}

TEST(Sanction, ThePersonConcernedMayNotDecide) {
  Sanction penalty = ProposeSanction(Fine(5000), kViolation, kAuditor).value();
  const Status refused = DecideSanction(penalty, false, "unfair", {"user:wang", AtMinute(300)});
  EXPECT_EQ(refused.code(), Code::kSelfApproval);
  EXPECT_EQ(penalty.state, ProposalState::kProposed);
}

TEST(Sanction, ADecisionIsFinal) {
  Sanction penalty = ProposeSanction(Fine(5000), kViolation, kAuditor).value();
  ASSERT_TRUE(DecideSanction(penalty, true, "", kHead).ok());
  const Status again = DecideSanction(penalty, true, "", kHead);
  EXPECT_EQ(again.kind(), Kind::kConflict);
  EXPECT_EQ(again.code(), Code::kAlreadyDecided);
  EXPECT_EQ(DecideSanction(penalty, false, "changed my mind", {"user:other", AtMinute(9)}).code(),
            Code::kAlreadyDecided);
  EXPECT_EQ(penalty.state, ProposalState::kApproved);
  EXPECT_EQ(penalty.decided_at, AtMinute(200));
}

TEST(Sanction, ARejectionNeedsAReason) {
  Sanction penalty = ProposeSanction(Fine(5000), kViolation, kAuditor).value();
  const Status refused = DecideSanction(penalty, false, "", kHead);
  EXPECT_TRUE(HasFieldError(refused, "reason", Code::kRequired));
  ASSERT_TRUE(DecideSanction(penalty, false, "the carrier was late, not the packer", kHead).ok());
  EXPECT_EQ(penalty.state, ProposalState::kRejected);
  EXPECT_EQ(penalty.decision_reason, "the carrier was late, not the packer");
}

TEST(Sanction, KindNamesAreStable) {
  std::vector<std::string> penalties;
  for (PenaltyKind kind : AllPenaltyKinds()) {
    penalties.emplace_back(PenaltyKindName(kind));
    EXPECT_EQ(ParsePenaltyKind(PenaltyKindName(kind)), kind);
  }
  EXPECT_EQ(penalties,
            (std::vector<std::string>{"warning", "criticism", "points", "fine", "retraining"}));
  for (RewardKind kind : AllRewardKinds()) {
    EXPECT_EQ(ParseRewardKind(RewardKindName(kind)), kind);
  }
  EXPECT_EQ(ParseProposalState("approved"), ProposalState::kApproved);
  EXPECT_FALSE(ParseProposalState("pending"));
}

}  // namespace
}  // namespace ordo
