// The "Characteristics of included studies" table (PRISMA 2020 item 17) in
// RevMan's columns: what goes in each cell, from a study's extracted
// characteristics. Shared by the HTML and Markdown reports.
#pragma once

#include <string>
#include <vector>

#include "extract/study_characteristics.hpp"
#include "report/report_data.hpp"

namespace prismaflow::report {

struct CharacteristicsCells {
  std::string methods;        ///< design; setting
  std::string participants;   ///< who; N = n randomised
  std::string interventions;  ///< interventions; comparator
  std::string outcomes;
  std::string notes;          ///< registration; funding; notes
};

/// The full table's column headings: Study, the five cells, Reports.
const std::vector<std::string>& characteristics_headings();

/// The cells of one study's row; parts left empty are left out.
CharacteristicsCells characteristics_cells(const extract::StudyCharacteristics& c);

/// True when at least one study has characteristics: the report then shows
/// the full table, otherwise the studies with their reports only.
bool any_characteristics(const std::vector<IncludedStudy>& studies);

}  // namespace prismaflow::report
