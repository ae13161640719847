// The forest plot in the layout reviewers know from RevMan: a table of
// study labels and per-arm data (events/total, or mean/SD/n), weights and
// effects with their CI, beside the plot of squares (sized by weight), the
// pooled diamond and the prediction interval; heterogeneity and overall-effect
// lines under each total; "favours" labels under the axis; a log axis for
// ratio measures; subgroups with subtotals and the test for differences.
// Input is on the analysis scale (log for RR/OR/HR); labels show the natural scale.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace prismaflow::report {

/// One study row. Arm data are optional: a generic-inverse-variance row has none.
struct ForestRow {
  std::string label;
  std::optional<double> events_t, total_t, events_c, total_c;  ///< binary outcomes
  std::optional<double> mean_t, sd_t, n_t, mean_c, sd_c, n_c;  ///< continuous outcomes
  /// Effect and CI on the analysis scale; nullopt = not estimable (e.g. no events).
  std::optional<double> yi, ci_lower, ci_upper;
  std::optional<double> weight_percent;
};

/// A pooled estimate with its heterogeneity and test statistics.
struct ForestPooled {
  double estimate = 0, ci_lower = 0, ci_upper = 0;  ///< analysis scale
  std::optional<double> pi_lower, pi_upper;         ///< prediction interval
  std::optional<double> tau2, q, q_p, i2;
  std::optional<double> q_df;
  std::optional<double> statistic, p;
  std::optional<double> df;  ///< t-test degrees of freedom (knha)
  bool t_test = false;       ///< "t = …" (Hartung–Knapp) instead of "Z = …"
  int k = 0;
};

struct ForestGroup {
  std::string name;  ///< empty when the analysis has no subgroups
  std::vector<ForestRow> rows;
  std::optional<ForestPooled> subtotal;
};

/// Test for subgroup differences (Q between subgroups).
struct SubgroupTest {
  double q = 0, df = 0, p = 1;
};

enum class ForestDataKind { kBinary, kContinuous, kGeneric };

struct ForestPlotInput {
  std::string title;               ///< outcome label, shown above the table
  std::string measure = "RR";      ///< RR, OR, RD, MD, SMD, HR, GEN...
  std::string method_label;        ///< e.g. "M-H, Random, 95% CI"
  bool ratio = true;               ///< log axis, exp() of analysis-scale values
  ForestDataKind kind = ForestDataKind::kBinary;
  std::string experimental_label = "Experimental";
  std::string control_label = "Control";
  std::string favours_left = "Favours experimental";
  std::string favours_right = "Favours control";
  double level = 95;
  std::vector<ForestGroup> groups;
  std::optional<ForestPooled> overall;
  std::optional<SubgroupTest> subgroup_test;
};

/// The measure's long name as RevMan prints it in the column header
/// ("Risk Ratio", "Mean Difference"...); the measure code when unknown.
std::string measure_name(const std::string& measure);

/// "0.00001"-style RevMan p-value text: "P = 0.04", "P = 0.003", "P < 0.00001".
std::string format_p(double p);

/// The heterogeneity line, e.g. "Heterogeneity: Tau² = 0.01; Chi² = 3.10,
/// df = 3 (P = 0.38); I² = 3%".
std::string heterogeneity_text(const ForestPooled& pooled);

/// "Test for overall effect: Z = 3.21 (P = 0.001)" (t for Hartung–Knapp).
std::string overall_effect_text(const ForestPooled& pooled);

/// The forest plot as a standalone SVG document; deterministic, every label escaped.
std::string render_forest_svg(const ForestPlotInput& input);

}  // namespace prismaflow::report
