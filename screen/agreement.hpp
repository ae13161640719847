// Inter-rater agreement between two reviewers on the same records: percent
// agreement, Cohen's kappa with its large-sample 95% CI (Fleiss, Cohen &
// Everitt 1969 standard error), and PABAK (Byrt, Bishop & Carlin 1993).
// Pure functions on a square contingency table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "screen/consensus.hpp"

namespace prismaflow::screen {

/// table[i][j] = records rater A put in category i and rater B in j.
using AgreementTable = std::vector<std::vector<std::int64_t>>;

struct Agreement {
  std::int64_t n = 0;
  double percent_agreement = 0;  ///< 100 * observed agreement
  double kappa = 0;              ///< NaN when expected agreement is 1
  double kappa_se = 0;
  double ci_lower = 0, ci_upper = 0;  ///< kappa -/+ 1.96 se, clipped to [-1, 1]
  double pabak = 0;              ///< (k * po - 1) / (k - 1), k = table size
};

/// Agreement statistics of `table` (square, k >= 2). Throws std::invalid_argument
/// when the table is not square or is smaller than 2x2. With n = 0 all are NaN.
Agreement compute_agreement(const AgreementTable& table);

/// One reviewer pair at one stage.
struct PairAgreement {
  Stage stage = Stage::kTitleAbstract;
  std::string reviewer_a, reviewer_b;  ///< a < b
  std::vector<std::string> categories;  ///< row/column labels of `table`
  AgreementTable table;
  Agreement stats;
};

/// Per stage and reviewer pair, from current reviewer-role decisions (other
/// roles are ignored). Categories are include/exclude/maybe, plus
/// not_retrieved at full text. Pairs with no record in common are omitted.
std::vector<PairAgreement> agreement_by_pair(const std::vector<DecisionRow>& rows);

}  // namespace prismaflow::screen
