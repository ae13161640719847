// From extracted outcome rows to the meta-analysis engine's input: the agreed
// row per study (extract/extraction_validate.hpp) in the shape of the
// outcome's type; generic rows give yi/vi on the analysis scale.
#pragma once

#include <string>
#include <vector>

#include "analyze/meta_analysis.hpp"
#include "extract/outcome_data.hpp"

namespace prismaflow::extract {

/// Converts rows of one outcome (already validated against `type`). A row's
/// study label gets " (timepoint)" when the outcome has several time points.
std::vector<analyze::MetaStudyInput> to_meta_inputs(const std::vector<OutcomeRow>& rows,
                                                    DataType type);

/// A stable text of the rows (for the analysis' input hash).
std::string canonical_rows_text(const std::vector<OutcomeRow>& rows);

}  // namespace prismaflow::extract
