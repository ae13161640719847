#include "extract/meta_input.hpp"

#include <set>

#include "extract/extraction_csv.hpp"

namespace prismaflow::extract {

std::vector<analyze::MetaStudyInput> to_meta_inputs(const std::vector<OutcomeRow>& rows,
                                                    DataType type) {
  std::set<std::string> timepoints;
  for (const auto& r : rows) timepoints.insert(r.timepoint);
  bool label_timepoint = timepoints.size() > 1;
  std::vector<analyze::MetaStudyInput> out;
  for (const auto& r : rows) {
    analyze::MetaStudyInput in;
    in.study = label_timepoint && !r.timepoint.empty() ? r.study + " (" + r.timepoint + ")" : r.study;
    in.subgroup = r.subgroup;
    in.line = r.line;
    switch (type) {
      case DataType::kBinary:
        in.data = analyze::BinaryCounts{*r.events_t, *r.total_t, *r.events_c, *r.total_c};
        break;
      case DataType::kContinuous:
        in.data = analyze::ContinuousArms{*r.mean_t, *r.sd_t, *r.n_t, *r.mean_c, *r.sd_c, *r.n_c};
        break;
      case DataType::kGeneric: {
        auto yv = generic_yi_vi(r);
        in.data = analyze::GenericEffect{yv->first, yv->second};
        break;
      }
    }
    out.push_back(std::move(in));
  }
  return out;
}

std::string canonical_rows_text(const std::vector<OutcomeRow>& rows) {
  return format_outcome_csv(rows);
}

}  // namespace prismaflow::extract
