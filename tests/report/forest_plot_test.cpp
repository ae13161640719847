// Forest and funnel plots: goldens (with subgroups), RevMan text lines,
// escaping and determinism.
#include "report/forest_plot.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "report/funnel_plot.hpp"
#include "tests/report/golden.hpp"

namespace prismaflow::report {
namespace {

ForestRow binary_row(std::string label, double et, double tt, double ec, double tc, double w) {
  ForestRow r;
  r.label = std::move(label);
  r.events_t = et;
  r.total_t = tt;
  r.events_c = ec;
  r.total_c = tc;
  double yi = std::log((et / tt) / (ec / tc));
  double se = std::sqrt(1 / et - 1 / tt + 1 / ec - 1 / tc);
  r.yi = yi;
  r.ci_lower = yi - 1.96 * se;
  r.ci_upper = yi + 1.96 * se;
  r.weight_percent = w;
  return r;
}

ForestPooled pooled(double est, double lo, double hi, int k) {
  ForestPooled p;
  p.estimate = std::log(est);
  p.ci_lower = std::log(lo);
  p.ci_upper = std::log(hi);
  p.tau2 = 0.012;
  p.q = 3.1;
  p.q_df = k - 1;
  p.q_p = 0.38;
  p.i2 = 3.2;
  p.statistic = -3.21;
  p.p = 0.0013;
  p.k = k;
  return p;
}

ForestPlotInput subgroup_input() {
  ForestPlotInput in;
  in.title = "Disease-free survival events";
  in.method_label = "M-H, Random, 95% CI";
  in.favours_left = "Favours blinatumomab";
  in.favours_right = "Favours chemotherapy";
  ForestGroup a{"High risk", {binary_row("Trial A 2021", 20, 54, 36, 54, 30.1), binary_row("Trial B 2021", 40, 105, 55, 103, 35.4)}, pooled(0.64, 0.48, 0.85, 2)};
  ForestGroup b{"Standard risk", {binary_row("Trial C 2025", 30, 700, 60, 702, 25.0), binary_row("Trial D 2023", 5, 130, 4, 125, 9.5)}, pooled(0.62, 0.25, 1.51, 2)};
  in.groups = {a, b};
  in.overall = pooled(0.63, 0.47, 0.83, 4);
  in.overall->pi_lower = std::log(0.35);
  in.overall->pi_upper = std::log(1.15);
  in.subgroup_test = SubgroupTest{0.01, 1, 0.93};
  return in;
}

TEST(ForestPlot, GoldenWithSubgroups) { test::expect_golden("forest-subgroups.svg", render_forest_svg(subgroup_input())); }

TEST(ForestPlot, RevManTextLines) {
  const std::string svg = render_forest_svg(subgroup_input());
  for (const char* s : {"Heterogeneity: Tau\u00b2 = 0.01; Chi\u00b2 = 3.10, df = 3 (P = 0.38); I\u00b2 = 3%",
                        "Test for overall effect: Z = 3.21 (P = 0.001)", "Subtotal (95% CI)",
                        "Total (95% CI)", "Total events", "Test for subgroup differences",
                        "Favours blinatumomab", "Risk Ratio", "0.63 [0.47, 0.83]", "Prediction interval",
                        "100.0%", ">Events<", ">Total<", ">Weight<"}) {
    EXPECT_NE(svg.find(s), std::string::npos) << s;
  }
}

TEST(ForestPlot, PValueFormats) {
  EXPECT_EQ(format_p(0.38), "P = 0.38");
  EXPECT_EQ(format_p(0.0042), "P = 0.004");
  EXPECT_EQ(format_p(0.00042), "P = 0.00042");
  EXPECT_EQ(format_p(1e-9), "P < 0.00001");
}

TEST(ForestPlot, KnhaUsesT) {
  auto p = pooled(0.63, 0.47, 0.83, 4);
  p.t_test = true;
  p.df = 3;
  EXPECT_EQ(overall_effect_text(p), "Test for overall effect: t = 3.21, df = 3 (P = 0.001)");
}

TEST(ForestPlot, ContinuousAndLinearAxis) {
  ForestPlotInput in;
  in.measure = "MD";
  in.ratio = false;
  in.kind = ForestDataKind::kContinuous;
  ForestRow r;
  r.label = "Study";
  r.mean_t = 1.5; r.sd_t = 0.5; r.n_t = 20; r.mean_c = 2.25; r.sd_c = 0.75; r.n_c = 21;
  r.yi = -0.75; r.ci_lower = -1.14; r.ci_upper = -0.36; r.weight_percent = 100;
  in.groups = {{"", {r}, std::nullopt}};
  const std::string svg = render_forest_svg(in);
  EXPECT_NE(svg.find("Mean Difference"), std::string::npos);
  EXPECT_NE(svg.find(">-0.75 [-1.14, -0.36]<"), std::string::npos);
  EXPECT_NE(svg.find(">SD<"), std::string::npos);
  EXPECT_NE(svg.find(">-2<"), std::string::npos) << "a symmetric linear axis with nice ticks";
}

TEST(ForestPlot, LabelsAreEscaped) {
  auto in = subgroup_input();
  in.groups[0].rows[0].label = "<script>alert(1)</script> \"Smith\" & Jones";
  in.title = "O'Brien <b>";
  const std::string svg = render_forest_svg(in);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt; &quot;Smith&quot; &amp; Jones"), std::string::npos);
}

TEST(ForestPlot, Deterministic) { EXPECT_EQ(render_forest_svg(subgroup_input()), render_forest_svg(subgroup_input())); }

FunnelPlotInput funnel_input() {
  FunnelPlotInput in;
  in.title = "Funnel plot: DFS";
  in.estimate = std::log(0.63);
  for (const auto& g : subgroup_input().groups)
    for (const auto& r : g.rows) in.points.push_back({r.label, *r.yi, (*r.ci_upper - *r.ci_lower) / (2 * 1.96)});
  return in;
}

TEST(FunnelPlot, Golden) { test::expect_golden("funnel.svg", render_funnel_svg(funnel_input())); }

TEST(FunnelPlot, OnePointPerStudyAndPseudoLimits) {
  const std::string svg = render_funnel_svg(funnel_input());
  std::size_t circles = 0;
  for (std::size_t pos = 0; (pos = svg.find("<circle", pos)) != std::string::npos; ++pos) ++circles;
  EXPECT_EQ(circles, 4u);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find("Standard error"), std::string::npos);
}

}  // namespace
}  // namespace prismaflow::report
