// Which replies are retried, and how long the client waits.
#include "fetch/retry_policy.hpp"

#include <gtest/gtest.h>

namespace prismaflow::fetch {
namespace {

TEST(RetryPolicy, TransientFaults) {
  struct Case {
    EutilsResponse r;
    bool retry;
  } cases[] = {
      {{200, "<eSearchResult/>", "", -1}, false},
      {{429, R"({"error":"API rate limit exceeded","count":"11"})", "", 1}, true},
      {{200, R"({"error":"API rate limit exceeded","api-key":"1.2.3.4","count":"5","limit":"3"})", "", -1}, true},
      {{500, "oops", "", -1}, true},
      {{503, "", "", -1}, true},
      {{400, "<eFetchResult><ERROR>Empty Response</ERROR></eFetchResult>", "", -1}, true},
      {{0, "", "Couldn't connect to server", -1}, true},
      {{200, "", "", -1}, true},
      {{404, "no", "", -1}, false},
  };
  for (const auto& c : cases) EXPECT_EQ(!transient_fault(c.r).empty(), c.retry) << c.r.http_status << c.r.body;
  EXPECT_TRUE(is_permanent_http_error(404));
  EXPECT_FALSE(is_permanent_http_error(429));
}

TEST(RetryPolicy, ExponentialBackoffWithJitterAndRetryAfter) {
  RetrySettings s{6, 1.0, 10.0};
  EXPECT_DOUBLE_EQ(backoff_delay(s, 2, 1.0, -1), 1.0);
  EXPECT_DOUBLE_EQ(backoff_delay(s, 3, 1.0, -1), 2.0);
  EXPECT_DOUBLE_EQ(backoff_delay(s, 4, 0.0, -1), 2.0);  // 4 s at 50 %
  EXPECT_DOUBLE_EQ(backoff_delay(s, 10, 1.0, -1), 10.0);  // capped
  EXPECT_DOUBLE_EQ(backoff_delay(s, 2, 1.0, 7), 7.0);   // Retry-After wins
}

}  // namespace
}  // namespace prismaflow::fetch
