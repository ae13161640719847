#include "screen/agreement.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace prismaflow::screen {
namespace {

// 2x2 worked by hand: p = [[.4,.1],[.2,.3]], rows (.5,.5), columns (.6,.4);
// po = .7, pe = .5, kappa = .4; Fleiss-Cohen-Everitt variance
// (.10972 + .36 * .283 - .01) / (50 * .25) = .016128, se = .126996;
// PABAK = 2 * .7 - 1 = .4.
TEST(AgreementTest, TwoByTwoHandComputed) {
  auto a = compute_agreement({{20, 5}, {10, 15}});
  EXPECT_EQ(a.n, 50);
  EXPECT_NEAR(a.percent_agreement, 70.0, 1e-9);
  EXPECT_NEAR(a.kappa, 0.4, 1e-12);
  EXPECT_NEAR(a.kappa_se, std::sqrt(0.016128), 1e-9);
  EXPECT_NEAR(a.ci_lower, 0.4 - 1.959963984540054 * std::sqrt(0.016128), 1e-9);
  EXPECT_NEAR(a.ci_upper, 0.4 + 1.959963984540054 * std::sqrt(0.016128), 1e-9);
  EXPECT_NEAR(a.pabak, 0.4, 1e-12);
}

// 3x3 (include/exclude/maybe): margins (13,12,5) both ways; po = 21/30 = .7,
// pe = (169 + 144 + 25)/900 = 338/900; kappa = (630 - 338)/(900 - 338) = 146/281;
// PABAK = (3 * .7 - 1)/2 = .55.
TEST(AgreementTest, ThreeByThreeHandComputed) {
  auto a = compute_agreement({{10, 2, 1}, {3, 8, 1}, {0, 2, 3}});
  EXPECT_EQ(a.n, 30);
  EXPECT_NEAR(a.kappa, 146.0 / 281.0, 1e-12);
  EXPECT_NEAR(a.pabak, 0.55, 1e-12);
  EXPECT_NEAR(a.kappa_se, 0.1330335154085476, 1e-9);
}

TEST(AgreementTest, PerfectAgreementOnOneCategoryHasNoKappa) {
  auto a = compute_agreement({{5, 0}, {0, 0}});
  EXPECT_NEAR(a.percent_agreement, 100.0, 1e-12);
  EXPECT_TRUE(std::isnan(a.kappa));  // pe = 1: kappa is undefined, PABAK is not
  EXPECT_NEAR(a.pabak, 1.0, 1e-12);
}

TEST(AgreementTest, RejectsNonSquareTables) {
  EXPECT_THROW(compute_agreement({{1, 2}}), std::invalid_argument);
  EXPECT_THROW(compute_agreement({{1, 2}, {3}}), std::invalid_argument);
}

TEST(AgreementTest, PairsFromDecisionRows) {
  std::vector<DecisionRow> rows;
  std::int64_t id = 0;
  auto add = [&](std::int64_t record, const std::string& who, Decision d) {
    DecisionRow r;
    r.decision_id = ++id;
    r.record_id = record;
    r.reviewer = who;
    r.decision = d;
    rows.push_back(r);
  };
  add(1, "bob", Decision::kInclude);
  add(1, "ann", Decision::kInclude);
  add(2, "ann", Decision::kExclude);
  add(2, "bob", Decision::kInclude);
  add(3, "ann", Decision::kExclude);  // bob has not screened 3: not in the table
  auto pairs = agreement_by_pair(rows);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].reviewer_a, "ann");
  EXPECT_EQ(pairs[0].reviewer_b, "bob");
  EXPECT_EQ(pairs[0].stats.n, 2);
  EXPECT_EQ(pairs[0].table[0][0], 1);  // both include
  EXPECT_EQ(pairs[0].table[1][0], 1);  // ann exclude, bob include
}

}  // namespace
}  // namespace prismaflow::screen
