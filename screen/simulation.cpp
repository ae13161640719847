#include "screen/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "common/error.hpp"
#include "screen/ranking_random.hpp"

namespace prismaflow::screen {
namespace {

std::vector<std::size_t> draw(std::vector<std::size_t> rows, std::size_t k, SplitMix64& rng) {
  rng.shuffle(rows);
  rows.resize(k);
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

SimulationRun simulate(const SparseMatrix& x, const std::vector<bool>& labels,
                       const SimulationOptions& o) {
  if (o.batch == 0) throw UsageError("--batch must be at least 1");
  std::vector<std::size_t> ones, zeros;
  for (std::size_t r = 0; r < labels.size(); ++r) (labels[r] ? ones : zeros).push_back(r);
  if (ones.size() <= o.prior_included || zeros.size() < o.prior_excluded)
    throw InputError("the data set has " + std::to_string(ones.size()) + " included and " +
                     std::to_string(zeros.size()) + " excluded records, too few for " +
                     std::to_string(o.prior_included) + " included and " +
                     std::to_string(o.prior_excluded) +
                     " excluded priors plus one inclusion left to find; lower the priors");

  const auto start = std::chrono::steady_clock::now();
  SimulationRun run;
  run.seed = o.seed;
  SplitMix64 rng(o.seed);
  auto prior_one = draw(ones, o.prior_included, rng);
  auto prior_zero = draw(zeros, o.prior_excluded, rng);
  run.priors = prior_one;
  run.priors.insert(run.priors.end(), prior_zero.begin(), prior_zero.end());

  ActiveLearner learner(x, o.learner);
  std::vector<char> labelled(labels.size(), 0);
  for (std::size_t r : run.priors) {
    learner.label(r, labels[r]);
    labelled[r] = 1;
  }
  // The pool in a seeded random order: picks among ties, and the whole order
  // while the model cannot train yet (priors without both classes).
  std::vector<std::size_t> pool;
  for (std::size_t r = 0; r < labels.size(); ++r)
    if (!labelled[r]) pool.push_back(r);
  rng.shuffle(pool);
  std::size_t remaining_relevant = ones.size() - prior_one.size();

  std::size_t step = 0;
  while (!pool.empty()) {
    if (o.stop_when_all_found && remaining_relevant == 0) {
      for (const Pick& p : learner.rank(pool)) {
        run.order.push_back(p.row);
        run.relevant.push_back(labels[p.row]);
      }
      break;
    }
    if (learner.can_train()) {
      learner.train();
      ++run.retrainings;
    }
    const std::size_t take = std::min(o.batch, pool.size());
    for (std::size_t t = 0; t < take; ++t, ++step) {
      const std::size_t row = learner.can_train() ? learner.next(pool, step).row : pool.front();
      auto it = std::find(pool.begin(), pool.end(), row);
      // Order of the rest does not matter to next(); swap-remove keeps this O(1).
      *it = pool.back();
      pool.pop_back();
      run.order.push_back(row);
      run.relevant.push_back(labels[row]);
      if (labels[row]) --remaining_relevant;
      learner.label(row, labels[row]);
    }
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace prismaflow::screen
