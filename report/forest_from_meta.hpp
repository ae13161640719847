// Converts the meta-analysis engine's results (analyze/meta_analysis.hpp)
// and the extracted per-arm data into the plain inputs of the forest and
// funnel plots, so the plots stay independent of the engine.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "analyze/meta_analysis.hpp"
#include "report/forest_plot.hpp"
#include "report/funnel_plot.hpp"

namespace prismaflow::report {

/// Per-arm data of one study as extracted (any field may be missing).
struct ArmData {
  std::optional<double> events_t, total_t, events_c, total_c;
  std::optional<double> mean_t, sd_t, n_t, mean_c, sd_c, n_c;
};

/// The pooled line of a forest plot from a result.
ForestPooled pooled_from_meta(const analyze::MetaResult& r);

/// A forest plot of `result` (one group), or of `subgroups` when given (one
/// group per subgroup with its subtotal, the overall total and the test for
/// differences). Per-study CIs are yi ± z·sqrt(vi) at the result's level.
/// `arms` maps study labels to their extracted data.
ForestPlotInput forest_from_meta(const analyze::MetaResult& result,
                                 const std::map<std::string, ArmData>& arms,
                                 const analyze::SubgroupResult* subgroups = nullptr);

/// A funnel plot of the studies in `result` (those with yi and vi).
FunnelPlotInput funnel_from_meta(const analyze::MetaResult& result);

}  // namespace prismaflow::report
