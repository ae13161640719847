#include "extract/outcome_data.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace prismaflow::extract {
namespace {

TEST(OutcomeDataTest, GenericFromRatioCiUsesLogScale) {
  OutcomeRow r;
  r.estimate = 0.5;
  r.ci_lower = 0.25;
  r.ci_upper = 1.0;
  r.effect_measure = "HR";
  auto yv = generic_yi_vi(r);
  ASSERT_TRUE(yv);
  EXPECT_NEAR(yv->first, std::log(0.5), 1e-12);
  double se = (std::log(1.0) - std::log(0.25)) / (2 * 1.959963984540054);
  EXPECT_NEAR(yv->second, se * se, 1e-12);
}

TEST(OutcomeDataTest, GenericFromDifferenceCiStaysOnNaturalScale) {
  OutcomeRow r;
  r.estimate = 2;
  r.ci_lower = 0;
  r.ci_upper = 4;
  r.effect_measure = "MD";
  auto yv = generic_yi_vi(r);
  ASSERT_TRUE(yv);
  EXPECT_DOUBLE_EQ(yv->first, 2);
  EXPECT_NEAR(std::sqrt(yv->second), 4 / (2 * 1.959963984540054), 1e-12);
}

TEST(OutcomeDataTest, GenericPrefersYiWithVarianceOrSe) {
  OutcomeRow r;
  r.yi = 0.1;
  r.se = 0.2;
  EXPECT_NEAR(generic_yi_vi(r)->second, 0.04, 1e-15);
  r.vi = 0.5;
  EXPECT_DOUBLE_EQ(generic_yi_vi(r)->second, 0.5);
  EXPECT_FALSE(generic_yi_vi(OutcomeRow{}).has_value());
}

TEST(OutcomeDataTest, RatioMeasuresAreRecognised) {
  EXPECT_TRUE(is_ratio_measure("hr"));
  EXPECT_TRUE(is_ratio_measure("OR"));
  EXPECT_FALSE(is_ratio_measure("MD"));
  EXPECT_FALSE(is_ratio_measure(""));
}

}  // namespace
}  // namespace prismaflow::extract
