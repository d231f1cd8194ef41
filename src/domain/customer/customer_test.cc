#include "domain/customer/customer.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

const Actor kStaff{"user:li", Timestamp{5000}};

Order PastOrder(const std::string& order_no, int64_t total, Timestamp at) {
  Order order;
  order.order_no = order_no;
  order.customer.member_id = "m-1";
  order.status = OrderStatus::kCompleted;
  order.total_amount = total;
  order.created_at = at;
  OrderLine line;
  line.sku = "TEA-001";
  line.quantity = total / 100;
  order.lines.push_back(line);
  return order;
}

CustomerProfile Profile() {
  return NewProfile(Customer{"m-1", "张三", "13812340001"}, {"system", Timestamp{1000}});
}

TEST(CustomerHistory, SummarisesThePastOrdersLeavingOutTheOneUnderReview) {
  Order rejected = PastOrder("N3", 900, Timestamp{3000});
  rejected.status = OrderStatus::kClosed;
  rejected.close_reason = "rejected: fake";
  Order refunded = PastOrder("N4", 500, Timestamp{4000});
  refunded.refunded_amount = 200;
  const std::vector<Order> orders = {PastOrder("N1", 100, Timestamp{1000}),
                                     PastOrder("N2", 300, Timestamp{2000}), rejected, refunded,
                                     PastOrder("NOW", 99999, Timestamp{9000})};
  const CustomerHistory history = SummarizeHistory(orders, "NOW");
  EXPECT_EQ(history.orders_placed, 4);
  EXPECT_EQ(history.orders_completed, 3);
  EXPECT_EQ(history.refusals, 1);
  EXPECT_EQ(history.refunds, 1);
  EXPECT_EQ(history.refunded_amount, 200);
  EXPECT_EQ(history.usual_amount, 400) << "median of 100, 300, 500, 900";
  EXPECT_EQ(history.first_order_at, Timestamp{1000});
  EXPECT_EQ(history.last_order_at, Timestamp{4000});
  EXPECT_EQ(history.usual_quantity.at("TEA-001"), 4);
}

TEST(CustomerHistory, IsEmptyWithoutOrders) {
  const CustomerHistory history = SummarizeHistory({}, "");
  EXPECT_EQ(history.orders_placed, 0);
  EXPECT_EQ(history.usual_amount, 0);
  EXPECT_FALSE(history.first_order_at.has_value());
}

TEST(CustomerProfile, IsBlacklistedWithAReasonOnceAndThenLifted) {
  CustomerProfile profile = Profile();
  Status missing = Blacklist(profile, "", kStaff);
  EXPECT_EQ(missing.kind(), Kind::kInvalid);
  EXPECT_FALSE(profile.blacklisted);
  ASSERT_TRUE(Blacklist(profile, "chargebacks", kStaff).ok());
  EXPECT_TRUE(profile.blacklisted);
  EXPECT_EQ(profile.blacklisted_by, "user:li");
  EXPECT_EQ(profile.blacklisted_at, Timestamp{5000});
  EXPECT_EQ(profile.version, 2);
  EXPECT_EQ(Blacklist(profile, "again", kStaff).code(), Code::kAlreadyExists);
  ASSERT_TRUE(Unblacklist(profile, "cleared by finance", kStaff).ok());
  EXPECT_FALSE(profile.blacklisted);
  EXPECT_EQ(Unblacklist(profile, "again", kStaff).kind(), Kind::kConflict);
}

TEST(CustomerProfile, APatchNeedsAReasonAndSomethingToChange) {
  CustomerProfile profile = Profile();
  EXPECT_EQ(ApplyCustomerPatch(profile, CustomerPatch{}, kStaff).kind(), Kind::kInvalid);
  EXPECT_EQ(ApplyCustomerPatch(profile, CustomerPatch{CreditLevel::kLow, std::nullopt, ""}, kStaff)
                .kind(),
            Kind::kInvalid);
  ASSERT_TRUE(
      ApplyCustomerPatch(profile, CustomerPatch{std::nullopt, true, "reseller"}, kStaff).ok());
  EXPECT_TRUE(profile.high_risk);
  EXPECT_EQ(profile.high_risk_reason, "reseller");
  EXPECT_EQ(profile.credit_level, CreditLevel::kNormal);
}

TEST(Complaint, IsValidatedFieldByField) {
  Complaint complaint;
  complaint.category = "noise";
  const Status status = ValidateComplaint(complaint);
  ASSERT_EQ(status.kind(), Kind::kInvalid);
  ASSERT_EQ(status.field_errors().size(), 2u);
  EXPECT_EQ(status.field_errors()[0].field, "category");
  EXPECT_EQ(status.field_errors()[1].field, "note");
  complaint.category = "delivery";
  complaint.note = "parcel left outside";
  EXPECT_TRUE(ValidateComplaint(complaint).ok());
}

TEST(CreditLevel, ParsesItsNames) {
  EXPECT_EQ(ParseCreditLevel("low"), CreditLevel::kLow);
  EXPECT_EQ(CreditLevelName(CreditLevel::kGood), "good");
  EXPECT_FALSE(ParseCreditLevel("excellent").has_value());
}

}  // namespace
}  // namespace ordo
