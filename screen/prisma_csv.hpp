// The PRISMA 2020 counts as JSON and as the PRISMA2020 R package's CSV
// (columns data,node,box,description,boxtext,tooltips,url,n; field names as
// in ../shared/docs/prisma2020.md §3.6), so the counts can be drawn by that
// package or its Shiny app unchanged. Pure.
#pragma once

#include <string>
#include <vector>

#include "screen/prisma_check.hpp"
#include "screen/prisma_counts.hpp"

namespace prismaflow::screen {

/// "Name1, n1; Name2, n2" as the package writes lists.
std::string format_named_counts(const std::vector<NamedCount>& counts);

/// One JSON object keyed by the package's field names; lists
/// (database_specific_results, register_specific_results, dbr_excluded,
/// other_excluded, other_sources) as arrays of {"name","n"}; plus
/// records_excluded_human, records_excluded_automation, updated_review and
/// other_methods. Pretty-printed with a final newline.
std::string prisma_json(const PrismaCounts& counts);

/// The package's CSV with our counts in column n.
std::string prisma_csv(const PrismaCounts& counts);

/// Human-readable text of `violations` (one paragraph each, records listed).
std::string format_violations(const std::vector<Violation>& violations);

}  // namespace prismaflow::screen
