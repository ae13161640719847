#include "screen/linear_svm.hpp"

#include <algorithm>
#include <cmath>

namespace prismaflow::screen {

LinearSvm::LinearSvm(const SparseMatrix& x, SvmOptions options)
    : options_(options), s_(x), rng_state_(options.seed) {}

void LinearSvm::add(std::size_t row, bool included) { s_.add(row, included); }

int LinearSvm::fit(double weight_included, double weight_excluded) {
  // The dual of the squared hinge: min 1/2 a'(Q + D)a - sum a, a >= 0, with
  // Q_ij = y_i y_j (x_i·x_j + 1) and D_ii = 1 / (2 C_i). A change of class
  // weights only changes D, so the previous a stays feasible as a warm start.
  const double d_in = 0.5 / (options_.c * weight_included);
  const double d_ex = 0.5 / (options_.c * weight_excluded);
  return s_.descend(options_.max_epochs, options_.tolerance, rng_state_, [&](std::size_t i) {
    const double d = s_.included(i) ? d_in : d_ex;
    const double g = s_.margin(i) - 1.0 + d * s_.alpha(i);
    // Projected gradient: at the bound a = 0 only a descent into a > 0 counts.
    const double pg = s_.alpha(i) == 0.0 ? std::min(g, 0.0) : g;
    if (pg != 0.0) s_.set_alpha(i, std::max(s_.alpha(i) - g / (s_.sq_norm(i) + d), 0.0));
    return std::abs(pg);
  });
}

double LinearSvm::decision(std::size_t row) const { return s_.decision(row); }

}  // namespace prismaflow::screen
