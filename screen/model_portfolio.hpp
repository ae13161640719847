// `--model auto`: a small portfolio of naive Bayes settings (smoothing and
// class balance), one of which, the leader, ranks the pool. The best setting
// differs per review (ASReview's per-set tuned smoothing runs from 0.03 to 94)
// and no single one fits every benchmark set, so the leader is chosen from
// evidence the review itself has produced: the labels given so far, never the
// labels of unscreened records.
//
// The evidence: each labelled inclusion is held out in turn (its values taken
// out of the inclusions' term sums, cheap for naive Bayes) and placed among
// the scores of today's unlabelled records; a candidate's merit is the mean of
// -log(share of the pool above it). A candidate that would have put the
// inclusions found so far at the top of the pool, had they not been screened,
// ranks it. (Scoring each new inclusion by its rank in every candidate's
// ranking at the moment it was picked favours the leader: it picked that
// record, so it ranked it first.) The default leads until `min_included`
// inclusions exist and whenever no candidate beats it by `margin`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "screen/class_balance.hpp"
#include "screen/naive_bayes.hpp"
#include "screen/ranking_random.hpp"
#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

/// One setting the portfolio may rank with.
struct PortfolioCandidate {
  NaiveBayesOptions naive_bayes;
  BalanceOptions balance;
};

struct PortfolioOptions {
  /// Empty: default_portfolio().
  std::vector<PortfolioCandidate> candidates;
  std::size_t default_candidate = 0;  ///< leads until the evidence says otherwise
  std::size_t min_included = 3;       ///< labelled inclusions before any switch
  /// Merit (mean -log share above) a challenger must gain over the default;
  /// 0.3 is a third of the way from "top 1%" to "top 0.4%" on average.
  double margin = 0.3;
  /// Re-evaluate after every new inclusion, and after this many new labels
  /// otherwise (the pool changes slowly while only exclusions come in).
  std::size_t every = 25;
};

/// The product's candidates, the default first: ASReview's per-set tuned
/// naive Bayes settings (Ferdinands 2023, smoothing and resampled double
/// balance) for nudging, wilson and virus.
std::vector<PortfolioCandidate> default_portfolio();

/// Per-class sums of the labelled rows: per-term feature sums, their totals
/// and the sample counts (index 1 = included).
struct ClassSums {
  std::vector<double> sum[2];
  double total[2] = {0.0, 0.0};
  std::size_t n[2] = {0, 0};
};

/// The naive Bayes log-odds `candidate` gives `row` (counted in `sums` with
/// label `included`) once its own values are taken out of its class's term
/// sums: how it would score had it not been labelled. The class prior and the
/// per-class normalisers stay those of the full `sums`, the ones every
/// unlabelled row is scored with, so the result compares with their scores.
/// Class weights are the expected ones (double_balance), also for a resampling
/// balance.
double held_out_log_odds(const SparseMatrix& x, std::size_t row, bool included,
                         const ClassSums& sums, const PortfolioCandidate& candidate);

/// The share of `sorted_pool` (ascending) above `score`, ties counting one
/// half; 0 for an empty pool.
double share_above(const std::vector<double>& sorted_pool, double score);

/// The leader given each candidate's merit: the best (the lowest index among
/// equals) if it beats the default's merit by more than `margin`, else the default.
std::size_t choose_leader(const std::vector<double>& merit, std::size_t default_candidate,
                          double margin);

class ModelPortfolio {
 public:
  /// `x` is kept by reference and must outlive the portfolio. Empty
  /// options.candidates take default_portfolio(). `seed` drives the resample
  /// of candidates whose balance resamples. Throws UsageError for a default
  /// out of range or a smoothing that is not positive.
  ModelPortfolio(const SparseMatrix& x, PortfolioOptions options, std::uint64_t seed);
  ~ModelPortfolio();
  ModelPortfolio(const ModelPortfolio&) = delete;
  ModelPortfolio& operator=(const ModelPortfolio&) = delete;

  /// Records the label of `row` (each row at most once).
  void label(std::size_t row, bool included);
  /// Re-chooses the leader when due (a new inclusion, or `every` labels since
  /// the last choice), then fits the leader on every label so far. Needs a
  /// label of each class.
  void train();
  /// The leader's log P(included) - log P(excluded) for an unlabelled `row`.
  double log_odds(std::size_t row) const;

  std::size_t leader() const { return leader_; }
  const PortfolioOptions& options() const { return options_; }
  /// Each candidate's merit at the last choice (empty before the first).
  const std::vector<double>& merit() const { return merit_; }
  /// How many times the leader changed.
  std::size_t switches() const { return switches_; }

 private:
  void evaluate();
  void fit(std::size_t k);
  const SparseMatrix& x_;
  PortfolioOptions options_;
  std::vector<std::unique_ptr<NaiveBayes>> models_;
  ClassSums sums_;
  std::vector<std::size_t> included_rows_;
  std::vector<char> labelled_;  // per row of x_
  std::size_t n_labelled_ = 0;
  std::size_t leader_ = 0, switches_ = 0;
  std::size_t evaluated_included_ = 0, evaluated_labels_ = 0;
  std::vector<double> merit_;
  SplitMix64 rng_;
  std::vector<std::uint32_t> copies_[2];
};

}  // namespace prismaflow::screen
