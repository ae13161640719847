// The PRISMA 2020 ledger: every count of the flow diagram computed from the
// screening state of each record, never typed. compute_counts() is pure (plain
// rows in, counts out, tested with hand-made rows); compute_prisma_counts()
// reads the database (prisma_ledger_store.cpp).
//
// Columns: records from sources of kind database/register form the
// "databases and registers" column; kind 'other' forms "other methods"
// (classified by source name into websites / organisations / citation
// searching). For an updated review (records of review_version > 1) the
// columns hold the newest version's records only and the records of earlier
// versions give previous_studies / previous_reports.
#pragma once

#include <string>
#include <vector>

#include "common/protocol.hpp"
#include "screen/prisma_counts.hpp"
#include "screen/record_state.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

/// Which other-methods box a source named `name` feeds: "citations" when the
/// name mentions citation/reference/snowball, "organisations" for
/// organi[sz]ation, otherwise "websites".
std::string other_method_box(const std::string& source_name);

/// The counts from `records` (pure). Unknown exclusion reasons are listed as
/// "(no reason given)".
PrismaCounts compute_counts(const std::vector<RecordState>& records);

/// The counts of the review in `db`. Reads only.
PrismaCounts compute_prisma_counts(db::Database& db, const Protocol& protocol);

}  // namespace prismaflow::screen
