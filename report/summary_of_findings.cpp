#include "report/summary_of_findings.hpp"

#include <algorithm>
#include <cmath>

#include "report/forest_plot.hpp"
#include "report/svg_writer.hpp"

namespace prismaflow::report {
namespace {

// 2011 -> "2,011", as the table's "per 1,000" is written.
std::string thousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string per_1000(double risk) { return thousands(std::llround(risk * 1000.0)); }

// "110 fewer", "12 more", "0 fewer" for a difference in risk.
std::string change(double difference) {
  const long long n = std::llround(std::abs(difference) * 1000.0);
  return thousands(n) + (difference < 0 || n == 0 ? " fewer" : " more");
}

std::string grade(const std::string& certainty) {
  if (certainty == "high") return "\u2295\u2295\u2295\u2295 High";
  if (certainty == "moderate") return "\u2295\u2295\u2295\u25ef Moderate";
  if (certainty == "low") return "\u2295\u2295\u25ef\u25ef Low";
  if (certainty == "very low") return "\u2295\u25ef\u25ef\u25ef Very low";
  return "Not assessed";
}

}  // namespace

const std::vector<std::string>& summary_of_findings_headings() {
  static const std::vector<std::string> headings = {
      "Outcome", "Studies (participants)", "Relative effect (CI)", "Risk with control",
      "Risk with intervention (CI)", "Difference (CI)", "Certainty of the evidence (GRADE)"};
  return headings;
}

const std::string& summary_of_findings_note() {
  static const std::string note =
      "Risk with control: events per 1,000 participants in the control arms of the pooled studies. "
      "Risk with the intervention and the difference follow from the pooled relative effect and its "
      "CI. Certainty of the evidence (GRADE) as the review team recorded it in review.toml (certainty "
      "and certainty_reasons of each outcome); \"Not assessed\" where none is recorded.";
  return note;
}

std::optional<double> assumed_control_risk(const ForestPlotInput& forest) {
  if (forest.kind != ForestDataKind::kBinary) return std::nullopt;
  double events = 0, total = 0;
  for (const auto& g : forest.groups)
    for (const auto& r : g.rows)
      if (r.yi && r.events_c && r.total_c) events += *r.events_c, total += *r.total_c;
  if (total <= 0) return std::nullopt;
  return events / total;
}

std::optional<double> risk_with_intervention(const std::string& measure, double r0, double effect) {
  double r1 = 0;
  if (measure == "RR") {
    r1 = r0 * std::exp(effect);
  } else if (measure == "OR") {
    const double odds = std::exp(effect);
    r1 = odds * r0 / (1.0 - r0 + odds * r0);
  } else if (measure == "RD") {
    r1 = r0 + effect;
  } else {
    return std::nullopt;
  }
  return std::clamp(r1, 0.0, 1.0);
}

SummaryOfFindingsRow summary_of_findings_row(const OutcomeReport& o, const OutcomeSpec* spec) {
  SummaryOfFindingsRow row;
  row.outcome = o.label;
  double participants = 0;
  bool counted = false;
  int estimable = 0;
  for (const auto& g : o.forest.groups)
    for (const auto& r : g.rows) {
      if (r.total_t && r.total_c) participants += *r.total_t + *r.total_c, counted = true;
      else if (r.n_t && r.n_c) participants += *r.n_t + *r.n_c, counted = true;
      if (r.yi) ++estimable;
    }
  const int k = o.forest.overall ? o.forest.overall->k : estimable;
  row.studies = std::to_string(k) + (k == 1 ? " study" : " studies");
  if (counted) row.studies += " (" + thousands(std::llround(participants)) + " participants)";
  if (o.forest.overall) {
    const ForestPooled& p = *o.forest.overall;
    row.relative = o.measure + " " + natural_text(o, p.estimate) + " (" + natural_text(o, p.ci_lower) +
                   " to " + natural_text(o, p.ci_upper) + ")";
    const auto r0 = assumed_control_risk(o.forest);
    const auto r1 = r0 ? risk_with_intervention(o.measure, *r0, p.estimate) : std::nullopt;
    if (r1) {
      const double lo = *risk_with_intervention(o.measure, *r0, p.ci_lower);
      const double hi = *risk_with_intervention(o.measure, *r0, p.ci_upper);
      row.control_risk = per_1000(*r0) + " per 1,000";
      row.intervention_risk = per_1000(*r1) + " per 1,000 (" + per_1000(lo) + " to " + per_1000(hi) + ")";
      row.difference = change(*r1 - *r0) + " per 1,000 (" + change(lo - *r0) + " to " + change(hi - *r0) + ")";
    }
  }
  row.certainty = grade(spec ? spec->certainty : "");
  if (spec) row.certainty_reasons = spec->certainty_reasons;
  return row;
}

std::vector<SummaryOfFindingsRow> summary_of_findings(const ReportData& d) {
  std::vector<SummaryOfFindingsRow> rows;
  for (const auto& o : d.outcomes) rows.push_back(summary_of_findings_row(o, d.protocol.find_outcome(o.name)));
  return rows;
}

}  // namespace prismaflow::report
