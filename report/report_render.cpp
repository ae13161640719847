// Shared parts of the report: file names, the generated methods paragraph,
// and the list of output files (see report_data.hpp).
#include <algorithm>
#include <cctype>
#include <cmath>

#include "extract/outcome_data.hpp"
#include "report/html_report.hpp"
#include "report/markdown_report.hpp"
#include "report/prisma_diagram.hpp"
#include "report/report_data.hpp"
#include "report/rob_summary_plot.hpp"
#include "report/svg_writer.hpp"
#include "screen/recall_curve_svg.hpp"

namespace prismaflow::report {

std::string slug(const std::string& name) {
  std::string s;
  for (unsigned char c : name) s += (std::isalnum(c) || c == '_' || c == '-') ? static_cast<char>(c) : '-';
  return s.empty() ? "outcome" : s;
}

std::string method_description(const std::string& m) {
  if (m == "FE") return "fixed-effect inverse-variance";
  if (m == "MH") return "fixed-effect Mantel-Haenszel";
  if (m == "PETO") return "fixed-effect Peto";
  if (m == "DL") return "random-effects (DerSimonian-Laird tau\u00b2)";
  if (m == "REML") return "random-effects (restricted maximum-likelihood tau\u00b2)";
  if (m == "PM") return "random-effects (Paule-Mandel tau\u00b2)";
  if (m == "SJ") return "random-effects (Sidik-Jonkman tau\u00b2)";
  if (m == "HE") return "random-effects (Hedges tau\u00b2)";
  if (m == "ML") return "random-effects (maximum-likelihood tau\u00b2)";
  if (m == "EB") return "random-effects (empirical Bayes tau\u00b2)";
  return m;
}

namespace {
std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) s += i + 1 == items.size() ? " and " : ", ";
    s += items[i];
  }
  return s;
}
}  // namespace

std::vector<std::pair<std::string, std::string>> other_information(const ReportData& d) {
  const Protocol& p = d.protocol;
  auto given = [](const std::string& text, const char* key) {
    return text.empty() ? std::string("Not recorded (review.toml, [review] ") + key + ")." : text;
  };
  return {{"Registration", given(p.registration, "registration")},
          {"Protocol", given(p.protocol_url, "protocol")},
          {"Support", given(p.funding, "funding")},
          {"Competing interests", given(p.competing_interests, "competing_interests")},
          {"Availability of data and methods",
           "Every record, screening decision, extracted number and analysis is in the review database "
           "(content SHA-256 " + d.database_sha256 + "); 'prismaflow verify' rebuilds this report from it "
           "with prismaflow " + d.software_version + "."}};
}

std::string methods_paragraph(const ReportData& d) {
  std::vector<std::string> sources;
  for (const auto& s : d.searches)
    if (std::find(sources.begin(), sources.end(), s.source) == sources.end()) sources.push_back(s.source);
  for (const auto& i : d.imports)
    if (std::find(sources.begin(), sources.end(), i.source) == sources.end()) sources.push_back(i.source);
  std::string p;
  p += sources.empty() ? "No searches are recorded yet. "
                       : "Records were identified from " + join(sources) + " (search log below). ";
  p += "Duplicates were removed before screening. ";
  const auto& sc = d.protocol.screening;
  p += "Titles and abstracts, then full texts, were screened by " +
       std::to_string(sc.reviewers_per_record) + (sc.reviewers_per_record == 1 ? " reviewer" : " reviewers") +
       " per record" + (sc.reviewers_per_record > 1 ? (sc.blind ? ", blind to each other" : "") : "") + ". ";
  p += d.prioritised_screening
           ? "Records were screened in an order prioritised by a " + d.prioritisation_model +
                 " model trained on the decisions made so far; every record was still screened by a human unless stated in the flow diagram. "
           : "Prioritised (machine-learning) screening was not used. ";
  for (const auto& o : d.outcomes) {
    p += "For " + o.label + ", the " + measure_name(o.measure) + " was pooled with a " +
         method_description(o.method) + " model, " +
         (o.test == "knha" ? "with the Hartung-Knapp adjustment (t distribution)" : "with a normal (z) test") +
         " and " + fixed(o.level, 0) + "% confidence intervals. ";
  }
  // Items 9-11 and 15: what was extracted and how certainty was rated, as recorded.
  const bool characterised = std::any_of(d.studies.begin(), d.studies.end(),
                                         [](const IncludedStudy& s) { return s.characteristics.has_value(); });
  if (characterised || !d.risk_of_bias.empty()) {
    p += "For each included study, ";
    p += characterised ? "its design, participants, interventions, comparators and outcomes were extracted" : "";
    p += characterised && !d.risk_of_bias.empty() ? ", and " : "";
    p += d.risk_of_bias.empty() ? "" : "its risk of bias was judged per RoB 2 domain";
    p += ". ";
  }
  const bool graded = std::any_of(d.protocol.outcomes.begin(), d.protocol.outcomes.end(),
                                  [](const OutcomeSpec& o) { return !o.certainty.empty(); });
  if (graded) p += "The certainty of the evidence for each outcome was rated with GRADE (summary of findings). ";
  p += "All analyses were run with prismaflow " + d.software_version + ".";
  return p;
}

std::vector<std::string> rob_domain_order(const std::vector<RobStudy>& studies) {
  const auto& rob2 = extract::rob2_domains();
  std::vector<std::string> seen;
  for (const auto& s : studies)
    for (const auto& j : s.judgements)
      if (std::find(seen.begin(), seen.end(), j.first) == seen.end()) seen.push_back(j.first);
  auto present = [&](const std::string& dom) { return std::find(seen.begin(), seen.end(), dom) != seen.end(); };
  std::vector<std::string> out;
  // Published RoB 2 order (Sterne et al. 2019, BMJ 366:l4898), overall last.
  for (const auto& dom : rob2)
    if (dom != "overall" && present(dom)) out.push_back(dom);
  for (const auto& dom : seen)
    if (dom != "overall" && std::find(rob2.begin(), rob2.end(), dom) == rob2.end()) out.push_back(dom);
  if (present("overall")) out.push_back("overall");
  return out;
}

std::string natural_text(const OutcomeReport& o, double v) {
  return fixed(o.forest.ratio ? std::exp(v) : v, 2);
}

std::string rob_domain_heading(const std::string& domain) {
  if (domain == "overall") return "Overall";
  const auto& rob2 = extract::rob2_domains();
  for (std::size_t i = 0; i < rob2.size(); ++i) {
    if (rob2[i] != domain) continue;
    std::string name = domain;
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return "D" + std::to_string(i + 1) + " " + name;
  }
  return domain;
}

std::string stopping_text(const screen::StoppingAssessment& a) {
  using screen::percent_text;
  const screen::StoppingTest& t = a.statistical;
  const double share = a.pool > 0 ? double(a.decided) / double(a.pool) : 0.0;
  return std::to_string(a.decided) + " of " + std::to_string(a.pool) + " records decided (" +
         percent_text(share) + "), " + std::to_string(a.included) +
         " included. Statistical stopping criterion (Callaghan & Müller-Hansen 2020): " +
         screen::p_value_text(t.p_value) + " that recall was below " +
         percent_text(a.options.statistical.recall_target) + " at the last decision, " +
         (t.met ? "met" : "not met") + " at the " + percent_text(a.options.statistical.confidence) +
         " level. Heuristic (at least " + percent_text(a.options.min_share_screened) + " screened and " +
         std::to_string(a.options.consecutive_exclusions) + " consecutive exclusions; the last " +
         std::to_string(a.trailing_exclusions) + " were exclusions): " + (a.heuristic_met ? "met" : "not met") +
         ".";
}

std::string render_recall_svg(const Prioritisation& p) {
  screen::RecallCurve curve{"observed", {0}};
  curve.found.reserve(p.ta_decisions.size() + 1);
  for (bool inc : p.ta_decisions) curve.found.push_back(curve.found.back() + (inc ? 1 : 0));
  if (p.ta_decisions.empty() || curve.found.back() == 0) return "";
  return screen::recall_curve_svg({curve}, "Title/abstract inclusions in screening order");
}

std::vector<OutputFile> render_report(const ReportData& d) {
  std::vector<OutputFile> files;
  files.push_back({"figures/prisma.svg", render_prisma_svg(d.prisma)});
  if (!d.risk_of_bias.empty()) files.push_back({"figures/rob-summary.svg", render_rob_summary_svg(d.risk_of_bias)});
  if (d.prioritised_screening) {
    std::string recall = render_recall_svg(d.prioritisation);
    if (!recall.empty()) files.push_back({"figures/recall-ta.svg", std::move(recall)});
  }
  for (const auto& o : d.outcomes) {
    files.push_back({"figures/forest-" + slug(o.name) + ".svg", render_forest_svg(o.forest)});
    if (o.funnel) files.push_back({"figures/funnel-" + slug(o.name) + ".svg", render_funnel_svg(*o.funnel)});
  }
  std::vector<OutputFile> out = {{"report.html", render_html_report(d, files)},
                                 {"report.md", render_markdown_report(d)}};
  out.insert(out.end(), files.begin(), files.end());
  return out;
}

}  // namespace prismaflow::report
