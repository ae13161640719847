// The meta-analysis engine: per-study effect sizes (metafor's escalc),
// pooling (inverse-variance fixed effect, Mantel-Haenszel, Peto and seven
// random-effects tau^2 estimators, optionally with the Hartung-Knapp
// adjustment), heterogeneity, prediction interval, and the sensitivity
// analyses a reviewer reaches for (leave-one-out, Egger's test, subgroups, a
// robustness table). Pure: values in, values out; no files, no database.
//
// Conventions are exactly those of metafor 3.8 as written down in
// shared/validation/meta/README.md; every estimate is on the analysis scale
// (log RR, log OR, RD, MD, Hedges' g, or yi as given).
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace prismaflow::analyze {

/// Effect measure. RR/OR/RD need 2x2 counts, MD/SMD arm summaries, GEN yi/vi.
enum class Measure { RR, OR, RD, MD, SMD, GEN };
/// Pooling method: FE, MH, PETO (fixed effect) or a random-effects tau^2 estimator.
enum class Method { FE, MH, PETO, DL, REML, PM, SJ, HE, ML, EB };
/// Test and CI for the pooled estimate: normal (z) or Hartung-Knapp (t, k-1 df).
enum class TestKind { Z, KNHA };

/// "RR", "REML", "z", "knha" as the CLI and the JSON spell them.
std::string_view to_string(Measure m);
std::string_view to_string(Method m);
std::string_view to_string(TestKind t);
/// Case-insensitive parse; nullopt for an unknown name.
std::optional<Measure> parse_measure(std::string_view s);
std::optional<Method> parse_method(std::string_view s);
std::optional<TestKind> parse_test(std::string_view s);

/// Every method, in the order the robustness table lists them.
const std::vector<Method>& all_methods();
/// True for DL, REML, PM, SJ, HE, ML, EB.
bool is_random_effects(Method m);

/// Binary outcome: events and totals per arm (t = treatment, c = control).
struct BinaryCounts {
  double events_t = 0, total_t = 0, events_c = 0, total_c = 0;
};
/// Continuous outcome: mean, SD and n per arm.
struct ContinuousArms {
  double mean_t = 0, sd_t = 0, n_t = 0, mean_c = 0, sd_c = 0, n_c = 0;
};
/// Generic effect already on the analysis scale with its sampling variance.
struct GenericEffect {
  double yi = 0, vi = 0;
};

/// One study row as read from a CSV or from extracted outcome data.
struct MetaStudyInput {
  std::string study;
  std::string subgroup;  ///< "" when the data have no subgroup column
  std::variant<BinaryCounts, ContinuousArms, GenericEffect> data;
  std::size_t line = 0;  ///< source line (for "file:line: ..." errors), 0 if none
};

/// What to fit.
struct MetaOptions {
  Measure measure = Measure::RR;
  Method method = Method::REML;
  TestKind test = TestKind::Z;
  double level = 95;  ///< confidence level in percent, 0 < level < 100
};

/// One study of a fit. yi/vi/weight are nullopt for a study the method drops
/// (RR/OR double-zero or all-event tables); MH and PETO keep a weight (0 for a
/// double-zero table) as metafor does.
struct StudyEffect {
  std::string study;
  std::string subgroup;
  std::optional<double> yi, vi;
  std::optional<double> weight;  ///< percent of the total weight
  std::size_t line = 0;
};

/// A pooled result. Fields mirror the `prismaflow meta --json` contract.
/// Nulls: pi_lower/pi_upper when k < 3. For k = 1 the pooled value is the
/// study itself, tau2 = 0, q = 0, q_df = 0, q_p = 1, i2 = i2_tau = 0, h2 = 1
/// (metafor's k = 1 conventions), and the test falls back to z.
struct MetaResult {
  int k = 0;  ///< studies in the model (MH/PETO: number of tables)
  Measure measure = Measure::RR;
  Method method = Method::REML;
  TestKind test = TestKind::Z;
  double level = 95;
  double estimate = 0, se = 0, ci_lower = 0, ci_upper = 0;
  double statistic = 0;  ///< z, or t under knha
  double p = 1;          ///< two-sided
  std::optional<double> df;  ///< t degrees of freedom under knha
  double tau2 = 0;
  double q = 0;
  int q_df = 0;
  double q_p = 1;
  double i2 = 0;      ///< RevMan's max(0,(Q-df)/Q)*100
  double i2_tau = 0;  ///< metafor's tau^2-based I^2
  double h2 = 1;
  std::optional<double> pi_lower, pi_upper;
  std::vector<StudyEffect> studies;  ///< every input row, in input order
  int iterations = 0;     ///< iterations of an iterative tau^2 estimator, else 0
  bool converged = true;  ///< false only when a fallback estimator was used
  std::vector<std::string> warnings;
};

/// Computes per-study effects and pools them. Validates every row first.
/// `where` names the data source in messages (a file name).
/// Throws InputError("where:line: ...") for bad values (events > total, SD or
/// n not positive, wrong data shape for the measure), and UsageError for a
/// method that does not apply to the measure (MH on MD, PETO on RR, knha with
/// MH/PETO). Throws Error when no study is left to pool.
MetaResult run_meta(const std::vector<MetaStudyInput>& studies, const MetaOptions& options,
                    const std::string& where = "input");

/// One refit of leave-one-out (same method, test z, study `study` omitted).
struct LeaveOneOutRow {
  std::string study;
  double estimate = 0, se = 0, ci_lower = 0, ci_upper = 0, statistic = 0, p = 1;
  double tau2 = 0, q = 0;
  int q_df = 0;
  double i2 = 0, i2_tau = 0, h2 = 1;
};
/// Leave-one-out over the studies in the fit (dropped studies are not listed).
struct LeaveOneOutResult {
  std::vector<LeaveOneOutRow> omitted;
  std::vector<std::string> warnings;
};
/// metafor leave1out(): refits without each study in turn. Needs k >= 2.
LeaveOneOutResult leave_one_out(const std::vector<MetaStudyInput>& studies,
                                const MetaOptions& options, const std::string& where = "input");

/// One variant of Egger's regression test (metafor regtest, predictor "sei").
struct EggerFit {
  double statistic = 0, p = 1;  ///< test of the sei slope
  std::optional<double> df;     ///< null for the rma (z) variant, k-2 for lm
  double limit_estimate = 0, limit_ci_lower = 0, limit_ci_upper = 0;  ///< intercept (sei -> 0)
};
/// Both variants: `rma` fits yi ~ sei with the same tau^2 method (z test);
/// `lm` is the weighted regression lm(yi ~ sei, weights 1/vi) (classic Egger).
struct EggerResult {
  EggerFit rma, lm;
  int k = 0;
  std::vector<std::string> warnings;  ///< e.g. "k = 6 < 10: low power"
};
/// Egger's test on the studies in the fit. MH/PETO fits use FE for the rma
/// variant. Throws Error when k < 3 (no residual df).
EggerResult egger_test(const std::vector<MetaStudyInput>& studies, const MetaOptions& options,
                       const std::string& where = "input");

/// Subgroup analysis: the method run inside each subgroup, plus the test for
/// subgroup differences (Q between the subgroup estimates with weights
/// 1/se^2, df = groups - 1), as RevMan reports it.
struct SubgroupResult {
  struct Group {
    std::string name;
    MetaResult result;
  };
  std::vector<Group> groups;  ///< in order of first appearance
  double q_between = 0;
  int df = 0;
  double p = 1;
  std::vector<std::string> warnings;
};
/// Throws Error when the data have no subgroup labels.
SubgroupResult subgroup_analysis(const std::vector<MetaStudyInput>& studies,
                                 const MetaOptions& options, const std::string& where = "input");

/// One cell of the robustness table: a method and test, or why it does not apply.
struct RobustnessRow {
  Method method = Method::FE;
  TestKind test = TestKind::Z;
  std::optional<MetaResult> result;  ///< nullopt when not applicable
  std::string note;                  ///< why not applicable, or ""
};
/// Every method x {z, knha} on the same data (inapplicable pairs carry a note).
struct RobustnessResult {
  std::vector<RobustnessRow> rows;
};
RobustnessResult robustness_table(const std::vector<MetaStudyInput>& studies,
                                  const MetaOptions& options, const std::string& where = "input");

/// The contract JSON of `prismaflow meta --json`: exactly the keys k, measure,
/// method, test, estimate, se, ci_lower, ci_upper, statistic, p, tau2, q,
/// q_df, q_p, i2, i2_tau, h2, pi_lower, pi_upper, studies[{study, yi, vi,
/// weight}], plus "warnings" only when there are any (as in metafor's
/// reference files). Nulls are JSON null.
nlohmann::json to_json(const MetaResult& r);
/// Reads to_json() output back. Fields outside the contract (level,
/// iterations, subgroup, line) get their defaults. Throws Error on a missing key.
MetaResult meta_result_from_json(const nlohmann::json& j);

/// {"omitted": [{study, estimate, se, ci_lower, ci_upper, statistic, p, tau2,
/// q, q_df, i2, i2_tau, h2}]} as in the reference files.
nlohmann::json to_json(const LeaveOneOutResult& r);
/// {"rma": {statistic, p, df, limit_estimate, limit_ci_lower, limit_ci_upper}, "lm": {...}}.
nlohmann::json to_json(const EggerResult& r);
/// {"groups": [{"subgroup", ...contract result}], "test": {"q", "df", "p"}}.
nlohmann::json to_json(const SubgroupResult& r);
/// {"rows": [{"method", "test", "result" | "note"}]}.
nlohmann::json to_json(const RobustnessResult& r);

}  // namespace prismaflow::analyze
