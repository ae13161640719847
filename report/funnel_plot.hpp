// The funnel plot: each study's effect against its standard error (the
// y axis inverted so precise studies sit at the top) with the pooled
// estimate and pseudo-95% confidence limits (estimate ± 1.96·se), as in
// metafor's funnel() and RevMan. Input on the analysis scale.
#pragma once

#include <string>
#include <vector>

namespace prismaflow::report {

struct FunnelPoint {
  std::string label;
  double yi = 0;
  double se = 0;
};

struct FunnelPlotInput {
  std::string title;
  std::string measure = "RR";
  bool ratio = true;  ///< log x axis labelled on the natural scale
  double estimate = 0;
  std::vector<FunnelPoint> points;
};

/// The funnel plot as a standalone SVG document; deterministic, labels escaped.
std::string render_funnel_svg(const FunnelPlotInput& input);

}  // namespace prismaflow::report
