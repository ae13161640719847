// Class balancing for the rare inclusions: ASReview's "double" balance (as
// expected per-class weights or as a seeded resample) and scikit-learn's
// inverse class frequency weights. Every ranking model takes its class weights
// from here, so naive Bayes, logistic regression, the SVM and the model
// portfolio balance the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "screen/naive_bayes.hpp"
#include "screen/ranking_random.hpp"
#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

/// ASReview's "double" balance: inclusions are oversampled and exclusions
/// undersampled by amounts that shrink as screening goes on. Its defaults.
struct BalanceOptions {
  bool enabled = true;
  double a = 2.155, alpha = 0.94, b = 0.789, beta = 1.0;
  /// Naive Bayes only: train on a seeded random resample, as ASReview does
  /// (random rounding of the inclusions' share, whole copies plus a random
  /// remainder of each class), instead of the expected copies of each sample.
  bool resample = false;
  /// Instead of the above: scikit-learn's class_weight="balanced", n / (2 n_c)
  /// per sample of class c, fixed shares (ASReview 2's SVM uses it).
  bool inverse_frequency = false;
  /// With inverse_frequency: inclusions' weight multiplied by this.
  double ratio = 1.0;
};

/// Per-sample weight of each class: the expected number of copies each sample
/// has in ASReview's resampled training set (not random, so runs repeat).
struct ClassWeights {
  double included = 1.0;
  double excluded = 1.0;
};

/// Weights for `n_included` and `n_excluded` labelled samples (both > 0);
/// inverse-frequency weights when options.inverse_frequency.
ClassWeights double_balance(std::size_t n_included, std::size_t n_excluded,
                            const BalanceOptions& options);

/// How many copies of each sample a "double"-balanced resample holds:
/// `copies[1]` for the `n_included` inclusions, `copies[0]` for the
/// `n_excluded` exclusions (both > 0), drawn with `rng`. The resample has
/// n_included + n_excluded samples, at least one inclusion and two exclusions.
void double_balance_sample(std::size_t n_included, std::size_t n_excluded,
                           const BalanceOptions& options, SplitMix64& rng,
                           std::vector<std::uint32_t> (&copies)[2]);

/// Fits `nb` on its `n_included` and `n_excluded` samples balanced by
/// `options`: on a resample drawn with `rng` into `copies` when
/// options.resample (double balance only), else with double_balance's weights.
void fit_balanced(NaiveBayes& nb, const SparseMatrix& x, std::size_t n_included,
                  std::size_t n_excluded, const BalanceOptions& options, SplitMix64& rng,
                  std::vector<std::uint32_t> (&copies)[2]);

}  // namespace prismaflow::screen
