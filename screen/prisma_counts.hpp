// The counts of the PRISMA 2020 flow diagram as plain data: computed from the
// database by the ledger (screen/prisma_ledger*), checked by its identities,
// written as JSON/CSV with the PRISMA2020 R package's field names, and drawn
// by report/. Field names follow that package (../shared/docs/prisma2020.md §3.6).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace prismaflow::screen {

/// A labelled count: a database, a register, an exclusion reason.
struct NamedCount {
  std::string name;
  std::int64_t n = 0;
};

struct PrismaCounts {
  /// Updated review (templates 3/4): a previous version's studies exist.
  bool updated_review = false;
  /// Other methods were used (templates 2/4): websites, organisations, citations.
  bool other_methods = false;

  std::int64_t previous_studies = 0;
  std::int64_t previous_reports = 0;

  // Identification via databases and registers.
  std::vector<NamedCount> databases;  ///< database_specific_results
  std::vector<NamedCount> registers;  ///< register_specific_results
  std::int64_t database_results = 0;
  std::int64_t register_results = 0;

  // Identification via other methods.
  std::int64_t website_results = 0;
  std::int64_t organisation_results = 0;
  std::int64_t citations_results = 0;
  std::vector<NamedCount> other_sources;  ///< each other-methods source by name

  // Removed before screening.
  std::int64_t duplicates = 0;
  std::int64_t excluded_automatic = 0;  ///< marked ineligible by automation tools
  std::int64_t excluded_other = 0;      ///< removed for other reasons (e.g. retracted, deleted)

  // Title/abstract screening.
  std::int64_t records_screened = 0;
  std::int64_t records_excluded = 0;  ///< human + automation at screening
  std::int64_t records_excluded_human = 0;
  std::int64_t records_excluded_automation = 0;

  // Full text, databases and registers column.
  std::int64_t dbr_sought_reports = 0;
  std::int64_t dbr_notretrieved_reports = 0;
  std::int64_t dbr_assessed = 0;
  std::vector<NamedCount> dbr_excluded;  ///< reports excluded per reason

  // Full text, other methods column.
  std::int64_t other_sought_reports = 0;
  std::int64_t other_notretrieved_reports = 0;
  std::int64_t other_assessed = 0;
  std::vector<NamedCount> other_excluded;

  // Included. For a new review new_* = total_*.
  std::int64_t new_studies = 0;
  std::int64_t new_reports = 0;
  std::int64_t total_studies = 0;
  std::int64_t total_reports = 0;
  /// Studies and reports in at least one meta-analysis (R package extension).
  std::int64_t total_studies_ma = 0;
  std::int64_t total_reports_ma = 0;
};

}  // namespace prismaflow::screen
