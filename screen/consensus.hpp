// The final decision on one record at one stage, from its current (not
// superseded) decisions: a resolution decision wins; otherwise the configured
// number of reviewers must have decided and agree. Pure functions on plain
// rows, so the rules are tested with values and shared by `screen conflicts`,
// the screening queue and the PRISMA ledger.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "screen/decision.hpp"
#include "screen/stage.hpp"

namespace prismaflow::screen {

/// One current decision as stored in screening_decisions.
struct DecisionRow {
  std::int64_t decision_id = 0;
  std::int64_t record_id = 0;
  Stage stage = Stage::kTitleAbstract;
  std::string reviewer;
  Role role = Role::kReviewer;
  Decision decision = Decision::kMaybe;
  std::string reason;
  std::string note;
  std::string decided_at;
};

enum class ConsensusState {
  kPending,   ///< fewer reviewers than reviewers_per_record have decided
  kFinal,     ///< decided: `decision` (and `reason`) hold
  kConflict,  ///< reviewers disagree, or all said maybe: needs `screen resolve`
};

struct Consensus {
  ConsensusState state = ConsensusState::kPending;
  Decision decision = Decision::kMaybe;
  std::string reason;
  bool by_automation = false;  ///< final because an automation rule excluded it
  bool by_resolution = false;
  std::string conflict;  ///< why it is a conflict, for `screen conflicts`
};

/// The consensus of `rows` (all current decisions on ONE record at ONE stage,
/// any order). Rules, in order: the latest resolution decision is final; an
/// automation exclusion is final; then reviewer decisions by distinct
/// reviewers: fewer than `reviewers_per_record` -> pending; all the same
/// decision other than maybe (and, at full text, the same exclusion reason)
/// -> final; otherwise a conflict.
Consensus consensus_of(const std::vector<DecisionRow>& rows, int reviewers_per_record);

}  // namespace prismaflow::screen
