// Screening decisions in the review database. Every decision is one row; a
// reviewer's later decision on the same record and stage supersedes the
// earlier one (superseded = 1, kept for the audit trail and for undo). Each
// write logs an event in the same transaction, and a single decision commits
// on its own, so a crash loses at most the decision being typed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/protocol.hpp"
#include "screen/consensus.hpp"
#include "screen/record_state.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

/// A decision to store.
struct NewDecision {
  std::int64_t record_id = 0;
  Stage stage = Stage::kTitleAbstract;
  std::string reviewer;
  Role role = Role::kReviewer;
  Decision decision = Decision::kMaybe;
  std::string reason;      ///< exclusion or not-retrieved reason; "" when none
  std::string note;
  std::string decided_at;  ///< ISO 8601 UTC; "" means now
};

struct WriteResult {
  std::int64_t decision_id = 0;
  bool reason_added = false;  ///< the reason was new and stored with origin 'added'
  bool unchanged = false;     ///< the same decision was already current: nothing written
};

/// Checks `d` against the rules of a decision: the record exists, the reviewer
/// is named, not_retrieved only at full text, a full-text exclusion or
/// not_retrieved names a reason, full text only after a title/abstract
/// inclusion. Returns the problem ("" when none); reads only.
std::string validate_decision(db::Database& db, const Protocol& protocol, const NewDecision& d);

/// Stores `d` inside the caller's open db::Transaction (for bulk imports):
/// supersedes the same reviewer's (and role's) current decision on the
/// record and stage, adds an unknown reason as 'added', logs an event.
/// A decision identical to the current one is a no-op (re-imports).
/// Throws InputError with validate_decision's message when invalid.
WriteResult write_decision(db::Database& db, const Protocol& protocol, const NewDecision& d,
                           std::string_view command);

/// write_decision in its own transaction, committed before returning.
WriteResult record_decision(db::Database& db, const Protocol& protocol, const NewDecision& d,
                            std::string_view command);

/// Undoes `reviewer`'s most recent current decision at `stage`: it becomes
/// superseded and the decision it had replaced, if any, is current again.
/// Returns the record id, or nullopt when there is nothing to undo.
std::optional<std::int64_t> undo_last_decision(db::Database& db, Stage stage,
                                               std::string_view reviewer, std::string_view command);

/// Inserts the protocol's exclusion reasons (origin 'protocol') that are not
/// stored yet. Call inside a transaction.
void sync_protocol_reasons(db::Database& db, const Protocol& protocol);

/// Current (not superseded) decisions, optionally of one stage, by record
/// then decision id.
std::vector<DecisionRow> current_decisions(db::Database& db, std::optional<Stage> stage = {});

/// Every record with its screening state (see record_state.hpp), record_id order.
std::vector<RecordState> load_record_states(db::Database& db, const Protocol& protocol);

/// Record ids awaiting a decision by `reviewer` at `stage`, in record_id
/// order: records that enter screening (no duplicates, deleted or
/// rule-excluded records), whose consensus is still pending (fewer than
/// reviewers_per_record reviewers) and which `reviewer` has not decided; at
/// full text only records whose title/abstract consensus is include.
std::vector<std::int64_t> records_awaiting(db::Database& db, const Protocol& protocol,
                                           Stage stage, std::string_view reviewer);

/// Records at `stage` whose consensus is a conflict, with their decisions.
struct Conflict {
  std::int64_t record_id = 0;
  std::string why;
  std::vector<DecisionRow> decisions;
};
std::vector<Conflict> list_conflicts(db::Database& db, const Protocol& protocol, Stage stage);

/// The record with this PMID (or normalised DOI), preferring one that is not
/// a duplicate, then the lowest id; nullopt when none has it.
std::optional<std::int64_t> find_record_by_pmid(db::Database& db, std::string_view pmid);
std::optional<std::int64_t> find_record_by_doi(db::Database& db, std::string_view doi);
bool record_exists(db::Database& db, std::int64_t record_id);

}  // namespace prismaflow::screen
