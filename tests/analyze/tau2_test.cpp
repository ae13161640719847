// tau^2 estimators: defining equations hold at the returned value, and the
// ML/REML answer is the global maximum of the likelihood.
#include "analyze/tau2.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace prismaflow::analyze {
namespace {

RegressionData heterogeneous() {
  return {{-0.89, -1.59, -1.35, -1.44, -0.22, -0.79, -1.62, 0.01, -0.47, -1.37, -0.34, 0.45, -0.02},
          {0.33, 0.19, 0.42, 0.02, 0.05, 0.007, 0.22, 0.004, 0.06, 0.07, 0.01, 0.53, 0.07},
          {}};
}

TEST(Tau2, PauleMandelSolvesTheGeneralisedQEquation) {
  auto d = heterogeneous();
  auto t = estimate_tau2(d, Method::PM);
  EXPECT_GT(t.tau2, 0);
  EXPECT_NEAR(wls_fit(d, t.tau2).ypy, static_cast<double>(d.k()) - 1, 1e-9);
  EXPECT_GT(t.iterations, 0);
}

TEST(Tau2, EmpiricalBayesEqualsPauleMandelForInterceptOnlyModels) {
  auto d = heterogeneous();
  EXPECT_NEAR(estimate_tau2(d, Method::EB).tau2, estimate_tau2(d, Method::PM).tau2, 1e-10);
}

TEST(Tau2, RemlAndMlAreStationaryAndBeatZero) {
  auto d = heterogeneous();
  for (Method m : {Method::ML, Method::REML}) {
    bool reml = m == Method::REML;
    auto t = estimate_tau2(d, m);
    ASSERT_TRUE(t.converged);
    double h = 1e-6 * t.tau2;
    double left = log_likelihood(d, t.tau2 - h, reml), mid = log_likelihood(d, t.tau2, reml),
           right = log_likelihood(d, t.tau2 + h, reml);
    EXPECT_GE(mid, left);
    EXPECT_GE(mid, right);
    EXPECT_GT(mid, log_likelihood(d, 0.0, reml));
  }
}

TEST(Tau2, DerSimonianLairdMatchesTheTextbookFormula) {
  auto d = heterogeneous();
  double sw = 0, sw2 = 0, swy = 0;
  for (std::size_t i = 0; i < d.k(); ++i) {
    double w = 1 / d.v[i];
    sw += w, sw2 += w * w, swy += w * d.y[i];
  }
  double q = 0;
  for (std::size_t i = 0; i < d.k(); ++i) q += std::pow(d.y[i] - swy / sw, 2) / d.v[i];
  double expected = (q - (d.k() - 1)) / (sw - sw2 / sw);
  EXPECT_NEAR(estimate_tau2(d, Method::DL).tau2, expected, 1e-12);
}

TEST(Tau2, HomogeneousDataGiveZeroExceptSidikJonkman) {
  RegressionData d{{0.10, 0.12, 0.11, 0.09}, {0.04, 0.05, 0.03, 0.06}, {}};
  for (Method m : {Method::DL, Method::REML, Method::PM, Method::HE, Method::ML, Method::EB})
    EXPECT_EQ(estimate_tau2(d, m).tau2, 0) << to_string(m);
  EXPECT_GT(estimate_tau2(d, Method::SJ).tau2, 0);  // SJ is never 0 unless all yi are equal
}

TEST(Tau2, ModeratorModelUsesKMinusTwoDegreesOfFreedom) {
  auto d = heterogeneous();
  for (std::size_t i = 0; i < d.k(); ++i) d.x.push_back(std::sqrt(d.v[i]));
  auto t = estimate_tau2(d, Method::PM);
  EXPECT_NEAR(wls_fit(d, t.tau2).ypy, static_cast<double>(d.k()) - 2, 1e-9);
}

}  // namespace
}  // namespace prismaflow::analyze
