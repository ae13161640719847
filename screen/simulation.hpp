// `screen simulate`: replays a labelled data set through the active-learning
// loop, as ASReview's simulation mode does. Start from k included and m
// excluded prior records drawn with the seed, then repeatedly train, pick the
// next record by the query strategy, reveal its label, until every record is
// screened. The result is the screening order; metrics come from
// screen/simulation_metrics.hpp with the priors left out of N and positions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "screen/active_learner.hpp"
#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

struct SimulationOptions {
  LearnerOptions learner;
  std::size_t prior_included = 1;
  std::size_t prior_excluded = 1;
  std::uint64_t seed = 42;
  /// Records screened between retrainings: 1 retrains after every decision
  /// (ASReview's n_instances=1).
  std::size_t batch = 1;
  /// Stop retraining once every relevant record is found and screen the rest
  /// in the last model's order. No metric can change after that point, so
  /// this only saves time; false replays to the very end.
  bool stop_when_all_found = false;
};

struct SimulationRun {
  std::uint64_t seed = 0;
  std::vector<std::size_t> priors;  ///< rows used as prior knowledge
  std::vector<std::size_t> order;   ///< every other row, in screening order
  std::vector<bool> relevant;       ///< label of order[i]
  std::size_t retrainings = 0;
  double seconds = 0;               ///< wall time of the loop (features excluded)
};

/// Replays `labels` (one per row of `x`). Throws InputError when the data set
/// has fewer than prior_included + 1 inclusions or fewer than prior_excluded
/// exclusions, UsageError when batch is 0.
SimulationRun simulate(const SparseMatrix& x, const std::vector<bool>& labels,
                       const SimulationOptions& options);

}  // namespace prismaflow::screen
