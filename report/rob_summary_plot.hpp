// The risk-of-bias summary plot (RevMan's "risk of bias graph", robvis's
// summary plot): for each domain a bar split into the share of studies judged
// low risk, some concerns, high risk and with no judgement recorded, beside
// the traffic-light table that gives each study's judgements.
#pragma once

#include <string>
#include <vector>

#include "report/report_data.hpp"

namespace prismaflow::report {

/// Counts of one domain's judgements over the studies.
struct RobDomainShares {
  std::string domain;
  int low = 0, some_concerns = 0, high = 0, none = 0;
};

/// One entry per domain of rob_domain_order(studies); a study without a
/// judgement in a domain counts as none.
std::vector<RobDomainShares> rob_domain_shares(const std::vector<RobStudy>& studies);

/// The plot as SVG (figures/rob-summary.svg); empty for no studies.
std::string render_rob_summary_svg(const std::vector<RobStudy>& studies);

}  // namespace prismaflow::report
