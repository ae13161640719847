#include "screen/active_learner.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/error.hpp"

namespace prismaflow::screen {

ModelKind parse_model(std::string_view name) {
  if (name == "nb" || name == "naive-bayes") return ModelKind::kNaiveBayes;
  if (name == "logistic" || name == "lr") return ModelKind::kLogistic;
  if (name == "ensemble" || name == "nb+logistic") return ModelKind::kEnsemble;
  if (name == "svm" || name == "linear-svm") return ModelKind::kSvm;
  if (name == "auto") return ModelKind::kAuto;
  throw UsageError("unknown model '" + std::string(name) +
                   "'; use nb (naive Bayes), logistic (logistic regression), ensemble (both), "
                   "svm (linear support vector machine) or auto (naive Bayes settings chosen "
                   "on the review's own labels)");
}

std::string_view model_name(ModelKind kind) {
  switch (kind) {
    case ModelKind::kNaiveBayes: return "nb";
    case ModelKind::kLogistic: return "logistic";
    case ModelKind::kEnsemble: return "ensemble";
    case ModelKind::kSvm: return "svm";
    case ModelKind::kAuto: return "auto";
  }
  return "nb";
}

ActiveLearner::ActiveLearner(const SparseMatrix& x, const LearnerOptions& options)
    : x_(x), options_(options), rng_(options.seed ^ 0xB1A5CEDull) {
  if (!(options.uncertain_share >= 0.0 && options.uncertain_share < 1.0))
    throw UsageError("the share of uncertain picks must be in [0, 1), e.g. 0.1");
  const ModelKind m = options.model;
  if (m == ModelKind::kNaiveBayes || m == ModelKind::kEnsemble)
    nb_ = std::make_unique<NaiveBayes>(x.n_cols, options.naive_bayes);
  // Only unlabelled rows are ranked: retrains skip terms no such row has.
  if (nb_) nb_->track_unlabelled(x);
  if (m == ModelKind::kLogistic || m == ModelKind::kEnsemble)
    logistic_ = std::make_unique<LogisticRegression>(x, options.logistic);
  if (m == ModelKind::kSvm) svm_ = std::make_unique<LinearSvm>(x, options.svm);
  if (m == ModelKind::kAuto)
    portfolio_ = std::make_unique<ModelPortfolio>(x, options.portfolio, options.seed);
}

ActiveLearner::~ActiveLearner() = default;

void ActiveLearner::label(std::size_t row, bool included) {
  if (nb_) nb_->add(x_, row, included);
  if (logistic_) logistic_->add(row, included);
  if (svm_) svm_->add(row, included);
  if (portfolio_) portfolio_->label(row, included);
  ++(included ? n_included_ : n_excluded_);
}

void ActiveLearner::train() {
  if (nb_) fit_balanced(*nb_, x_, n_included_, n_excluded_, options_.balance, rng_, copies_);
  if (logistic_) {
    const ClassWeights w = double_balance(n_included_, n_excluded_, options_.balance);
    logistic_->fit(w.included, w.excluded);
  }
  if (svm_) {
    const ClassWeights w = double_balance(n_included_, n_excluded_, options_.balance);
    svm_->fit(w.included, w.excluded);
  }
  if (portfolio_) portfolio_->train();
  if (nb_ && logistic_) standardise();
}

void ActiveLearner::standardise() {
  // The two scores live on different scales (naive Bayes log-odds are far
  // too confident); z-scores over the whole corpus make their sum fair.
  const std::size_t n = x_.rows();
  double s1 = 0, s2 = 0, l1 = 0, l2 = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const double a = nb_->log_odds(x_, r), b = logistic_->decision(r);
    s1 += a, s2 += a * a, l1 += b, l2 += b * b;
  }
  const double dn = static_cast<double>(std::max<std::size_t>(n, 1));
  nb_mean_ = s1 / dn;
  lr_mean_ = l1 / dn;
  const double nb_sd = std::sqrt(std::max(s2 / dn - nb_mean_ * nb_mean_, 0.0));
  const double lr_sd = std::sqrt(std::max(l2 / dn - lr_mean_ * lr_mean_, 0.0));
  nb_scale_ = nb_sd > 0 ? 1.0 / nb_sd : 1.0;
  lr_scale_ = lr_sd > 0 ? 1.0 / lr_sd : 1.0;
}

double ActiveLearner::log_odds(std::size_t row) const {
  if (!can_train()) return 0.0;
  if (nb_ && logistic_)
    return (nb_->log_odds(x_, row) - nb_mean_) * nb_scale_ +
           (logistic_->decision(row) - lr_mean_) * lr_scale_;
  if (svm_) return svm_->decision(row);
  if (portfolio_) return portfolio_->log_odds(row);
  return nb_ ? nb_->log_odds(x_, row) : logistic_->decision(row);
}

double ActiveLearner::probability(std::size_t row) const {
  return can_train() ? sigmoid(log_odds(row)) : 0.0;
}

double ActiveLearner::to_probability(double log_odds) const {
  return can_train() ? sigmoid(log_odds) : 0.0;
}

bool ActiveLearner::uncertain_turn(std::size_t k) const {
  const double s = options_.uncertain_share;
  if (s <= 0.0) return false;
  const auto kd = static_cast<double>(k);
  return std::floor((kd + 1.0) * s) > std::floor(kd * s);
}

std::vector<Pick> ActiveLearner::rank(const std::vector<std::size_t>& pool) const {
  // Sorted by log-odds: probabilities of confident rows round to exactly 1.0 and would tie.
  std::vector<double> p(pool.size());
  for (std::size_t i = 0; i < pool.size(); ++i) p[i] = log_odds(pool[i]);
  std::vector<std::size_t> by_relevance(pool.size());
  std::iota(by_relevance.begin(), by_relevance.end(), std::size_t{0});
  std::stable_sort(by_relevance.begin(), by_relevance.end(),
                   [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
  std::vector<Pick> out;
  out.reserve(pool.size());
  if (options_.uncertain_share <= 0.0) {
    for (std::size_t i : by_relevance) out.push_back({pool[i], to_probability(p[i]), false});
    return out;
  }
  std::vector<std::size_t> by_doubt = by_relevance;
  std::stable_sort(by_doubt.begin(), by_doubt.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(p[a]) < std::abs(p[b]);
  });
  std::vector<char> used(pool.size(), 0);
  std::size_t r = 0, d = 0;
  for (std::size_t k = 0; k < pool.size(); ++k) {
    const bool doubt = uncertain_turn(k);
    std::vector<std::size_t>& list = doubt ? by_doubt : by_relevance;
    std::size_t& at = doubt ? d : r;
    while (used[list[at]]) ++at;
    const std::size_t i = list[at];
    used[i] = 1;
    out.push_back({pool[i], to_probability(p[i]), doubt});
  }
  return out;
}

Pick ActiveLearner::next(const std::vector<std::size_t>& pool, std::size_t step) const {
  const bool doubt = uncertain_turn(step);
  std::size_t best = pool.front();
  double best_score = log_odds(best);
  double best_key = doubt ? -std::abs(best_score) : best_score;
  for (std::size_t i = 1; i < pool.size(); ++i) {
    const double score = log_odds(pool[i]);
    const double key = doubt ? -std::abs(score) : score;
    if (key > best_key) {
      best = pool[i];
      best_score = score;
      best_key = key;
    }
  }
  return {best, to_probability(best_score), doubt};
}

}  // namespace prismaflow::screen
