// Checks of extracted data that need no database: the shape matches the
// outcome's type, counts are possible, SDs positive, a CI surrounds its
// estimate. And the comparison of two extractors' entries.
#pragma once

#include <string>
#include <vector>

#include "extract/outcome_data.hpp"

namespace prismaflow::extract {

/// Throws InputError(where:row.line) when `row` does not fit `type`.
void validate_outcome_row(const OutcomeRow& row, DataType type, const std::string& where);

/// One field on which two extractors disagree.
struct Discrepancy {
  std::string study, outcome, subgroup, timepoint;
  std::string field;
  std::string extractor_a, value_a;
  std::string extractor_b, value_b;
};

/// Every disagreement between extractors on the same study, outcome,
/// subgroup and time point (rows with extractor "" are the agreed rows and
/// are not compared).
std::vector<Discrepancy> compare_extractors(const std::vector<OutcomeRow>& rows);

/// Every RoB 2 domain of a study that two extractors judged differently
/// (agreed rows, extractor "", are not compared): the domain as the field,
/// the judgements as the values, outcome, subgroup and time point empty.
std::vector<Discrepancy> compare_rob_extractors(const std::vector<RiskOfBiasRow>& rows);

/// The rows to analyse: per study/outcome/subgroup/timepoint the agreed row
/// (extractor ""), else the extractors' rows when they all agree. Throws
/// InputError naming the study and field when extractors disagree and no
/// agreed row exists.
std::vector<OutcomeRow> rows_for_analysis(const std::vector<OutcomeRow>& rows);

}  // namespace prismaflow::extract
