// The statistical stopping criterion (Callaghan & Müller-Hansen 2020) on
// decision sequences whose p-values are worked by hand, and its shortcut
// (only the longest sample per number of relevant records) against the
// definition (every sample).
#include "screen/stopping_criterion.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::screen {
namespace {

std::vector<bool> sequence(int relevant, int excluded) {
  std::vector<bool> s(static_cast<std::size_t>(relevant), true);
  s.insert(s.end(), static_cast<std::size_t>(excluded), false);
  return s;
}

// The definition: the smallest p-value over every sample of the last n decisions.
double smallest_over_every_sample(const std::vector<bool>& d, std::int64_t total, double target) {
  const auto m = static_cast<std::int64_t>(d.size());
  std::int64_t found = 0;
  for (bool b : d) found += b;
  const auto least = static_cast<std::int64_t>(std::floor(double(found) / target + 1e-9)) + 1;
  double best = 1.0;
  std::int64_t k = 0;
  for (std::int64_t n = 1; n <= m; ++n) {
    k += d[static_cast<std::size_t>(m - n)];
    const std::int64_t urn = total - m + n, in_urn = least - (found - k);
    best = std::min(best, in_urn > urn ? 0.0 : hypergeometric_lower_tail(k, urn, in_urn, n));
  }
  return best;
}

TEST(StoppingCriterion, HypergeometricLowerTailByHand) {
  // 4 drawn from 10 of which 3 relevant: P(0) = C(7,4)/C(10,4) = 35/210,
  // P(1) = 3·C(7,3)/210 = 105/210.
  EXPECT_NEAR(hypergeometric_lower_tail(0, 10, 3, 4), 35.0 / 210, 1e-12);
  EXPECT_NEAR(hypergeometric_lower_tail(1, 10, 3, 4), 140.0 / 210, 1e-12);
  EXPECT_EQ(hypergeometric_lower_tail(3, 10, 3, 4), 1.0);  // at the top of the support
  EXPECT_EQ(hypergeometric_lower_tail(1, 10, 8, 4), 0.0);  // at least 2 relevant must be drawn
  EXPECT_THROW(hypergeometric_lower_tail(0, 10, 11, 4), std::invalid_argument);
  EXPECT_THROW(hypergeometric_lower_tail(0, 10, 3, -1), std::invalid_argument);
}

TEST(StoppingCriterion, LowerTailAgreesWithBoostMath) {
  std::mt19937_64 rng(3);
  double worst = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::int64_t population = 1 + static_cast<std::int64_t>(rng() % 20000);
    const std::int64_t successes = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(std::min<std::int64_t>(population, 300) + 1));
    const std::int64_t draws = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(population + 1));
    const std::int64_t k = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(std::min(successes, draws) + 1));
    const double fast = hypergeometric_lower_tail(k, population, successes, draws);
    const double exact = hypergeometric_lower_tail_boost(k, population, successes, draws);
    ASSERT_NEAR(fast, exact, 1e-9 * std::max(exact, 1e-6)) << k << " " << population << " " << successes << " " << draws;
    worst = std::max(worst, std::abs(fast - exact));
  }
  EXPECT_LT(worst, 1e-9);
}

TEST(StoppingCriterion, TenFoundThenExclusionsAsWorkedByHand) {
  // 10 relevant found, then only exclusions, out of 100 records. Under the
  // null (recall < 95%) at least floor(10 / 0.95) + 1 = 11 exist, so one is
  // left among the 90 records unscreened before the exclusions; a sample of
  // n exclusions misses it with probability (90 - n) / 90.
  StoppingTest t = test_stopping(sequence(10, 40), 100);
  EXPECT_NEAR(t.p_value, 50.0 / 90, 1e-12);
  EXPECT_EQ(t.sample, 40);
  EXPECT_EQ(t.screened, 50);
  EXPECT_EQ(t.included, 10);
  EXPECT_FALSE(t.met);
  t = test_stopping(sequence(10, 85), 100);
  EXPECT_NEAR(t.p_value, 5.0 / 90, 1e-12);
  EXPECT_FALSE(t.met);  // 0.056 is not below 0.05
  t = test_stopping(sequence(10, 86), 100);
  EXPECT_NEAR(t.p_value, 4.0 / 90, 1e-12);
  EXPECT_TRUE(t.met);
  EXPECT_EQ(first_stop(sequence(10, 90), 100), 96);
  // A laxer target (floor(10 / 0.9) + 1 = 12: two left among the 90) or a
  // laxer confidence stops earlier.
  EXPECT_LT(first_stop(sequence(10, 90), 100, {0.9, 0.95}), 96);
  EXPECT_LT(first_stop(sequence(10, 90), 100, {0.95, 0.9}), 96);
}

TEST(StoppingCriterion, NothingFoundYet) {
  // One relevant record would make recall 0: the urn is all 100 records.
  const StoppingTest t = test_stopping(sequence(0, 96), 100);
  EXPECT_NEAR(t.p_value, 4.0 / 100, 1e-12);
  EXPECT_TRUE(t.met);
  const StoppingTest none = test_stopping({}, 100);
  EXPECT_EQ(none.p_value, 1.0);
  EXPECT_FALSE(none.met);
  EXPECT_EQ(none.sample, 0);
}

TEST(StoppingCriterion, LongestSamplePerCountGivesTheSmallestOfEverySample) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const std::int64_t total = 50 + static_cast<std::int64_t>(rng() % 300);
    const auto m = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(total + 1));
    // Relevant records early and rarer later, as in a ranked screening.
    std::vector<bool> d;
    for (std::int64_t i = 0; i < m; ++i)
      d.push_back(std::uniform_real_distribution<double>(0, 1)(rng) < 0.4 * std::exp(-6.0 * double(i) / double(total)));
    for (double target : {0.8, 0.95, 0.99}) {
      const StoppingTest t = test_stopping(d, total, {target, 0.95});
      EXPECT_NEAR(t.p_value, smallest_over_every_sample(d, total, target), 1e-12)
          << "trial " << trial << ", target " << target;
    }
  }
}

TEST(StoppingCriterion, FirstStopIsTheFirstPrefixThatMeetsIt) {
  std::mt19937_64 rng(11);
  std::vector<bool> d;
  for (int i = 0; i < 400; ++i) d.push_back(std::uniform_real_distribution<double>(0, 1)(rng) < 0.5 * std::exp(-i / 30.0));
  const std::int64_t stop = first_stop(d, 400);  // every record decided in the end
  ASSERT_GT(stop, 0);
  for (std::int64_t m = 1; m < stop; ++m)
    EXPECT_FALSE(test_stopping({d.begin(), d.begin() + m}, 400).met) << m;
  EXPECT_TRUE(test_stopping({d.begin(), d.begin() + stop}, 400).met);
  EXPECT_LT(stop, 400);
  EXPECT_EQ(first_stop(sequence(5, 3), 500), 0);  // never met
}

TEST(StoppingCriterion, OptionsOutOfRangeAreRefused) {
  EXPECT_THROW_MSG(test_stopping({}, 10, {1.0, 0.95}), UsageError, "recall target");
  EXPECT_THROW_MSG(test_stopping({}, 10, {0.95, 0.0}), UsageError, "confidence");
  EXPECT_THROW_MSG(test_stopping(sequence(1, 10), 10), UsageError, "11 decisions for 10 records");
}

}  // namespace
}  // namespace prismaflow::screen
