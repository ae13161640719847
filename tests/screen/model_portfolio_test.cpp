// --model auto: the held-out evidence, the choice of leader, and that the
// choice depends on the labels given so far only.
#include "screen/model_portfolio.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "screen/active_learner.hpp"
#include "screen/tfidf.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::screen {
namespace {

SparseMatrix matrix(std::size_t n_cols, const std::vector<std::vector<std::pair<std::uint32_t, double>>>& rows) {
  SparseMatrix x;
  x.n_cols = n_cols;
  for (const auto& row : rows) {
    for (auto [c, v] : row) {
      x.col.push_back(c);
      x.value.push_back(v);
    }
    x.row_start.push_back(x.col.size());
  }
  return x;
}

TEST(ModelPortfolio, HeldOutLogOddsTakesTheRowOutOfItsClassOnly) {
  // Rows 0 and 1 included, row 2 excluded; three terms.
  const SparseMatrix x = matrix(3, {{{0, 1.0}, {1, 2.0}}, {{0, 3.0}}, {{1, 1.0}, {2, 4.0}}});
  ClassSums s;
  s.sum[1] = {4.0, 2.0, 0.0};
  s.sum[0] = {0.0, 1.0, 4.0};
  s.total[1] = 6.0;
  s.total[0] = 5.0;
  s.n[1] = 2;
  s.n[0] = 1;
  PortfolioCandidate c;
  c.naive_bayes.alpha = 0.5;
  c.balance.enabled = false;  // unit weights: the formula by hand
  const double a = 0.5, av = 1.5;
  // Row 0 held out: inclusions' sums become {3, 0, 0}; prior and normalisers stay.
  const double row0 = 1.0 * (std::log(3.0 + a) - std::log(0.0 + a)) +
                      2.0 * (std::log(0.0 + a) - std::log(1.0 + a)) +
                      3.0 * (std::log(5.0 + av) - std::log(6.0 + av)) + std::log(2.0) - std::log(1.0);
  EXPECT_NEAR(held_out_log_odds(x, 0, true, s, c), row0, 1e-12);
  // Row 2 held out: exclusions' sums become {0, 0, 0}.
  const double row2 = 1.0 * (std::log(2.0 + a) - std::log(0.0 + a)) +
                      4.0 * (std::log(0.0 + a) - std::log(0.0 + a)) +
                      5.0 * (std::log(5.0 + av) - std::log(6.0 + av)) + std::log(2.0) - std::log(1.0);
  EXPECT_NEAR(held_out_log_odds(x, 2, false, s, c), row2, 1e-12);
}

TEST(ModelPortfolio, ShareAboveCountsTiesAsHalf) {
  const std::vector<double> pool = {-2.0, -1.0, 0.0, 0.0, 3.0};
  const struct { double score, share; } cases[] = {
      {5.0, 0.0}, {3.0, 0.1}, {1.0, 0.2}, {0.0, 0.4}, {-1.5, 0.8}, {-9.0, 1.0}};
  for (const auto& k : cases) EXPECT_DOUBLE_EQ(share_above(pool, k.score), k.share) << k.score;
  EXPECT_EQ(share_above({}, 1.0), 0.0);
}

TEST(ModelPortfolio, TheDefaultLeadsUnlessBeatenByTheMargin) {
  EXPECT_EQ(choose_leader({1.0, 1.2, 0.5}, 0, 0.3), 0u);
  EXPECT_EQ(choose_leader({1.0, 1.4, 0.5}, 0, 0.3), 1u);
  EXPECT_EQ(choose_leader({1.0, 1.4, 1.4}, 0, 0.3), 1u);  // equals: the lower index
  EXPECT_EQ(choose_leader({2.0, 1.0, 0.5}, 2, 0.3), 0u);
  EXPECT_EQ(choose_leader({}, 1, 0.3), 1u);
}

// Two topics of 40 records each, 8 relevant records sharing a vocabulary of
// their own; term counts vary so that scores do not tie.
std::vector<std::string> documents(std::vector<bool>& labels) {
  const char* noise[] = {"river", "sediment", "poetry", "solar", "football", "bee", "glacier",
                         "violin", "harbour", "orchard"};
  std::vector<std::string> docs;
  for (int i = 0; i < 80; ++i) {
    const bool relevant = i % 10 == 3;
    std::string d = relevant ? "statin cholesterol trial heart " : "";
    for (int k = 0; k < 3; ++k) d += std::string(noise[(i * 7 + k * 3) % 10]) + " ";
    if (relevant && i % 20 == 3) d += "lipid ";
    if (!relevant && i % 4 == 0) d += "heart ";
    docs.push_back(d + "record" + std::to_string(i % 13));
    labels.push_back(relevant);
  }
  return docs;
}

TEST(ModelPortfolio, AClearlyBetterCandidateTakesTheLead) {
  std::vector<bool> labels;
  const TfidfFeatures f = tfidf(documents(labels));
  PortfolioOptions o;
  // The default is smoothed so heavily (and inclusions weighted so little)
  // that it barely tells records apart; the challenger is an ordinary model.
  PortfolioCandidate blunt;
  blunt.naive_bayes.alpha = 1e6;
  blunt.balance.inverse_frequency = true;
  blunt.balance.ratio = 1e-6;
  PortfolioCandidate sharp;
  sharp.naive_bayes.alpha = 0.1;
  o.candidates = {blunt, sharp};
  o.margin = 0.1;
  ModelPortfolio p(f.matrix, o, 1);
  // Before three inclusions the default leads whatever the evidence.
  p.label(3, true);
  p.label(0, false);
  p.label(1, false);
  p.train();
  EXPECT_EQ(p.leader(), 0u);
  EXPECT_TRUE(p.merit().empty());
  for (std::size_t r : {13u, 23u, 2u, 4u}) p.label(r, labels[r]);
  p.train();
  ASSERT_EQ(p.merit().size(), 2u);
  EXPECT_GT(p.merit()[1], p.merit()[0] + 0.1);
  EXPECT_EQ(p.leader(), 1u);
  EXPECT_EQ(p.switches(), 1u);
  // It ranks the hidden relevant records first.
  std::vector<std::pair<double, std::size_t>> pool;
  for (std::size_t r = 0; r < labels.size(); ++r)
    if (r != 3 && r != 0 && r != 1 && r != 13 && r != 23 && r != 2 && r != 4)
      pool.push_back({-p.log_odds(r), r});
  std::sort(pool.begin(), pool.end());
  for (std::size_t k = 0; k < 5; ++k) EXPECT_TRUE(labels[pool[k].second]) << k;
  PortfolioOptions bad = o;
  bad.default_candidate = 2;
  EXPECT_THROW_MSG(ModelPortfolio(f.matrix, bad, 1), UsageError, "out of range");
}

// Replays `labels` with --model auto from fixed priors, as simulate() does;
// returns the screening order, and the portfolio's merits at the end.
std::vector<std::size_t> replay(const SparseMatrix& x, const std::vector<bool>& labels,
                                std::vector<double>* merit = nullptr) {
  LearnerOptions o;
  o.model = ModelKind::kAuto;
  o.seed = 5;
  ActiveLearner learner(x, o);
  std::vector<std::size_t> pool;
  for (std::size_t r = 0; r < labels.size(); ++r)
    if (r != 3 && r != 0) pool.push_back(r);
  learner.label(3, labels[3]);
  learner.label(0, labels[0]);
  std::vector<std::size_t> order;
  for (std::size_t step = 0; !pool.empty(); ++step) {
    learner.train();
    const std::size_t row = learner.next(pool, step).row;
    pool.erase(std::find(pool.begin(), pool.end(), row));
    order.push_back(row);
    learner.label(row, labels[row]);
  }
  if (merit) *merit = learner.portfolio()->merit();
  return order;
}

TEST(ModelPortfolio, ReplayNeverReadsTheLabelsOfRecordsNotYetScreened) {
  std::vector<bool> labels;
  const TfidfFeatures f = tfidf(documents(labels));
  std::vector<double> merit;
  const std::vector<std::size_t> order = replay(f.matrix, labels, &merit);
  EXPECT_EQ(merit.size(), default_portfolio().size());  // the portfolio did choose
  EXPECT_EQ(replay(f.matrix, labels), order);           // deterministic
  // Keep the labels of the priors and of the first 5 records screened;
  // permute every other label among the rest. The first 6 picks cannot change.
  const std::size_t k = 5;
  std::vector<bool> shuffled = labels;
  const std::vector<std::size_t> hidden(order.begin() + k, order.end());
  std::vector<bool> values;
  for (std::size_t r : hidden) values.push_back(labels[r]);
  std::rotate(values.begin(), values.begin() + 3, values.end());
  for (std::size_t i = 0; i < hidden.size(); ++i) shuffled[hidden[i]] = values[i];
  ASSERT_NE(shuffled, labels);
  const std::vector<std::size_t> other = replay(f.matrix, shuffled);
  EXPECT_TRUE(std::equal(order.begin(), order.begin() + k + 1, other.begin()));
  EXPECT_NE(other, order);  // the permuted labels do matter once revealed
}

}  // namespace
}  // namespace prismaflow::screen
