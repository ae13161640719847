// Analyses around one pooled estimate: leave-one-out (metafor leave1out),
// Egger's regression test (metafor regtest, predictor "sei"), subgroup
// analysis with the test for subgroup differences (RevMan), and the
// robustness table of every estimator with both tests.
#include <cmath>
#include <map>

#include "analyze/distributions.hpp"
#include "analyze/meta_analysis.hpp"
#include "analyze/tau2.hpp"
#include "common/error.hpp"

namespace prismaflow::analyze {

LeaveOneOutResult leave_one_out(const std::vector<MetaStudyInput>& studies,
                                const MetaOptions& options, const std::string& where) {
  MetaResult full = run_meta(studies, options, where);
  MetaOptions z = options;
  z.test = TestKind::Z;  // metafor's leave1out refits keep the model's test; the contract uses z
  LeaveOneOutResult out;
  int in_fit = 0;
  for (const auto& s : full.studies) in_fit += s.yi ? 1 : 0;
  if (in_fit < 2) throw Error("leave-one-out needs at least 2 studies in the model (k = " + std::to_string(in_fit) + ")");
  for (std::size_t i = 0; i < studies.size(); ++i) {
    if (!full.studies[i].yi) continue;  // a dropped study is not "left out"
    std::vector<MetaStudyInput> rest;
    rest.reserve(studies.size() - 1);
    for (std::size_t j = 0; j < studies.size(); ++j)
      if (j != i) rest.push_back(studies[j]);
    try {
      MetaResult r = run_meta(rest, z, where);
      out.omitted.push_back({studies[i].study, r.estimate, r.se, r.ci_lower, r.ci_upper, r.statistic, r.p,
                             r.tau2, r.q, r.q_df, r.i2, r.i2_tau, r.h2});
      for (const auto& w : r.warnings) out.warnings.push_back("without '" + studies[i].study + "': " + w);
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      out.warnings.push_back("without '" + studies[i].study + "': no fit (" + e.what() + ")");
    }
  }
  return out;
}

EggerResult egger_test(const std::vector<MetaStudyInput>& studies, const MetaOptions& options,
                       const std::string& where) {
  MetaResult full = run_meta(studies, options, where);
  RegressionData d;
  for (const auto& s : full.studies) {
    if (!s.yi) continue;
    d.y.push_back(*s.yi);
    d.v.push_back(*s.vi);
    d.x.push_back(std::sqrt(*s.vi));
  }
  EggerResult out;
  out.k = static_cast<int>(d.k());
  if (d.k() < 3)
    throw Error("Egger's test needs at least 3 studies (k = " + std::to_string(d.k()) + ")");
  if (d.k() < 10)
    out.warnings.push_back("Egger's test with k = " + std::to_string(d.k()) +
                           " < 10 studies has little power; do not read a non-significant result as "
                           "absence of small-study effects");
  const double alpha = 1 - options.level / 100;

  // rma variant: yi ~ sei with the model's tau^2 estimator, z test.
  Method m = is_random_effects(options.method) ? options.method : Method::FE;
  Tau2Estimate t = estimate_tau2(d, m);
  for (const auto& w : t.warnings) out.warnings.push_back("Egger rma: " + w);
  WlsFit f = wls_fit(d, t.tau2);
  double zc = dist::normal_upper_quantile(alpha / 2);
  out.rma.statistic = f.beta[1] / std::sqrt(f.cov[1][1]);
  out.rma.p = dist::normal_two_sided_p(out.rma.statistic);
  out.rma.limit_estimate = f.beta[0];
  out.rma.limit_ci_lower = f.beta[0] - zc * std::sqrt(f.cov[0][0]);
  out.rma.limit_ci_upper = f.beta[0] + zc * std::sqrt(f.cov[0][0]);

  // lm variant: weighted least squares with weights 1/vi and an estimated
  // residual variance, a t test on k - 2 df (the classic Egger test).
  WlsFit l = wls_fit(d, 0.0);
  double df = static_cast<double>(d.k()) - 2;
  double sigma2 = l.ypy / df;
  double tc = dist::t_upper_quantile(alpha / 2, df);
  out.lm.statistic = l.beta[1] / std::sqrt(sigma2 * l.cov[1][1]);
  out.lm.p = dist::t_two_sided_p(out.lm.statistic, df);
  out.lm.df = df;
  out.lm.limit_estimate = l.beta[0];
  out.lm.limit_ci_lower = l.beta[0] - tc * std::sqrt(sigma2 * l.cov[0][0]);
  out.lm.limit_ci_upper = l.beta[0] + tc * std::sqrt(sigma2 * l.cov[0][0]);
  return out;
}

SubgroupResult subgroup_analysis(const std::vector<MetaStudyInput>& studies,
                                 const MetaOptions& options, const std::string& where) {
  run_meta(studies, options, where);  // bad rows are an error, not a skipped subgroup
  std::vector<std::string> order;
  std::map<std::string, std::vector<MetaStudyInput>> groups;
  bool labelled = false;
  for (const auto& s : studies) {
    labelled = labelled || !s.subgroup.empty();
    if (!groups.count(s.subgroup)) order.push_back(s.subgroup);
    groups[s.subgroup].push_back(s);
  }
  if (!labelled)
    throw InputError(where, 0, "no subgroups: add a 'subgroup' column after 'study' to compare subgroups");
  SubgroupResult out;
  double sw = 0, swy = 0;
  for (const auto& name : order) {
    std::string label = name.empty() ? "(no subgroup)" : name;
    try {
      MetaResult r = run_meta(groups[name], options, where);
      for (const auto& w : r.warnings) out.warnings.push_back("subgroup '" + label + "': " + w);
      double w = 1 / (r.se * r.se);
      sw += w;
      swy += w * r.estimate;
      out.groups.push_back({label, std::move(r)});
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      out.warnings.push_back("subgroup '" + label + "' left out of the test: " + e.what());
    }
  }
  // Test for subgroup differences: Q between subgroup estimates with
  // inverse-variance weights 1/se^2 (RevMan, Borenstein et al. ch. 19).
  double mean = swy / sw;
  for (const auto& g : out.groups) {
    double w = 1 / (g.result.se * g.result.se);
    out.q_between += w * (g.result.estimate - mean) * (g.result.estimate - mean);
  }
  out.df = static_cast<int>(out.groups.size()) - 1;
  out.p = out.df > 0 ? dist::chi_squared_upper_p(out.q_between, out.df) : 1.0;
  if (out.df < 1) out.warnings.push_back("fewer than 2 subgroups could be pooled; no test for subgroup differences");
  return out;
}

RobustnessResult robustness_table(const std::vector<MetaStudyInput>& studies,
                                  const MetaOptions& options, const std::string& where) {
  RobustnessResult out;
  bool binary = options.measure == Measure::RR || options.measure == Measure::OR ||
                options.measure == Measure::RD;
  for (Method m : all_methods()) {
    for (TestKind t : {TestKind::Z, TestKind::KNHA}) {
      RobustnessRow row;
      row.method = m;
      row.test = t;
      if (m == Method::MH && !binary) {
        row.note = "MH needs a binary measure";
      } else if (m == Method::PETO && options.measure != Measure::OR) {
        row.note = "Peto pools odds ratios only";
      } else if ((m == Method::MH || m == Method::PETO) && t == TestKind::KNHA) {
        row.note = "knha applies to inverse-variance models only";
      } else {
        MetaOptions o = options;
        o.method = m;
        o.test = t;
        try {
          row.result = run_meta(studies, o, where);
        } catch (const InputError&) {
          throw;  // bad data is bad for every method
        } catch (const Error& e) {
          row.note = e.what();
        }
      }
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace prismaflow::analyze
