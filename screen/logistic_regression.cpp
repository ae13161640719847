#include "screen/logistic_regression.hpp"

#include <algorithm>
#include <cmath>

namespace prismaflow::screen {
namespace {

// Minimises h(a) = q/2 (a - a0)^2 + g (a - a0) + a ln a + (c - a) ln(c - a) on
// (0, c). h is convex and h' is increasing, so a safeguarded Newton iteration
// that never leaves the interval converges.
double solve_coordinate(double a0, double g, double q, double c) {
  const double eps = c * 1e-12;
  double a = std::clamp(a0, eps, c - eps);
  for (int it = 0; it < 100; ++it) {
    const double d = q * (a - a0) + g + std::log(a / (c - a));
    if (std::abs(d) < 1e-10) break;
    const double dd = q + c / (a * (c - a));
    double next = a - d / dd;
    if (next <= 0.0) next = a * 0.1;
    else if (next >= c) next = c - (c - a) * 0.1;
    if (std::abs(next - a) <= 1e-15 * c) {
      a = next;
      break;
    }
    a = next;
  }
  return a;
}

}  // namespace

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

LogisticRegression::LogisticRegression(const SparseMatrix& x, LogisticOptions options)
    : options_(options), s_(x), rng_state_(options.seed) {}

void LogisticRegression::add(std::size_t row, bool included) { s_.add(row, included); }

int LogisticRegression::fit(double weight_included, double weight_excluded) {
  const std::size_t n = s_.size();
  // The box of each dual variable depends on its class weight, which the
  // balancing changes between fits: pull variables back inside first.
  std::vector<double> bound(n);
  for (std::size_t i = 0; i < n; ++i) {
    bound[i] = options_.c * (s_.included(i) ? weight_included : weight_excluded);
    const double lo = std::min(1e-3 * bound[i], 1e-8);
    s_.set_alpha(i, std::clamp(s_.alpha(i), lo, bound[i] - lo));
  }
  return s_.descend(options_.max_epochs, options_.tolerance, rng_state_, [&](std::size_t i) {
    const double g = s_.margin(i);
    const double c = bound[i];
    const double a0 = s_.alpha(i);
    s_.set_alpha(i, solve_coordinate(a0, g, s_.sq_norm(i), c));
    return std::abs(g + std::log(a0 / (c - a0)));
  });
}

double LogisticRegression::decision(std::size_t row) const { return s_.decision(row); }

}  // namespace prismaflow::screen
