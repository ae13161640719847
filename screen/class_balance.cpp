#include "screen/class_balance.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace prismaflow::screen {

ClassWeights double_balance(std::size_t n_included, std::size_t n_excluded,
                            const BalanceOptions& o) {
  if (!o.enabled || n_included == 0 || n_excluded == 0) return {};
  const double n1 = static_cast<double>(n_included), n0 = static_cast<double>(n_excluded);
  const double n = n1 + n0;
  if (o.inverse_frequency) return {o.ratio * n / (2.0 * n1), n / (2.0 * n0)};
  // ASReview DoubleBalance: weight a·(n1/n0)^-alpha per inclusion and
  // 1 - (1 - b)·(1 + ln n)^-beta per exclusion, shares kept, total size n,
  // at least one inclusion and two exclusions in the sample.
  const double one = o.a * std::pow(n1 / n0, -o.alpha);
  const double zero = 1.0 - (1.0 - o.b) * std::pow(1.0 + std::log(n), -o.beta);
  double n1_train = one * n1 * n / (one * n1 + zero * n0);
  n1_train = std::clamp(n1_train, 1.0, std::max(1.0, n - 2.0));
  const double n0_train = std::max(n - n1_train, 1.0);
  return {n1_train / n1, n0_train / n0};
}

namespace {

// `total` copies spread over `m` samples: whole copies for all, one more for a
// random subset (without replacement) of the remainder's size.
void fill(std::vector<std::uint32_t>& copies, std::size_t m, std::size_t total, SplitMix64& rng) {
  copies.assign(m, static_cast<std::uint32_t>(total / m));
  std::size_t extra = total % m;
  if (extra == 0) return;
  std::vector<std::uint32_t> idx(m);
  std::iota(idx.begin(), idx.end(), 0u);
  for (std::size_t i = 0; i < extra; ++i) {
    std::swap(idx[i], idx[i + rng.below(m - i)]);
    ++copies[idx[i]];
  }
}

}  // namespace

void double_balance_sample(std::size_t n_included, std::size_t n_excluded,
                           const BalanceOptions& o, SplitMix64& rng,
                           std::vector<std::uint32_t> (&copies)[2]) {
  const double n1 = static_cast<double>(n_included), n0 = static_cast<double>(n_excluded);
  const std::size_t n = n_included + n_excluded;
  // ASReview DoubleBalance.sample: the inclusions' expected share (as in
  // double_balance) is rounded up with probability equal to its fraction.
  const double one = o.a * std::pow(n1 / n0, -o.alpha);
  const double zero = 1.0 - (1.0 - o.b) * std::pow(1.0 + std::log(static_cast<double>(n)), -o.beta);
  const double want = one * n1 * static_cast<double>(n) / (one * n1 + zero * n0);
  auto n1_train = static_cast<std::size_t>(std::floor(want));
  const double u = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
  if (u < want - std::floor(want)) ++n1_train;
  n1_train = std::max<std::size_t>(1, std::min(n >= 2 ? n - 2 : 0, n1_train));
  fill(copies[1], n_included, n1_train, rng);
  fill(copies[0], n_excluded, n - n1_train, rng);
}

void fit_balanced(NaiveBayes& nb, const SparseMatrix& x, std::size_t n_included,
                  std::size_t n_excluded, const BalanceOptions& options, SplitMix64& rng,
                  std::vector<std::uint32_t> (&copies)[2]) {
  if (options.enabled && options.resample && !options.inverse_frequency) {
    double_balance_sample(n_included, n_excluded, options, rng, copies);
    nb.fit_sample(x, copies);
    return;
  }
  const ClassWeights w = double_balance(n_included, n_excluded, options);
  nb.fit(w.included, w.excluded);
}

}  // namespace prismaflow::screen
