// The summary of findings table (PRISMA 2020 item 22; GRADE, as Cochrane
// reviews print it): per outcome, the studies and participants, the pooled
// relative effect, the anticipated absolute effects per 1,000 for dichotomous
// outcomes (risk with control, with the intervention, and the difference,
// with CIs) and the certainty of the evidence the review team recorded in
// review.toml. Pure: every cell comes from the stored analysis.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/protocol.hpp"
#include "report/report_data.hpp"

namespace prismaflow::report {

struct SummaryOfFindingsRow {
  std::string outcome;            ///< the outcome's label
  std::string studies;            ///< "4 studies (2011 participants)"
  std::string relative;           ///< "RR 0.63 (0.47 to 0.83)"; "" without a pooled estimate
  std::string control_risk;       ///< "297 per 1,000"; "" when not dichotomous or no ratio/RD
  std::string intervention_risk;  ///< "187 per 1,000 (140 to 247)"
  std::string difference;         ///< "110 fewer per 1,000 (157 fewer to 50 fewer)"
  std::string certainty;          ///< "⊕⊕⊕◯ Moderate", or "Not assessed"
  std::string certainty_reasons;
};

/// The assumed control risk: events over participants in the control arms
/// of the studies with an estimate (GRADE's "study population" risk);
/// nullopt without dichotomous control data.
std::optional<double> assumed_control_risk(const ForestPlotInput& forest);

/// The risk with the intervention given the control risk `r0` and an effect
/// on the analysis scale (log RR, log OR, or RD), clamped to [0, 1];
/// nullopt for other measures.
std::optional<double> risk_with_intervention(const std::string& measure, double r0, double effect);

/// The row of one analysed outcome; `spec` (its [[outcome]], may be null)
/// gives the certainty.
SummaryOfFindingsRow summary_of_findings_row(const OutcomeReport& outcome, const OutcomeSpec* spec);

/// The table's column headings, in the order of SummaryOfFindingsRow's cells.
const std::vector<std::string>& summary_of_findings_headings();

/// The note under the table: where the assumed risk and the certainty come from.
const std::string& summary_of_findings_note();

/// One row per outcome of `d`, in the report's order.
std::vector<SummaryOfFindingsRow> summary_of_findings(const ReportData& d);

}  // namespace prismaflow::report
