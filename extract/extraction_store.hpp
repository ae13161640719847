// Extracted data in the review database: outcomes from the protocol, outcome
// rows and risk-of-bias judgements per study. Imports are all-or-nothing: one
// transaction, every row checked against the protocol and the included
// studies first, one event per change.
#pragma once

#include <string>
#include <vector>

#include "common/protocol.hpp"
#include "extract/outcome_data.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::extract {

struct ImportSummary {
  int inserted = 0;
  int updated = 0;
  int unchanged = 0;
};

/// Writes the protocol's [[outcome]]s into the outcomes table (by name).
/// Call inside a transaction.
void sync_outcomes(db::Database& db, const Protocol& protocol);

/// Imports outcome rows. Each row's outcome must be in the protocol, its
/// study must exist (created by `prismaflow study link`) and be included at
/// full text, and its values must fit the outcome's type. Throws InputError
/// naming `where`:line; then nothing is written.
ImportSummary import_outcome_rows(db::Database& db, const Protocol& protocol,
                                  const std::vector<OutcomeRow>& rows, const std::string& where);

/// Imports risk-of-bias rows (same rules for studies).
ImportSummary import_rob_rows(db::Database& db, const std::vector<RiskOfBiasRow>& rows,
                              const std::string& where);

/// Every outcome row (all extractors), ordered by outcome, study, subgroup,
/// time point and extractor. `outcome` "" means all outcomes.
std::vector<OutcomeRow> load_outcome_rows(db::Database& db, const std::string& outcome = "");

/// Every risk-of-bias row ordered by study, extractor and RoB 2 domain order.
std::vector<RiskOfBiasRow> load_rob_rows(db::Database& db);

/// Names of studies with at least one report included at full text.
std::vector<std::string> included_studies(db::Database& db);

/// Throws InputError(where:line) unless `study` is among `included`
/// (included_studies), saying how to include it.
void require_included(const std::vector<std::string>& included, const std::string& study,
                      const std::string& where, std::size_t line);

}  // namespace prismaflow::extract
