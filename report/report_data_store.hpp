// Loads ReportData from the review database: search log, imports, the PRISMA
// ledger's counts, included studies and their reports, risk of bias, and the
// stored analyses (analyses.result_json, the `prismaflow meta --json` object
// with its sensitivity analyses). Reads only; never writes.
#pragma once

#include <string>

#include "common/protocol.hpp"
#include "report/report_data.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::report {

/// SHA-256 over a canonical dump of every table (rows ordered by all
/// columns, values in SQLite's quote() form), so equal content gives an
/// equal hash whatever the file's page layout.
std::string database_content_sha256(db::Database& db);

/// Everything the report shows. Throws DbError naming the analysis when a
/// stored result_json cannot be read.
ReportData load_report_data(db::Database& db, const Protocol& protocol);

}  // namespace prismaflow::report
