// De-duplication against the review database: loads every record's key, runs
// plan_dedup() with the reviewers' earlier answers (dedup_candidates) and
// existing links, and writes duplicate_links (nothing deleted; undone links
// kept with undone_at), the uncertain pairs, and screening decisions moved to
// the kept record. Every change logs an event. Call inside a db::Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "screen/dedup_clusters.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

/// Two current decisions on one record, stage and reviewer that disagree.
struct DecisionConflict {
  std::int64_t record_id = 0;
  std::string stage, reviewer, decisions;  ///< decisions e.g. "exclude/include"
};

struct DedupRunSummary {
  std::size_t records = 0;
  std::size_t new_links = 0;        ///< duplicates linked by this run
  std::size_t active_links = 0;     ///< duplicates linked in total
  std::size_t review_pending = 0;   ///< uncertain pairs awaiting `dedup review`
  std::size_t decisions_moved = 0;  ///< screening decisions moved to kept records
  std::vector<DecisionConflict> conflicts;
};

/// Runs de-duplication over every record. Idempotent: a second run with the
/// same data changes nothing. `command` names the command in events.
DedupRunSummary run_dedup(db::Database& db, const DedupSettings& settings,
                          const std::string& command = "dedup");

/// Current decisions that conflict (after merges moved them together).
std::vector<DecisionConflict> decision_conflicts(db::Database& db);

/// Which links `undo_dedup` reverses.
struct UndoTarget {
  std::optional<std::int64_t> link_id;
  std::optional<std::int64_t> record_id;  ///< every active link naming this record
  bool all = false;
};

/// Reverses active links: sets undone_at, marks the pair distinct so a later
/// `dedup` keeps them apart, and moves decisions back to the duplicate.
/// Returns how many links were undone; throws InputError if none matched.
std::size_t undo_dedup(db::Database& db, const UndoTarget& target);

/// One pending uncertain pair for review.
struct ReviewPair {
  std::int64_t record_a = 0, record_b = 0;
  double score = 0;
  std::string title_a, title_b, authors_a, authors_b, journal_a, journal_b;
  std::optional<int> year_a, year_b;
  std::string reason;  ///< why it was held, e.g. "issue differs and pages do not match"; "" if unknown
};

/// The pairs awaiting a decision, highest score first.
std::vector<ReviewPair> pending_pairs(db::Database& db);

/// Records a reviewer's answer on a pair ("duplicate" or "distinct"). Throws
/// InputError when the pair is not a candidate.
void decide_pair(db::Database& db, std::int64_t a, std::int64_t b, const std::string& status,
                 const std::string& reviewer);

}  // namespace prismaflow::screen
