// The active-learning loop's parts, as in ASReview's classic configuration:
// a classifier (naive Bayes, logistic regression or a linear SVM) trained on the labelled
// rows of a TF-IDF matrix, "double" class balancing for the rare inclusions,
// and a query strategy that takes the most relevant rows first ("max"), with
// an optional share of the least certain ones mixed in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "screen/class_balance.hpp"
#include "screen/linear_svm.hpp"
#include "screen/logistic_regression.hpp"
#include "screen/model_portfolio.hpp"
#include "screen/naive_bayes.hpp"
#include "screen/ranking_random.hpp"
#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

/// kEnsemble scores each row by the sum of naive Bayes' and logistic
/// regression's standardised scores; kSvm ranks by the SVM's decision value;
/// kAuto ranks with the leader of a portfolio of naive Bayes settings, chosen
/// on the review's own labels (screen/model_portfolio.hpp).
enum class ModelKind { kNaiveBayes, kLogistic, kEnsemble, kSvm, kAuto };

/// "nb", "logistic", "ensemble", "svm" or "auto"; throws UsageError naming the accepted values otherwise.
ModelKind parse_model(std::string_view name);
std::string_view model_name(ModelKind kind);

struct LearnerOptions {
  ModelKind model = ModelKind::kNaiveBayes;
  NaiveBayesOptions naive_bayes;
  LogisticOptions logistic;
  SvmOptions svm;
  BalanceOptions balance;
  PortfolioOptions portfolio;    ///< kAuto's candidates and switching rule
  double uncertain_share = 0.0;  ///< in [0, 1); see ActiveLearner::rank
  std::uint64_t seed = 0;        ///< seeds the resampling of BalanceOptions::resample
};

/// A row chosen by the query strategy and its predicted probability of inclusion.
struct Pick {
  std::size_t row;
  double probability;
  bool uncertain = false;
};

class ActiveLearner {
 public:
  /// `x` is kept by reference and must outlive the learner. Throws UsageError
  /// when uncertain_share is outside [0, 1).
  ActiveLearner(const SparseMatrix& x, const LearnerOptions& options);
  ~ActiveLearner();
  ActiveLearner(const ActiveLearner&) = delete;
  ActiveLearner& operator=(const ActiveLearner&) = delete;

  /// Records the label of `row` (each row at most once).
  void label(std::size_t row, bool included);
  /// True once there is at least one inclusion and one exclusion.
  bool can_train() const { return n_included_ > 0 && n_excluded_ > 0; }
  /// Refits the model on every label so far. Requires can_train().
  void train();
  /// P(included) for `row` under the last train(); 0 before training is possible.
  /// Meant for rows not labelled: a labelled row's naive Bayes score may use
  /// stale weights of terms no unlabelled row has (NaiveBayes::track_unlabelled).
  double probability(std::size_t row) const;
  /// log P(included) - log P(excluded) for `row`, the ranking key; 0 before training.
  double log_odds(std::size_t row) const;

  /// The whole `pool` in screening order: by probability, highest first, except
  /// that pick k (0-based) is the least certain remaining row when
  /// floor((k+1)·share) > floor(k·share). Ties keep the pool's order.
  std::vector<Pick> rank(const std::vector<std::size_t>& pool) const;

  /// The next row to screen from `pool` (non-empty) when `step` rows were
  /// picked before: rank(pool)[0] computed in one pass.
  Pick next(const std::vector<std::size_t>& pool, std::size_t step) const;

  /// kAuto's portfolio (its current leader and merits); null for other models.
  const ModelPortfolio* portfolio() const { return portfolio_.get(); }

 private:
  bool uncertain_turn(std::size_t k) const;
  void standardise();
  double to_probability(double log_odds) const;
  const SparseMatrix& x_;
  LearnerOptions options_;
  std::unique_ptr<NaiveBayes> nb_;
  std::unique_ptr<LogisticRegression> logistic_;
  std::unique_ptr<LinearSvm> svm_;
  std::unique_ptr<ModelPortfolio> portfolio_;
  std::size_t n_included_ = 0, n_excluded_ = 0;
  SplitMix64 rng_;
  std::vector<std::uint32_t> copies_[2];
  // kEnsemble: each model's score is (s - mean) / sd over every row of x_.
  double nb_mean_ = 0, nb_scale_ = 1, lr_mean_ = 0, lr_scale_ = 1;
};

}  // namespace prismaflow::screen
