#include "http/login_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace ordo::http {
namespace {

constexpr int64_t kNow = 1'000'000;

// Admits and finishes one failed check; false when it was not admitted.
bool FailOnce(LoginThrottle& throttle, const std::string& client, const std::string& name,
              int64_t at) {
  if (!throttle.Admit(client, name, at).admitted) {
    return false;
  }
  throttle.Finish(client, name, /*failed=*/true, at);
  return true;
}

TEST(LoginThrottle, ANameWaitsTwiceAsLongAfterEachFailureBeyondTheFreeOnes) {
  LoginThrottleOptions options;
  options.name_free_failures = 3;
  LoginThrottle throttle(options);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(FailOnce(throttle, "10.0.0." + std::to_string(i), "li.na", kNow)) << i;
  }
  // The fourth failure sets a wait of 1 s, the fifth 2 s, … whoever asks, from wherever.
  ASSERT_TRUE(FailOnce(throttle, "10.0.0.9", "li.na", kNow));
  LoginThrottle::Admission refused = throttle.Admit("10.0.0.10", "li.na", kNow + 500);
  EXPECT_FALSE(refused.admitted);
  EXPECT_FALSE(refused.by_client);
  EXPECT_EQ(refused.retry_after_ms, 500);
  ASSERT_TRUE(FailOnce(throttle, "10.0.0.10", "li.na", kNow + 1000));
  EXPECT_FALSE(throttle.Admit("10.0.0.11", "li.na", kNow + 2999).admitted);
  EXPECT_TRUE(throttle.Admit("10.0.0.11", "li.na", kNow + 3000).admitted);
  // Other names are not slowed down.
  EXPECT_TRUE(throttle.Admit("10.0.0.12", "wang.fang", kNow + 500).admitted);
}

TEST(LoginThrottle, UnknownAndRealNamesAreThrottledAlike) {
  LoginThrottle throttle;
  for (const char* name : {"real.user", "no.such.user"}) {
    for (int i = 0; i < 6; ++i) {  // five free failures, then a wait
      ASSERT_TRUE(FailOnce(throttle, "10.0.1." + std::to_string(i), name, kNow));
    }
    EXPECT_FALSE(throttle.Admit("10.0.2.1", name, kNow).admitted) << name;
  }
}

TEST(LoginThrottle, AFloodFromOneAddressIsHeldToAFewChecksAtOnceAndThenBacksOff) {
  LoginThrottleOptions options;
  options.max_in_flight_per_client = 2;
  options.client_free_failures = 10;
  LoginThrottle throttle(options);
  EXPECT_TRUE(throttle.Admit("6.6.6.6", "a", kNow).admitted);
  EXPECT_TRUE(throttle.Admit("6.6.6.6", "b", kNow).admitted);
  const LoginThrottle::Admission third = throttle.Admit("6.6.6.6", "c", kNow);
  EXPECT_FALSE(third.admitted);
  EXPECT_TRUE(third.by_client);
  EXPECT_TRUE(throttle.Admit("7.7.7.7", "admin", kNow).admitted) << "another client gets in";
  throttle.Finish("6.6.6.6", "a", true, kNow);
  throttle.Finish("6.6.6.6", "b", true, kNow);
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(FailOnce(throttle, "6.6.6.6", "n" + std::to_string(i), kNow));
  }
  ASSERT_TRUE(FailOnce(throttle, "6.6.6.6", "x", kNow));  // the eleventh failure
  EXPECT_FALSE(throttle.Admit("6.6.6.6", "y", kNow + 999).admitted);
  EXPECT_TRUE(throttle.Admit("7.7.7.7", "admin", kNow + 999).admitted);
}

TEST(LoginThrottle, ASuccessForgivesTheNameAndAQuietHourForgetsEverything) {
  LoginThrottleOptions options;
  options.name_free_failures = 1;
  LoginThrottle throttle(options);
  ASSERT_TRUE(FailOnce(throttle, "10.0.0.1", "li.na", kNow));
  ASSERT_TRUE(FailOnce(throttle, "10.0.0.1", "li.na", kNow));
  EXPECT_FALSE(throttle.Admit("10.0.0.1", "li.na", kNow + 10).admitted);
  ASSERT_TRUE(throttle.Admit("10.0.0.1", "li.na", kNow + 1000).admitted);
  throttle.Finish("10.0.0.1", "li.na", /*failed=*/false, kNow + 1000);
  EXPECT_TRUE(FailOnce(throttle, "10.0.0.1", "li.na", kNow + 1000)) << "forgiven";
  ASSERT_TRUE(FailOnce(throttle, "10.0.0.1", "li.na", kNow + 1000));
  EXPECT_FALSE(throttle.Admit("10.0.0.1", "li.na", kNow + 1001).admitted);
  EXPECT_TRUE(throttle.Admit("10.0.0.1", "li.na", kNow + 1000 + options.forget_after_ms).admitted);
}

TEST(LoginThrottle, MemoryStaysBoundedUnderAFloodOfNames) {
  LoginThrottleOptions options;
  options.max_entries = 100;
  options.client_free_failures = 1'000'000;
  LoginThrottle throttle(options);
  for (int i = 0; i < 10'000; ++i) {
    FailOnce(throttle, "10.9.9.9", "name" + std::to_string(i), kNow + i);
  }
  SUCCEED();  // bounded by construction; ASan would report a leak, the test a hang
}

}  // namespace
}  // namespace ordo::http
