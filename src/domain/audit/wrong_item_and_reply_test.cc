// The detectors whose source records (after-sales cases, customer messages) Ordo does not keep
// yet, tested on synthetic records.
#include <gtest/gtest.h>

#include "domain/audit/detectors.h"
#include "domain/audit/test_records.h"

namespace ordo {
namespace {

using testing::AtMinute;
using testing::HistoryBuilder;

AfterSalesCase WrongItemCase(std::string order_no, bool confirmed) {
  AfterSalesCase after_sales;
  after_sales.case_id = "AS-7";
  after_sales.order_no = std::move(order_no);
  after_sales.reason = "wrong_item";
  after_sales.reason_confirmed = confirmed;
  after_sales.confirmed_at = AtMinute(5000);
  return after_sales;
}

TEST(WrongItemShipped, AConfirmedWrongItemIsThePackersViolation) {
  OrderHistories orders;
  orders["B1"] = HistoryBuilder("B1")
                     .Created(0)
                     .Paid(1)
                     .Approved(2, "user:zhao")
                     .Picked(3, "user:wang")
                     .Packed(4, "user:sun")
                     .Shipped(5, "user:li")
                     .Build();
  const std::vector<Violation> found =
      DetectWrongItemsShipped({WrongItemCase("B1", true)}, orders, SupervisionPolicy{});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].type, ViolationType::kWrongItemShipped);
  EXPECT_EQ(found[0].actor, "user:sun");
  EXPECT_EQ(found[0].entity_id, "B1");
  EXPECT_EQ(found[0].occurrence, "after_sales:AS-7");
  EXPECT_EQ(found[0].at, AtMinute(5000));
}

TEST(WrongItemShipped, UnconfirmedOrOtherReasonsAreNotViolations) {
  OrderHistories orders;
  orders["B2"] = HistoryBuilder("B2").Through(0, "user:sun", 10).Build();
  EXPECT_TRUE(
      DetectWrongItemsShipped({WrongItemCase("B2", false)}, orders, SupervisionPolicy{}).empty());
  AfterSalesCase quality = WrongItemCase("B2", true);
  quality.reason = "quality";
  EXPECT_TRUE(DetectWrongItemsShipped({quality}, orders, SupervisionPolicy{}).empty());
}

TEST(WrongItemShipped, AnUnknownPackerLeavesItToTheFulfilmentDepartment) {
  const std::vector<Violation> found =
      DetectWrongItemsShipped({WrongItemCase("B3", true)}, {}, SupervisionPolicy{});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actor, "");
  EXPECT_EQ(found[0].department, "warehouse");
}

CustomerMessage Message(std::string id, int64_t received, std::optional<int64_t> replied,
                        std::string by) {
  CustomerMessage message;
  message.message_id = std::move(id);
  message.order_no = "B4";
  message.received_at = AtMinute(received);
  if (replied) {
    message.replied_at = AtMinute(*replied);
  }
  message.replied_by = by;
  message.assigned_to = by;
  return message;
}

TEST(LateCustomerReply, AReplyAfterTheLimitNamesWhoReplied) {
  SupervisionPolicy policy;
  policy.reply_within_ms = 60 * 60 * 1000;
  const std::vector<Violation> found =
      DetectLateReplies({Message("M1", 0, 61, "user:qian"), Message("M2", 0, 60, "user:qian")},
                        policy, AtMinute(1000));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].type, ViolationType::kLateCustomerReply);
  EXPECT_EQ(found[0].actor, "user:qian");
  EXPECT_EQ(found[0].entity, "customer_message");
  EXPECT_EQ(found[0].entity_id, "M1");
  EXPECT_EQ(found[0].at, AtMinute(61));
}

TEST(LateCustomerReply, AnUnansweredMessagePastTheLimitWaitsOnItsAssignee) {
  SupervisionPolicy policy;
  policy.reply_within_ms = 60 * 60 * 1000;
  CustomerMessage unassigned = Message("M3", 0, std::nullopt, "");
  const std::vector<Violation> before = DetectLateReplies(
      {Message("M4", 0, std::nullopt, "user:qian"), unassigned}, policy, AtMinute(59));
  EXPECT_TRUE(before.empty());
  const std::vector<Violation> found = DetectLateReplies(
      {Message("M4", 0, std::nullopt, "user:qian"), unassigned}, policy, AtMinute(90));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].actor, "user:qian");
  EXPECT_EQ(found[0].at, AtMinute(60));
  EXPECT_EQ(found[1].actor, "");
  EXPECT_EQ(found[1].department, "customer_service");
}

}  // namespace
}  // namespace ordo
