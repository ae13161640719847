#include "screen/simulation_metrics.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::screen {
namespace {

TEST(SimulationMetrics, HandMadeOrderOfTen) {
  // Relevant at positions 1 and 3 of N = 10, R = 2.
  const ScreeningMetrics m =
      compute_metrics({true, false, true, false, false, false, false, false, false, false});
  EXPECT_EQ(m.n_records, 10u);
  EXPECT_EQ(m.n_included, 2u);
  EXPECT_EQ(m.screened_for_95, 3u);  // ceil(1.9) = 2 found at position 3
  EXPECT_EQ(m.screened_for_100, 3u);
  EXPECT_NEAR(m.wss95, 65.0, 1e-9);   // (10 - 3) / 10 - 5%
  EXPECT_NEAR(m.wss100, 70.0, 1e-9);  // (10 - 3) / 10
  EXPECT_NEAR(m.rrf10, 50.0, 1e-9);   // first ceil(1) record holds 1 of 2
  EXPECT_NEAR(m.atd, 20.0, 1e-9);     // mean(1, 3) / 10
  EXPECT_EQ(m.found, (std::vector<std::size_t>{0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2}));
}

TEST(SimulationMetrics, NinetyFivePercentOfTwentyIsNineteenNotTwenty) {
  std::vector<bool> order(100, false);
  for (int i = 0; i < 19; ++i) order[static_cast<std::size_t>(i)] = true;
  order[99] = true;
  const ScreeningMetrics m = compute_metrics(order);
  EXPECT_EQ(m.screened_for_95, 19u);
  EXPECT_NEAR(m.wss95, 76.0, 1e-9);
  EXPECT_EQ(m.screened_for_100, 100u);
  EXPECT_NEAR(m.wss100, 0.0, 1e-9);
  EXPECT_NEAR(m.rrf10, 50.0, 1e-9);
}

TEST(SimulationMetrics, WorstOrderGivesNegativeWss95) {
  const ScreeningMetrics m = compute_metrics({false, false, false, true});
  EXPECT_EQ(m.screened_for_95, 4u);
  EXPECT_NEAR(m.wss95, -5.0, 1e-9);
  EXPECT_NEAR(m.atd, 100.0, 1e-9);
}

TEST(SimulationMetrics, NoRelevantRecordIsAnError) {
  EXPECT_THROW_MSG(compute_metrics({false, false}), InputError, "no relevant record");
}

}  // namespace
}  // namespace prismaflow::screen
