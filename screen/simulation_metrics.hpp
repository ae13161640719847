// Metrics of a screening order, as defined in
// ../shared/benchmarks/screening/README.md (Cohen 2006 WSS, RRF, Ferdinands
// 2023 ATD). The order given excludes the prior records, as ASReview-insights
// does by default, so N and every position count only the simulated part.
#pragma once

#include <cstddef>
#include <vector>

namespace prismaflow::screen {

struct ScreeningMetrics {
  std::size_t n_records = 0;   ///< N
  std::size_t n_included = 0;  ///< R
  double wss95 = 0;            ///< % : (N - n95) / N - 5
  double wss100 = 0;           ///< % : (N - n100) / N
  double rrf10 = 0;            ///< % of R found in the first ceil(N/10) records
  std::size_t screened_for_95 = 0;   ///< n(0.95): first i with f(i) >= ceil(0.95 R)
  std::size_t screened_for_100 = 0;  ///< n(1.0): position of the last relevant record
  double atd = 0;  ///< % : mean over relevant records of (position found) / N
  /// found[i] = relevant records among the first i screened, i = 0..N.
  std::vector<std::size_t> found;
};

/// Computes the metrics of `relevant_in_order` (true where the i-th screened
/// record is relevant). Throws InputError when it holds no relevant record.
ScreeningMetrics compute_metrics(const std::vector<bool>& relevant_in_order);

/// n(r) for recall r in (0, 1]: the first position where ceil(r·R) relevant
/// records have been found. `found` as in ScreeningMetrics.
std::size_t records_to_recall(const std::vector<std::size_t>& found, double recall);

}  // namespace prismaflow::screen
