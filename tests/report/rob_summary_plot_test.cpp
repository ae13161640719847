#include "report/rob_summary_plot.hpp"

#include <gtest/gtest.h>

#include "tests/report/golden.hpp"

namespace prismaflow::report {
namespace {

std::vector<RobStudy> three_studies() {
  return {{"Brown 2021", {{"randomisation process", "low"}, {"overall", "some concerns"}}},
          {"Gupta 2025", {{"randomisation process", "low"}, {"missing outcome data", "high"}, {"overall", "high"}}},
          {"Hogan 2023", {{"randomisation process", "some concerns"}, {"overall", "low"}}}};
}

TEST(RobSummaryPlot, CountsEachDomainsJudgementsInRob2Order) {
  const auto shares = rob_domain_shares(three_studies());
  ASSERT_EQ(shares.size(), 3u);
  EXPECT_EQ(shares[0].domain, "randomisation process");
  EXPECT_EQ(shares[0].low, 2);
  EXPECT_EQ(shares[0].some_concerns, 1);
  EXPECT_EQ(shares[1].domain, "missing outcome data");
  EXPECT_EQ(shares[1].high, 1);
  EXPECT_EQ(shares[1].none, 2) << "a study without a judgement in a domain";
  EXPECT_EQ(shares[2].domain, "overall");
  EXPECT_EQ(shares[2].low + shares[2].some_concerns + shares[2].high + shares[2].none, 3);
}

TEST(RobSummaryPlot, SvgMatchesGoldenAndEscapesDomains) {
  test::expect_golden("rob-summary.svg", render_rob_summary_svg(three_studies()));
  EXPECT_EQ(render_rob_summary_svg({}), "");
  const std::string svg = render_rob_summary_svg({{"A", {{"<script>", "low"}}}});
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace prismaflow::report
