#include "report/summary_of_findings.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace prismaflow::report {
namespace {

ForestRow binary_row(double et, double nt, double ec, double nc, bool estimable = true) {
  ForestRow r;
  r.events_t = et, r.total_t = nt, r.events_c = ec, r.total_c = nc;
  if (estimable) r.yi = std::log((et / nt) / (ec / nc));
  return r;
}

OutcomeReport binary_outcome() {
  OutcomeReport o;
  o.name = "dfs";
  o.label = "Disease-free survival events";
  o.measure = "RR";
  o.forest.measure = "RR";
  o.forest.kind = ForestDataKind::kBinary;
  o.forest.ratio = true;
  o.forest.groups = {{"", {binary_row(10, 100, 20, 100), binary_row(5, 50, 10, 50)}, std::nullopt}};
  ForestPooled p;
  p.estimate = std::log(0.5);
  p.ci_lower = std::log(0.25);
  p.ci_upper = std::log(1.0);
  p.k = 2;
  o.forest.overall = p;
  return o;
}

TEST(SummaryOfFindings, ControlRiskPoolsTheControlArmsOfEstimableStudies) {
  ForestPlotInput f;
  f.groups = {{"a", {binary_row(17, 54, 31, 54)}, std::nullopt},
              {"b", {binary_row(48, 105, 59, 103), binary_row(0, 20, 0, 20, false)}, std::nullopt}};
  EXPECT_NEAR(*assumed_control_risk(f), 90.0 / 157.0, 1e-12);
  f.kind = ForestDataKind::kContinuous;
  EXPECT_FALSE(assumed_control_risk(f));
}

TEST(SummaryOfFindings, RiskWithInterventionPerMeasure) {
  EXPECT_NEAR(*risk_with_intervention("RR", 0.3, std::log(0.63)), 0.189, 1e-12);
  EXPECT_NEAR(*risk_with_intervention("OR", 0.3, std::log(2.0)), 0.6 / 1.3, 1e-12);
  EXPECT_NEAR(*risk_with_intervention("RD", 0.3, -0.1), 0.2, 1e-12);
  EXPECT_EQ(*risk_with_intervention("RR", 0.3, std::log(5.0)), 1.0) << "a risk stays a probability";
  OutcomeReport o = binary_outcome();
  o.forest.overall->ci_upper = std::log(10.0);
  o.forest.groups[0].rows[0].total_t = 1900;
  EXPECT_EQ(summary_of_findings_row(o, nullptr).intervention_risk, "100 per 1,000 (50 to 1,000)");
  EXPECT_EQ(summary_of_findings_row(o, nullptr).studies, "2 studies (2,100 participants)");
  EXPECT_EQ(*risk_with_intervention("RD", 0.05, -0.2), 0.0);
  EXPECT_FALSE(risk_with_intervention("MD", 0.3, 1.0));
  EXPECT_FALSE(risk_with_intervention("HR", 0.3, 0.1));
}

TEST(SummaryOfFindings, DichotomousRowHasAbsoluteEffectsPer1000) {
  OutcomeSpec spec;
  spec.certainty = "moderate";
  spec.certainty_reasons = "rated down once for imprecision";
  const SummaryOfFindingsRow r = summary_of_findings_row(binary_outcome(), &spec);
  EXPECT_EQ(r.outcome, "Disease-free survival events");
  EXPECT_EQ(r.studies, "2 studies (300 participants)");
  EXPECT_EQ(r.relative, "RR 0.50 (0.25 to 1.00)");
  // Control: 30 of 150 = 200 per 1,000; with RR 0.5 (0.25 to 1): 100 (50 to 200).
  EXPECT_EQ(r.control_risk, "200 per 1,000");
  EXPECT_EQ(r.intervention_risk, "100 per 1,000 (50 to 200)");
  EXPECT_EQ(r.difference, "100 fewer per 1,000 (150 fewer to 0 fewer)");
  EXPECT_EQ(r.certainty, "\u2295\u2295\u2295\u25ef Moderate");
  EXPECT_EQ(r.certainty_reasons, "rated down once for imprecision");
}

TEST(SummaryOfFindings, HarmfulEffectSaysMore) {
  OutcomeReport o = binary_outcome();
  o.forest.overall->estimate = std::log(1.5);
  o.forest.overall->ci_lower = std::log(0.9);
  o.forest.overall->ci_upper = std::log(2.5);
  const SummaryOfFindingsRow r = summary_of_findings_row(o, nullptr);
  EXPECT_EQ(r.difference, "100 more per 1,000 (20 fewer to 300 more)");
  EXPECT_EQ(r.certainty, "Not assessed");
}

TEST(SummaryOfFindings, ContinuousRowHasNoAbsoluteRisks) {
  OutcomeReport o;
  o.label = "Pain score";
  o.measure = "MD";
  o.forest.kind = ForestDataKind::kContinuous;
  o.forest.ratio = false;
  ForestRow a;
  a.n_t = 40, a.n_c = 42, a.yi = -1.0;
  o.forest.groups = {{"", {a}, std::nullopt}};
  ForestPooled p;
  p.estimate = -1.2, p.ci_lower = -2.0, p.ci_upper = -0.4, p.k = 1;
  o.forest.overall = p;
  const SummaryOfFindingsRow r = summary_of_findings_row(o, nullptr);
  EXPECT_EQ(r.studies, "1 study (82 participants)");
  EXPECT_EQ(r.relative, "MD -1.20 (-2.00 to -0.40)");
  EXPECT_EQ(r.control_risk, "");
  EXPECT_EQ(r.difference, "");
}

TEST(SummaryOfFindings, OneRowPerOutcomeWithItsProtocolCertainty) {
  ReportData d;
  OutcomeSpec dfs;
  dfs.name = "dfs";
  dfs.certainty = "low";
  d.protocol.outcomes = {dfs};
  OutcomeReport other = binary_outcome();
  other.name = "os";
  other.forest.overall.reset();
  d.outcomes = {binary_outcome(), other};
  const auto rows = summary_of_findings(d);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].certainty, "\u2295\u2295\u25ef\u25ef Low");
  EXPECT_EQ(rows[1].certainty, "Not assessed");
  EXPECT_EQ(rows[1].relative, "") << "no pooled estimate";
  EXPECT_EQ(rows[1].studies, "2 studies (300 participants)") << "the studies with an estimate";
}

}  // namespace
}  // namespace prismaflow::report
