// Extracted outcome data: one row per study, outcome, extractor, subgroup and
// time point, in one of three shapes (dichotomous counts, continuous
// summaries, or a generic estimate with its standard error or CI), plus
// RoB 2 risk-of-bias judgements. Plain values; validation in extraction_validate.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace prismaflow::extract {

enum class DataType { kBinary, kContinuous, kGeneric };

/// "binary" | "continuous" | "generic".
DataType parse_data_type(const std::string& text);
const char* data_type_name(DataType type);

struct OutcomeRow {
  std::string study;
  std::string outcome;
  std::string extractor;  ///< "" for the agreed (consensus) row
  std::string subgroup;
  std::string timepoint;
  // Dichotomous: events and totals per arm (t = experimental, c = control).
  std::optional<double> events_t, total_t, events_c, total_c;
  // Continuous: mean, SD, n per arm.
  std::optional<double> mean_t, sd_t, n_t, mean_c, sd_c, n_c;
  // Generic: yi (analysis scale) with se or vi, or an estimate on the natural
  // scale with its 95% CI (ci_lower, ci_upper) from which yi and se are derived.
  std::optional<double> yi, se, vi, estimate, ci_lower, ci_upper;
  std::string effect_measure;  ///< HR, RR, OR (ratio: log scale) or MD, RD...
  std::string note;            ///< where the numbers come from, "derived: ..."
  std::size_t line = 0;        ///< line in the imported file, for messages
};

/// RoB 2 domains in their published order.
const std::vector<std::string>& rob2_domains();

struct RiskOfBiasRow {
  std::string study;
  std::string extractor;
  std::string domain;     ///< one of rob2_domains()
  std::string judgement;  ///< low | some concerns | high
  std::string support;
  std::size_t line = 0;
};

/// True for effect measures analysed on the log scale (HR, RR, OR, IRR...).
bool is_ratio_measure(const std::string& measure);

/// For a generic row: yi and vi on the analysis scale, derived from whatever
/// the row gives (yi+vi, yi+se, or estimate+95% CI). nullopt if not enough.
std::optional<std::pair<double, double>> generic_yi_vi(const OutcomeRow& row);

}  // namespace prismaflow::extract
