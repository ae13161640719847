// The HTML and Markdown report of a small review built here: goldens,
// escaping of user and record text, self-containment, determinism.
#include <gtest/gtest.h>

#include <cmath>

#include "report/html_report.hpp"
#include "report/markdown_report.hpp"
#include "report/report_data.hpp"
#include "tests/report/golden.hpp"

namespace prismaflow::report {
namespace {

ForestRow row(std::string label, double et, double tt, double ec, double tc, double w) {
  ForestRow r;
  r.label = std::move(label);
  r.events_t = et, r.total_t = tt, r.events_c = ec, r.total_c = tc;
  double yi = std::log((et / tt) / (ec / tc)), se = std::sqrt(1 / et - 1 / tt + 1 / ec - 1 / tc);
  r.yi = yi, r.ci_lower = yi - 1.96 * se, r.ci_upper = yi + 1.96 * se, r.weight_percent = w;
  return r;
}

ReportData small_review() {
  ReportData d;
  d.protocol.title = "Blinatumomab versus chemotherapy in children with B-ALL";
  d.protocol.question = "Does blinatumomab improve disease-free survival?";
  d.protocol.population = "Children with B-cell acute lymphoblastic leukaemia";
  d.protocol.intervention = "Blinatumomab";
  d.protocol.comparator = "Chemotherapy";
  d.protocol.study_design = "Randomised controlled trials";
  d.protocol.screening.reviewers_per_record = 2;
  d.searches = {{"PubMed", "main", "blinatumomab AND child*", "initial", "2025-03-31T10:00:00Z", 42}};
  d.imports = {{"Embase", "embase.ris", "ris", "2025-03-31T10:05:00Z", 30}};
  d.prisma.databases = {{"PubMed", 42}, {"Embase", 30}};
  d.prisma.database_results = 72;
  d.prisma.duplicates = 20;
  d.prisma.records_screened = 52;
  d.prisma.records_excluded = d.prisma.records_excluded_human = 44;
  d.prisma.dbr_sought_reports = 8;
  d.prisma.dbr_assessed = 8;
  d.prisma.dbr_excluded = {{"Not randomised", 5}};
  d.prisma.total_studies = d.prisma.new_studies = 2;
  d.prisma.total_reports = d.prisma.new_reports = 3;
  d.studies = {{"Brown 2021", {"Brown PA et al. Effect of postreinduction therapy... JAMA 2021."}, std::nullopt},
               {"Locatelli 2021", {"Locatelli F et al. Effect of blinatumomab... JAMA 2021.", "Second report"}, std::nullopt}};
  d.excluded_reports = {{"Litzow MR et al. Blinatumomab for MRD-negative... N Engl J Med 2024.",
                         "Not the population (adults)"}};
  // Stored order (by domain name) differs from RoB 2's; one judgement missing.
  d.risk_of_bias = {{"Brown 2021",
                     {{"deviations from intended interventions", "some concerns"}, {"missing outcome data", "low"},
                      {"overall", "some concerns"}, {"randomisation process", "low"}}},
                    {"Locatelli 2021",
                     {{"deviations from intended interventions", "high"}, {"overall", "high"},
                      {"randomisation process", "low"}}}};
  OutcomeReport o;
  o.name = "dfs";
  o.label = "Disease-free survival events";
  o.measure = "RR";
  o.method = "REML";
  o.test = "z";
  o.forest.title = o.label;
  o.forest.method_label = "IV, Random (REML), 95% CI";
  o.forest.groups = {{"", {row("Brown 2021", 40, 105, 55, 103, 60), row("Locatelli 2021", 20, 54, 36, 54, 40)}, std::nullopt}};
  ForestPooled p;
  p.estimate = std::log(0.63), p.ci_lower = std::log(0.48), p.ci_upper = std::log(0.83);
  p.tau2 = 0, p.q = 0.4, p.q_df = 1, p.q_p = 0.53, p.i2 = 0, p.statistic = -3.3, p.p = 0.001, p.k = 2;
  o.forest.overall = p;
  o.robustness = {{"FE", "z", std::log(0.63), std::log(0.48), std::log(0.83), std::nullopt, 0.001, ""},
                  {"MH", "knha", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                   "knha does not apply to MH"}};
  d.outcomes = {o};
  d.software_version = "0.1.0";
  d.database_sha256 = std::string(64, 'a');
  d.as_of = "2025-03-31T12:00:00Z";
  return d;
}

const OutputFile& file(const std::vector<OutputFile>& files, const std::string& path) {
  for (const auto& f : files)
    if (f.path == path) return f;
  throw std::runtime_error("no " + path);
}

TEST(ReportRender, FilesAndGoldens) {
  auto files = render_report(small_review());
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"report.html", "report.md", "figures/prisma.svg", "figures/rob-summary.svg",
                                                "figures/forest-dfs.svg"}))
      << "no funnel plot for k = 2";
  test::expect_golden("small-review.html", file(files, "report.html").content);
  test::expect_golden("small-review.md", file(files, "report.md").content);
}

TEST(ReportRender, HtmlIsSelfContainedWithEverySection) {
  const std::string html = file(render_report(small_review()), "report.html").content;
  for (const char* s : {"<svg", "PRISMA 2020 flow diagram", "Search log", "blinatumomab AND child*",
                        "Characteristics of included studies", "Reports excluded at full text",
                        "<td>Not the population (adults)</td>", "Risk of bias", "class=\"high\"",
                        "Disease-free survival events", "Heterogeneity: Tau", "knha does not apply to MH",
                        "@media print", "restricted maximum-likelihood", "Prioritised (machine-learning) screening was not used",
                        "prismaflow 0.1.0"}) {
    EXPECT_NE(html.find(s), std::string::npos) << s;
  }
  for (const char* external : {"src=\"http", "href=\"http", "<link", "<script", "@import"})
    EXPECT_EQ(html.find(external), std::string::npos) << external;
}

TEST(ReportRender, UserAndRecordTextIsEscaped) {
  auto d = small_review();
  d.protocol.title = "<script>alert(1)</script> & \"quotes\"";
  d.studies[0].name = "<img src=x onerror=alert(2)>";
  d.searches[0].query = "a|b *c* [d](javascript:x)";
  d.outcomes[0].label = "</svg><script>bad()</script>";
  auto files = render_report(d);
  const std::string html = file(files, "report.html").content;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"), std::string::npos);
  const std::string md = file(files, "report.md").content;
  EXPECT_EQ(md.find("<script"), std::string::npos);
  EXPECT_NE(md.find("a\\|b \\*c\\* \\[d\\](javascript:x)"), std::string::npos);
  for (const auto& f : files) EXPECT_EQ(f.content.find("<script"), std::string::npos) << f.path;
}

TEST(ReportRender, CharacteristicsTableHasRevManColumnsOnceAnyStudyHasThem) {
  auto d = small_review();
  extract::StudyCharacteristics c;
  c.study = "Locatelli 2021";
  c.design = "RCT, open label";
  c.participants = "children with high-risk first relapse of B-ALL <1 | 2>";
  c.n_randomised = 108;
  c.interventions = "blinatumomab, 1 cycle";
  c.comparators = "HC3 chemotherapy";
  c.registration = "NCT02393859";
  d.studies[1].characteristics = c;
  const auto files = render_report(d);
  const std::string html = file(files, "report.html").content;
  EXPECT_NE(html.find("<th>Study</th><th>Methods</th><th>Participants</th><th>Interventions</th>"
                      "<th>Outcomes</th><th>Notes</th><th>Reports</th>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>Locatelli 2021</td><td>RCT, open label</td><td>children with high-risk first "
                      "relapse of B-ALL &lt;1 | 2&gt;; N = 108 randomised</td><td>blinatumomab, 1 cycle; "
                      "Comparator: HC3 chemotherapy</td><td></td><td>Registration: NCT02393859</td>"),
            std::string::npos);
  // A study without characteristics keeps its row, with empty cells.
  EXPECT_NE(html.find("<td>Brown 2021</td><td></td><td></td><td></td><td></td><td></td><td>Brown PA"),
            std::string::npos);
  const std::string md = file(files, "report.md").content;
  EXPECT_NE(md.find("| Study | Methods | Participants | Interventions | Outcomes | Notes | Reports |"),
            std::string::npos);
  EXPECT_NE(md.find("B-ALL &lt;1 \\| 2&gt;; N = 108 randomised"), std::string::npos) << "pipes escaped";
  // Without any, the golden two-column table (ExactFilesMatchGolden) stays.
  EXPECT_EQ(file(render_report(small_review()), "report.html").content.find("<th>Methods</th>"),
            std::string::npos);
}

TEST(ReportRender, OtherInformationSaysWhatIsRecordedAndWhatIsNot) {
  auto d = small_review();
  d.protocol.registration = "PROSPERO CRD42025000001";
  d.protocol.funding = "None <declared>";
  const auto info = other_information(d);
  ASSERT_EQ(info.size(), 5u);
  EXPECT_EQ(info[0], (std::pair<std::string, std::string>{"Registration", "PROSPERO CRD42025000001"}));
  EXPECT_EQ(info[1].second, "Not recorded (review.toml, [review] protocol).");
  EXPECT_NE(info[4].second.find(d.database_sha256), std::string::npos);
  const auto files = render_report(d);
  const std::string html = file(files, "report.html").content;
  EXPECT_NE(html.find("<tr><th>Registration</th><td>PROSPERO CRD42025000001</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<td>None &lt;declared&gt;</td>"), std::string::npos);
  EXPECT_NE(file(files, "report.md").content.find("- **Competing interests:** Not recorded"), std::string::npos);
}

TEST(ReportRender, MethodsSayWhatWasExtractedAndWhetherGradeWasUsed) {
  auto d = small_review();
  std::string m = methods_paragraph(d);
  EXPECT_NE(m.find("its risk of bias was judged per RoB 2 domain. "), std::string::npos) << m;
  EXPECT_EQ(m.find("GRADE"), std::string::npos);
  d.studies[0].characteristics = extract::StudyCharacteristics{};
  OutcomeSpec dfs;
  dfs.name = "dfs";
  dfs.certainty = "low";
  d.protocol.outcomes = {dfs};
  m = methods_paragraph(d);
  EXPECT_NE(m.find("its design, participants, interventions, comparators and outcomes were extracted, and its "
                   "risk of bias"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("rated with GRADE"), std::string::npos);
}

TEST(ReportRender, Deterministic) {
  auto a = render_report(small_review()), b = render_report(small_review());
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].content, b[i].content) << a[i].path;
}

TEST(ReportRender, MethodsParagraphFollowsSettings) {
  auto d = small_review();
  d.prioritised_screening = true;
  d.prioritisation_model = "logistic regression";
  d.outcomes[0].test = "knha";
  const std::string m = methods_paragraph(d);
  EXPECT_NE(m.find("logistic regression"), std::string::npos);
  EXPECT_NE(m.find("Hartung-Knapp"), std::string::npos);
  EXPECT_NE(m.find("2 reviewers per record, blind to each other"), std::string::npos);
  EXPECT_NE(m.find("PubMed and Embase"), std::string::npos);
}

TEST(ReportRender, RiskOfBiasInRob2OrderWithOverallLastAndALegend) {
  auto d = small_review();
  d.risk_of_bias[1].judgements.insert(d.risk_of_bias[1].judgements.begin(), {"another domain", "low"});
  EXPECT_EQ(rob_domain_order(d.risk_of_bias),
            (std::vector<std::string>{"randomisation process", "deviations from intended interventions",
                                      "missing outcome data", "another domain", "overall"}));
  EXPECT_EQ(rob_domain_heading("missing outcome data"), "D3 Missing outcome data");
  EXPECT_EQ(rob_domain_heading("overall"), "Overall");
  EXPECT_EQ(rob_domain_heading("another domain"), "another domain");
  auto files = render_report(d);
  const std::string html = file(files, "report.html").content;
  const auto d1 = html.find("<th>D1 Randomisation process</th>"), d3 = html.find("<th>D3 Missing outcome data</th>"),
             other = html.find("<th>another domain</th>"), overall = html.find("<th>Overall</th>");
  ASSERT_NE(overall, std::string::npos);
  EXPECT_LT(d1, d3);
  EXPECT_LT(d3, other);
  EXPECT_LT(other, overall);
  EXPECT_NE(html.find("<td class=\"none\">?</td>"), std::string::npos) << "Locatelli has no D3 judgement";
  EXPECT_NE(html.find("class=\"legend\""), std::string::npos);
  const std::string md = file(files, "report.md").content;
  EXPECT_LT(md.find("D1 Randomisation process"), md.find("| Overall |"));
  EXPECT_NE(md.find("Key: + low risk"), std::string::npos);
}

Prioritisation prioritisation(std::vector<bool> decisions) {
  Prioritisation p;
  p.rankings = 3;
  p.stage = "ta";
  p.models = {"naive Bayes"};
  p.settings_json = "{\"model\":\"nb\",\"ngram\":2}";
  p.n_included = 2;
  p.n_excluded = 7;
  p.ta_decisions = std::move(decisions);
  return p;
}

TEST(ReportRender, PrioritisedScreeningShowsItsSettingsAndTheObservedRecallCurve) {
  auto d = small_review();
  d.prioritised_screening = true;
  d.prioritisation_model = "naive Bayes";
  d.prioritisation = prioritisation({true, false, true, false, false, true, false, false, false, false});
  auto files = render_report(d);
  const std::string svg = file(files, "figures/recall-ta.svg").content;
  test::expect_golden("recall-ta.svg", svg);
  // Three inclusions over ten decisions: the curve ends at 100% recall.
  EXPECT_NE(svg.find("observed"), std::string::npos);
  const std::string html = file(files, "report.html").content;
  for (const char* s : {"Prioritised screening", "naive Bayes", "trained on 2 included and 7 excluded",
                        "{&quot;model&quot;:&quot;nb&quot;,&quot;ngram&quot;:2}", "Title/abstract inclusions"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  EXPECT_NE(file(files, "report.md").content.find("](figures/recall-ta.svg)"), std::string::npos);
}

TEST(ReportRender, PrioritisedScreeningSaysWhereTheStoppingRulesStand) {
  auto d = small_review();
  d.prioritised_screening = true;
  d.prioritisation_model = "naive Bayes";
  d.prioritisation = prioritisation({true, false});
  screen::StageDecisions s;
  s.pool = 100;
  s.relevant_in_order.assign(10, true);
  s.relevant_in_order.insert(s.relevant_in_order.end(), 86, false);
  d.prioritisation.stopping = screen::assess_stopping(s, screen::Stage::kTitleAbstract);
  const std::string want =
      "96 of 100 records decided (96%), 10 included. Statistical stopping criterion (Callaghan & "
      "Müller-Hansen 2020): p = 0.044 that recall was below 95% at the last decision, met at the "
      "95% level. Heuristic (at least 50% screened and 100 consecutive exclusions; the last 86 were "
      "exclusions): not met.";
  EXPECT_EQ(stopping_text(*d.prioritisation.stopping), want);
  auto files = render_report(d);
  EXPECT_NE(file(files, "report.html").content.find("<th>Stopping (title/abstract)</th><td>96 of 100"),
            std::string::npos);
  EXPECT_NE(file(files, "report.md").content.find("- **Stopping (title/abstract):** 96 of 100"),
            std::string::npos);
}

TEST(ReportRender, NoRecallFigureWithoutAnInclusion) {
  auto d = small_review();
  d.prioritised_screening = true;
  d.prioritisation = prioritisation({false, false});
  for (const auto& f : render_report(d)) EXPECT_NE(f.path, "figures/recall-ta.svg");
  EXPECT_EQ(render_recall_svg(prioritisation({})), "");
}

}  // namespace
}  // namespace prismaflow::report
