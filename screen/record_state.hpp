// Where one record stands in the screening flow, as plain data: its source
// column, whether it was removed before screening (duplicate, deleted,
// automation rule) and the consensus at each stage. Built from the database
// by screening_store, consumed by the queue and by the PRISMA ledger.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "screen/consensus.hpp"

namespace prismaflow::screen {

struct RecordState {
  std::int64_t record_id = 0;
  std::string pmid;
  std::string source;             ///< source name, e.g. "PubMed"
  std::string source_kind;        ///< database | register | other
  int review_version = 1;
  bool duplicate = false;         ///< has an active duplicate link as duplicate_id
  bool deleted = false;           ///< removed for other reasons (retracted, deleted)
  bool rule_excluded = false;     ///< excluded at ta by a [[screening.automation]] rule
  Consensus ta;                   ///< pending when no decision at all
  Consensus ft;
  bool has_ta_decision = false;   ///< any current decision at ta
  bool has_ft_decision = false;   ///< any current decision at ft
  std::optional<std::int64_t> study_id;  ///< study the report is linked to
  bool in_meta_analysis = false;  ///< its study has outcome data
};

/// True when the record enters title/abstract screening (PRISMA "records
/// screened"): not a duplicate, not deleted, not excluded by a rule.
inline bool enters_screening(const RecordState& r) {
  return !r.duplicate && !r.deleted && !r.rule_excluded;
}

/// True when the record is a report sought at full text: it entered
/// screening and its final title/abstract decision is include.
inline bool sought_at_full_text(const RecordState& r) {
  return enters_screening(r) && r.ta.state == ConsensusState::kFinal &&
         r.ta.decision == Decision::kInclude;
}

}  // namespace prismaflow::screen
