#include "screen/consensus.hpp"

#include <algorithm>
#include <map>

namespace prismaflow::screen {

Consensus consensus_of(const std::vector<DecisionRow>& rows, int reviewers_per_record) {
  Consensus c;
  const DecisionRow* resolution = nullptr;
  const DecisionRow* automation = nullptr;
  // The latest current decision of each reviewer (supersede already keeps one,
  // but rows built by hand or imported twice may hold more).
  std::map<std::string, const DecisionRow*> by_reviewer;
  for (const auto& r : rows) {
    if (r.role == Role::kResolution) {
      if (!resolution || r.decision_id > resolution->decision_id) resolution = &r;
    } else if (r.role == Role::kAutomation) {
      if (r.decision == Decision::kExclude &&
          (!automation || r.decision_id > automation->decision_id)) {
        automation = &r;
      }
    } else {
      auto& slot = by_reviewer[r.reviewer];
      if (!slot || r.decision_id > slot->decision_id) slot = &r;
    }
  }
  if (resolution) {
    c.state = ConsensusState::kFinal;
    c.decision = resolution->decision;
    c.reason = resolution->reason;
    c.by_resolution = true;
    return c;
  }
  if (automation) {
    c.state = ConsensusState::kFinal;
    c.decision = Decision::kExclude;
    c.reason = automation->reason;
    c.by_automation = true;
    return c;
  }
  if (static_cast<int>(by_reviewer.size()) < std::max(1, reviewers_per_record)) {
    c.state = ConsensusState::kPending;
    return c;
  }
  const DecisionRow* first = by_reviewer.begin()->second;
  bool same_decision = std::all_of(by_reviewer.begin(), by_reviewer.end(), [&](const auto& kv) {
    return kv.second->decision == first->decision;
  });
  if (!same_decision) {
    c.state = ConsensusState::kConflict;
    c.conflict = "reviewers disagree";
    return c;
  }
  if (first->decision == Decision::kMaybe) {
    c.state = ConsensusState::kConflict;
    c.conflict = "maybe: needs a decision";
    return c;
  }
  // Full-text exclusion reasons are counted per reason in the PRISMA diagram,
  // so two reviewers excluding for different reasons still need a resolution.
  bool reasons_matter = first->stage == Stage::kFullText && first->decision != Decision::kInclude;
  if (reasons_matter) {
    bool same_reason = std::all_of(by_reviewer.begin(), by_reviewer.end(), [&](const auto& kv) {
      return kv.second->reason == first->reason;
    });
    if (!same_reason) {
      c.state = ConsensusState::kConflict;
      c.conflict = "same decision, different reasons";
      return c;
    }
  }
  c.state = ConsensusState::kFinal;
  c.decision = first->decision;
  c.reason = first->reason;
  return c;
}

}  // namespace prismaflow::screen
