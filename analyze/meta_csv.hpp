// Reads the study-level CSV of `prismaflow meta` (header names fixed):
//   binary      study[,subgroup],events_t,total_t,events_c,total_c
//   continuous  study[,subgroup],mean_t,sd_t,n_t,mean_c,sd_c,n_c
//   generic     study[,subgroup],yi,vi
// Pure: text in, rows out; the CLI reads the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/meta_analysis.hpp"

namespace prismaflow::analyze {

/// Parses `text`; `where` (the file name) prefixes every message.
/// Throws InputError("where:line: ...") for a missing header column, an
/// empty or non-numeric cell, a missing study label or no data rows.
std::vector<MetaStudyInput> parse_meta_csv(std::string_view text, const std::string& where);

}  // namespace prismaflow::analyze
