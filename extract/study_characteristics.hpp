// The characteristics of an included study, as a systematic review tabulates
// them (PRISMA 2020 item 17; RevMan's "Characteristics of included studies":
// methods, participants, interventions, outcomes, notes), and their CSV file.
// Parsing is lossless (export then import gives the same rows) and names
// file:line in errors.
//
// Columns (header names; only study is required):
//   study,extractor,design,setting,participants,n_randomised,interventions,
//   comparators,outcomes,registration,funding,notes
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/extraction_validate.hpp"

namespace prismaflow::extract {

struct StudyCharacteristics {
  std::string study;
  std::string extractor;  ///< "" for the agreed row, the one the report shows
  std::string design;     ///< e.g. "parallel-group RCT, open label"
  std::string setting;    ///< countries, centres, years
  std::string participants;
  std::optional<std::int64_t> n_randomised;
  std::string interventions;
  std::string comparators;
  std::string outcomes;
  std::string registration;  ///< trial registry ids, e.g. NCT02101853
  std::string funding;
  std::string notes;
  std::size_t line = 0;  ///< line in the imported file, for messages
};

/// The text fields after study and extractor with their column names (CSV
/// and table alike), in export order; n_randomised follows participants.
/// The one list the CSV, the comparison of extractors and the store walk.
using CharacteristicsTextField = std::string StudyCharacteristics::*;
const std::vector<std::pair<std::string, CharacteristicsTextField>>& characteristics_text_fields();

/// The header in export order.
const std::vector<std::string>& characteristics_csv_columns();

/// True when a header (lower-cased names) is a characteristics file's: it
/// has a design, participants or interventions column.
bool is_characteristics_header(const std::vector<std::string>& header);

/// Parses rows. Throws InputError(where:line) on an unknown column, an empty
/// study, a study given twice for one extractor, or an n_randomised that is
/// not a whole number >= 0.
std::vector<StudyCharacteristics> parse_characteristics_csv(std::string_view text,
                                                            const std::string& where);

/// Writes rows with characteristics_csv_columns().
std::string format_characteristics_csv(const std::vector<StudyCharacteristics>& rows);

/// Every field on which two extractors' rows of the same study differ
/// (rows with extractor "" are the agreed rows and are not compared), with
/// the column name as the field and an empty outcome, subgroup and time point.
std::vector<Discrepancy> compare_characteristics(const std::vector<StudyCharacteristics>& rows);

}  // namespace prismaflow::extract
