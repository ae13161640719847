// Writing a file of parsed decisions into the review: every row's record is
// looked up (record_id, else PMID, else DOI) and every decision validated
// inside ONE transaction, so a bad row aborts the whole file and nothing of
// it is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/protocol.hpp"
#include "screen/decision_csv.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

struct ImportSummary {
  std::int64_t written = 0;
  std::int64_t unchanged = 0;  ///< identical to the current decision (re-import)
  std::vector<std::string> reasons_added;
};

/// Stores `decisions` read from `where`. Throws InputError("where:line: ...")
/// for an unknown record or an invalid decision; the database is then unchanged.
ImportSummary import_decisions(db::Database& db, const Protocol& protocol,
                               const std::vector<ParsedDecision>& decisions,
                               const std::string& where, const std::string& command);

/// Every current reviewer and resolution decision as the decision CSV
/// (header included), by record then decision id. Automation decisions are
/// left out: `screen automate` re-derives them.
std::string export_decisions_csv(db::Database& db);

}  // namespace prismaflow::screen
