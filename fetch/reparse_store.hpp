// `fetch --reparse`: re-reads every archived efetch body of the review (or of
// one run) with the current parser and rewrites the PubMed records it holds,
// with no network. Records keep their ids, so screening decisions stay.
#pragma once

#include <cstdint>
#include <optional>

namespace prismaflow::db {
class Database;
}

namespace prismaflow::fetch {

struct ReparseSummary {
  std::int64_t responses = 0;  ///< efetch bodies read
  std::int64_t updated = 0;    ///< records rewritten
  std::int64_t deleted = 0;    ///< DeleteCitation PMIDs marked deleted
};

/// Re-parses stored efetch bodies of `run_id` (all runs when nullopt) in one
/// transaction. Throws InputError naming the run and response when a stored
/// body no longer parses (nothing is changed then).
ReparseSummary reparse_runs(db::Database& db, std::optional<std::int64_t> run_id);

}  // namespace prismaflow::fetch
