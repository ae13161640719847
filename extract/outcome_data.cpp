#include "extract/outcome_data.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "common/error.hpp"

namespace prismaflow::extract {

DataType parse_data_type(const std::string& t) {
  if (t == "binary" || t == "dichotomous") return DataType::kBinary;
  if (t == "continuous") return DataType::kContinuous;
  if (t == "generic") return DataType::kGeneric;
  throw InputError("unknown data type '" + t + "'; use binary, continuous or generic");
}

const char* data_type_name(DataType t) {
  switch (t) {
    case DataType::kBinary: return "binary";
    case DataType::kContinuous: return "continuous";
    case DataType::kGeneric: return "generic";
  }
  return "?";
}

const std::vector<std::string>& rob2_domains() {
  static const std::vector<std::string> d = {
      "randomisation process",
      "deviations from intended interventions",
      "missing outcome data",
      "measurement of the outcome",
      "selection of the reported result",
      "overall",
  };
  return d;
}

bool is_ratio_measure(const std::string& m) {
  std::string u;
  for (char c : m) u += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* r : {"HR", "RR", "OR", "IRR", "RATIO", "ROM"})
    if (u == r) return true;
  return false;
}

std::optional<std::pair<double, double>> generic_yi_vi(const OutcomeRow& r) {
  if (r.yi && r.vi) return std::pair{*r.yi, *r.vi};
  if (r.yi && r.se) return std::pair{*r.yi, *r.se * *r.se};
  if (r.estimate && r.ci_lower && r.ci_upper) {
    // A 95% CI spans 2 * 1.959964 standard errors on the analysis scale
    // (Cochrane Handbook 6.3.2); ratios are analysed on the log scale.
    const double z = 1.959963984540054;
    bool ratio = is_ratio_measure(r.effect_measure);
    double est = ratio ? std::log(*r.estimate) : *r.estimate;
    double lo = ratio ? std::log(*r.ci_lower) : *r.ci_lower;
    double hi = ratio ? std::log(*r.ci_upper) : *r.ci_upper;
    double se = (hi - lo) / (2 * z);
    return std::pair{est, se * se};
  }
  return std::nullopt;
}

}  // namespace prismaflow::extract
