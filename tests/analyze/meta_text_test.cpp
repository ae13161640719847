// The RevMan-like text table: natural scale, weights, heterogeneity line.
#include "analyze/meta_text.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace prismaflow::analyze {
namespace {

TEST(MetaText, ShowsRatiosOnTheNaturalScale) {
  std::vector<MetaStudyInput> rows = {{"Alpha", "", BinaryCounts{4, 120, 11, 118}, 0},
                                      {"Beta", "", BinaryCounts{6, 300, 29, 303}, 0},
                                      {"Zero", "", BinaryCounts{0, 40, 0, 41}, 0}};
  MetaResult r = run_meta(rows, {Measure::RR, Method::DL, TestKind::Z, 95});
  std::string t = format_meta_text(r);
  char pooled[32];
  std::snprintf(pooled, sizeof pooled, "%.2f [", std::exp(r.estimate));
  EXPECT_NE(t.find(pooled), std::string::npos) << t;
  EXPECT_NE(t.find("Risk Ratio"), std::string::npos);
  EXPECT_NE(t.find("Not estimable"), std::string::npos);
  EXPECT_NE(t.find("Heterogeneity: Tau"), std::string::npos);
  EXPECT_NE(t.find("Test for overall effect: Z = "), std::string::npos);
}

TEST(MetaText, FormatsPValuesAsRevManDoes) {
  EXPECT_EQ(format_p(1e-7), "P < 0.00001");
  EXPECT_EQ(format_p(0.0004), "P = 0.00040");
  EXPECT_EQ(format_p(0.0031), "P = 0.0031");
  EXPECT_EQ(format_p(0.04), "P = 0.04");
  EXPECT_DOUBLE_EQ(natural_scale(Measure::OR, 0), 1);
  EXPECT_DOUBLE_EQ(natural_scale(Measure::MD, 0.5), 0.5);
}

}  // namespace
}  // namespace prismaflow::analyze
