// The extraction CSV files: outcome data and risk of bias (study
// characteristics: extract/study_characteristics.hpp). Parsing is lossless
// (export then import gives the same rows) and names file:line in errors.
//
// Outcome data columns (header names; only study and outcome are required):
//   study,outcome,extractor,subgroup,timepoint,
//   events_t,total_t,events_c,total_c,mean_t,sd_t,n_t,mean_c,sd_c,n_c,
//   yi,se,vi,estimate,ci_lower,ci_upper,effect_measure,note
// Risk of bias columns: study,extractor,domain,judgement,support
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/outcome_data.hpp"

namespace prismaflow::extract {

/// The outcome CSV header in export order.
const std::vector<std::string>& outcome_csv_columns();

/// Parses outcome rows. Throws InputError(where:line) on an unknown column,
/// a missing study/outcome, or a cell that is not a number.
std::vector<OutcomeRow> parse_outcome_csv(std::string_view text, const std::string& where);

/// Writes rows with outcome_csv_columns(); numbers with up to 17 digits so a
/// round trip is exact.
std::string format_outcome_csv(const std::vector<OutcomeRow>& rows);

/// Parses risk-of-bias rows (judgement and domain lower-cased and checked).
std::vector<RiskOfBiasRow> parse_rob_csv(std::string_view text, const std::string& where);
std::string format_rob_csv(const std::vector<RiskOfBiasRow>& rows);

/// The three kinds of extraction file `extract import` takes.
enum class ExtractionFile { kOutcomes, kRiskOfBias, kCharacteristics };

/// Which kind `text` is, by its header: an `outcome` column (outcome data),
/// a `domain` column (risk of bias), or a design, participants or
/// interventions column (study characteristics). Throws InputError otherwise.
ExtractionFile detect_extraction_file(std::string_view text, const std::string& where);

}  // namespace prismaflow::extract
