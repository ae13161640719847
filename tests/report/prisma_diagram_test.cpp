// The PRISMA 2020 diagram: one golden SVG per template, boxes sized to their
// text, escaping of names, determinism.
#include "report/prisma_diagram.hpp"

#include <gtest/gtest.h>

#include "report/svg_writer.hpp"
#include "tests/report/golden.hpp"

namespace prismaflow::report {
namespace {

screen::PrismaCounts new_review() {
  screen::PrismaCounts c;
  c.databases = {{"PubMed", 120}, {"Embase", 95}, {"Cochrane CENTRAL", 40}};
  c.database_results = 255;
  c.registers = {{"ClinicalTrials.gov", 12}};
  c.register_results = 12;
  c.duplicates = 80;
  c.excluded_automatic = 5;
  c.excluded_other = 2;
  c.records_screened = 180;
  c.records_excluded = 160;
  c.records_excluded_human = 150;
  c.records_excluded_automation = 10;
  c.dbr_sought_reports = 20;
  c.dbr_notretrieved_reports = 1;
  c.dbr_assessed = 19;
  c.dbr_excluded = {{"Not randomised", 9}, {"Wrong population (adults)", 4}, {"Conference abstract", 1}};
  c.new_studies = c.total_studies = 4;
  c.new_reports = c.total_reports = 5;
  return c;
}

screen::PrismaCounts with_other_methods() {
  auto c = new_review();
  c.other_methods = true;
  c.website_results = 3;
  c.organisation_results = 1;
  c.citations_results = 6;
  c.other_sought_reports = 10;
  c.other_notretrieved_reports = 2;
  c.other_assessed = 8;
  c.other_excluded = {{"Not randomised", 7}};
  c.total_reports = 6;
  return c;
}

screen::PrismaCounts updated(screen::PrismaCounts c) {
  c.updated_review = true;
  c.previous_studies = 3;
  c.previous_reports = 4;
  c.new_studies = 1;
  c.new_reports = 2;
  c.total_studies = 4;
  c.total_reports = 6;
  return c;
}

TEST(PrismaDiagram, TemplateChosenFromTheData) {
  EXPECT_EQ(prisma_template_number(new_review()), 1);
  EXPECT_EQ(prisma_template_number(with_other_methods()), 2);
  EXPECT_EQ(prisma_template_number(updated(new_review())), 3);
  EXPECT_EQ(prisma_template_number(updated(with_other_methods())), 4);
  EXPECT_EQ(prisma_template_title(updated(with_other_methods())),
            "PRISMA 2020 flow diagram for updated systematic reviews which included searches of "
            "databases, registers and other sources");
}

TEST(PrismaDiagram, GoldenTemplate1) { test::expect_golden("prisma-template1.svg", render_prisma_svg(new_review())); }
TEST(PrismaDiagram, GoldenTemplate2) {
  test::expect_golden("prisma-template2.svg", render_prisma_svg(with_other_methods()));
}
TEST(PrismaDiagram, GoldenTemplate3) {
  test::expect_golden("prisma-template3.svg", render_prisma_svg(updated(new_review())));
}
TEST(PrismaDiagram, GoldenTemplate4) {
  test::expect_golden("prisma-template4.svg", render_prisma_svg(updated(with_other_methods())));
}

TEST(PrismaDiagram, CarriesTheStatementsLabelsAndCounts) {
  const std::string svg = render_prisma_svg(updated(with_other_methods()));
  for (const char* label :
       {"Records identified from*:", "Records removed before screening:",
        "Duplicate records removed (n = 80)", "Records screened (n = 180)",
        "Records excluded** (n = 160)", "by a human (n = 150)", "by automation tools (n = 10)",
        "Reports sought for retrieval (n = 20)", "Reports not retrieved (n = 1)",
        "Reports assessed for eligibility (n = 19)", "Not randomised (n = 9)", "PubMed (n = 120)",
        "Previous studies", "New studies included in review (n = 1)",
        "Total studies included in review (n = 4)", "Citation searching (n = 6)",
        "Identification of new studies via other methods", ">Identification<", ">Screening<",
        ">Included<", "*Consider, if feasible"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
}

TEST(PrismaDiagram, NoTextWiderThanItsBoxForLongNames) {
  auto c = with_other_methods();
  c.databases.push_back({"Web of Science Core Collection: Science Citation Index Expanded (1900-present)", 77});
  c.databases.push_back({"AVeryLongDatabaseNameWithoutAnySpacesThatMustBeBrokenSomewhereToFit", 3});
  c.dbr_excluded.push_back({"Reported only a subgroup of patients with relapsed disease who were not eligible for transplantation", 2});
  c.registers.push_back({"WHO International Clinical Trials Registry Platform (ICTRP) – Ünïcödé", 1});
  for (double box_width : {160.0, 240.0}) {
    PrismaDiagramOptions o;
    o.box_width = box_width;
    for (const auto& b : prisma_boxes(c, o)) {
      ASSERT_EQ(b.lines.size(), b.line_indent.size());
      for (std::size_t i = 0; i < b.lines.size(); ++i) {
        EXPECT_LE(text_width(b.lines[i], o.font_size, b.bold) + b.line_indent[i], b.text_width + 1e-9)
            << "'" << b.lines[i] << "' overflows a box of width " << b.w;
      }
      EXPECT_GE(b.h, static_cast<double>(b.lines.size()) * o.font_size * 1.35);
    }
  }
}

TEST(PrismaDiagram, NamesAreEscaped) {
  auto c = new_review();
  c.databases.push_back({"<script>alert('x')</script> & \"Co\"", 1});
  const std::string svg = render_prisma_svg(c);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"), std::string::npos);
}

TEST(PrismaDiagram, Deterministic) {
  EXPECT_EQ(render_prisma_svg(updated(with_other_methods())), render_prisma_svg(updated(with_other_methods())));
}

}  // namespace
}  // namespace prismaflow::report
