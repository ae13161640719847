// Fixed-effect pooling straight from 2x2 tables: Mantel-Haenszel (metafor
// rma.mh, OR/RR/RD) and Peto's one-step odds ratio (rma.peto). Both use the
// raw counts of every table, with no continuity correction.
#pragma once

#include <vector>

#include "analyze/meta_analysis.hpp"

namespace prismaflow::analyze {

/// Pooled estimate (analysis scale), its se and the raw weight of each table.
struct TablePooled {
  double estimate = 0, se = 0;
  std::vector<double> weights;  ///< unnormalised, one per table, in input order
  double peto_q = 0;            ///< Peto only: Q = sum (O-E)^2/V - (sum(O-E))^2/sum V
};

/// Mantel-Haenszel estimate of `measure` (RR, OR or RD) with metafor's se
/// (Robins-Breslow-Greenland for OR). Rows must be BinaryCounts.
/// Throws Error when the estimate is undefined (no events in one arm overall).
TablePooled pool_mantel_haenszel(const std::vector<MetaStudyInput>& rows, Measure measure);

/// Peto's log odds ratio. Throws Error when one outcome never occurs.
TablePooled pool_peto(const std::vector<MetaStudyInput>& rows);

}  // namespace prismaflow::analyze
