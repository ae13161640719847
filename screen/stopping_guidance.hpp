// When may prioritised screening stop? Two kinds of guidance, never applied:
// a heuristic (at least a share of the records decided and the last N
// decisions all exclusions) and the statistical criterion of
// screen/stopping_criterion.hpp, both over the records of one stage in the
// order they were first decided. The review decides; this only says how far
// each rule is from being met, so that the report can state the rule used.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "screen/consensus.hpp"
#include "screen/record_state.hpp"
#include "screen/stage.hpp"
#include "screen/stopping_criterion.hpp"

namespace prismaflow {
struct Protocol;
namespace db {
class Database;
}
}  // namespace prismaflow

namespace prismaflow::screen {

/// The heuristic fires after at least `min_share_screened` of the stage's
/// records are decided and the last `consecutive_exclusions` of them were
/// all excluded; `statistical` sets the criterion's target and confidence.
struct StoppingOptions {
  double min_share_screened = 0.5;
  std::int64_t consecutive_exclusions = 100;
  StoppingCriterionOptions statistical;
};

/// The records of a stage that have a decision, one entry each, in the
/// order of their first include or exclude decision there: true when any
/// current decision on it is include (a record some reviewer included counts
/// as found, which keeps the criterion conservative); `pool` is the number
/// of records in the stage (title/abstract: those entering screening; full
/// text: those included at title/abstract).
struct StageDecisions {
  std::vector<bool> relevant_in_order;
  std::int64_t pool = 0;
};

/// StageDecisions from every record's state and the current decisions at
/// `stage` (decisions of other stages are ignored).
StageDecisions stage_decisions(const std::vector<RecordState>& states,
                               const std::vector<DecisionRow>& decisions, Stage stage);

/// stage_decisions() read from the database. Throws DbError on failure.
StageDecisions load_stage_decisions(db::Database& db, const Protocol& protocol, Stage stage);

struct StoppingAssessment {
  Stage stage = Stage::kTitleAbstract;
  std::int64_t decided = 0, pool = 0, included = 0;
  std::int64_t trailing_exclusions = 0;  ///< the last decisions that were all exclusions
  bool heuristic_met = false;
  StoppingTest statistical;
  StoppingOptions options;
};

/// Both rules over `decisions`. Throws UsageError for options out of range
/// (a share outside [0, 1], a negative run, a target or confidence outside (0, 1)).
StoppingAssessment assess_stopping(const StageDecisions& decisions, Stage stage,
                                   const StoppingOptions& options = {});

/// "p = 0.044", or "p < 0.001" below that: how the guidance and the report print p.
std::string p_value_text(double p);

/// A share as a whole percentage, "96%".
std::string percent_text(double share);

/// The assessment as sentences for a terminal (guidance, nothing applied).
std::string stopping_guidance_text(const StoppingAssessment& a);

/// The assessment as a JSON object (for `screen stopping --json`).
std::string stopping_guidance_json(const StoppingAssessment& a);

}  // namespace prismaflow::screen
