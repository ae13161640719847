// Study characteristics in the review database (table study_characteristics):
// an all-or-nothing import (every row's study checked first, one transaction,
// one event per change) and the rows back, for export and the report.
#pragma once

#include <string>
#include <vector>

#include "extract/extraction_store.hpp"
#include "extract/study_characteristics.hpp"

namespace prismaflow::extract {

/// Imports rows: each study must be included at full text (as for outcome
/// data and risk of bias). A row replaces the study's row for the same
/// extractor. Throws InputError naming `where`:line; then nothing is written.
ImportSummary import_characteristics_rows(db::Database& db,
                                          const std::vector<StudyCharacteristics>& rows,
                                          const std::string& where);

/// Every row, ordered by study and extractor (the agreed row, extractor "", first).
std::vector<StudyCharacteristics> load_characteristics_rows(db::Database& db);

}  // namespace prismaflow::extract
