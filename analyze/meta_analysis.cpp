// run_meta(): per-study effects, then inverse-variance pooling (FE or a
// random-effects tau^2 estimator, optionally Hartung-Knapp), or table-based
// Mantel-Haenszel / Peto pooling, followed by heterogeneity statistics and
// the prediction interval, all as metafor 3.8 reports them.
#include "analyze/meta_analysis.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>

#include "analyze/distributions.hpp"
#include "analyze/effect_size.hpp"
#include "analyze/mantel_haenszel.hpp"
#include "analyze/tau2.hpp"
#include "common/error.hpp"

namespace prismaflow::analyze {
namespace {

constexpr std::array<std::string_view, 6> kMeasureNames = {"RR", "OR", "RD", "MD", "SMD", "GEN"};
constexpr std::array<std::string_view, 10> kMethodNames = {"FE", "MH", "PETO", "DL", "REML",
                                                          "PM", "SJ", "HE", "ML", "EB"};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

void check_options(const MetaOptions& o) {
  bool binary = o.measure == Measure::RR || o.measure == Measure::OR || o.measure == Measure::RD;
  if (o.method == Method::MH && !binary)
    throw UsageError("--method MH needs a binary measure (RR, OR or RD), not " +
                     std::string(to_string(o.measure)));
  if (o.method == Method::PETO && o.measure != Measure::OR)
    throw UsageError("--method PETO pools odds ratios only; use --measure OR");
  if ((o.method == Method::MH || o.method == Method::PETO) && o.test == TestKind::KNHA)
    throw UsageError("--test knha applies to inverse-variance models (FE or random effects), not " +
                     std::string(to_string(o.method)));
  if (!(o.level > 0 && o.level < 100))
    throw UsageError("--level must be between 0 and 100 (e.g. 95), got " + std::to_string(o.level));
}

// I^2 as RevMan reports it: max(0, (Q - df)/Q) * 100, and 0 when Q = 0.
double revman_i2(double q, int df) { return q > 0 ? std::max(0.0, (q - df) / q) * 100 : 0.0; }

void set_prediction_interval(MetaResult& r) {
  if (r.k < 3) return;
  double alpha = 1 - r.level / 100;
  double half = dist::t_upper_quantile(alpha / 2, r.k - 2) * std::sqrt(r.se * r.se + r.tau2);
  r.pi_lower = r.estimate - half;
  r.pi_upper = r.estimate + half;
}

void set_test(MetaResult& r, std::optional<double> df) {
  double alpha = 1 - r.level / 100;
  double crit = df ? dist::t_upper_quantile(alpha / 2, *df) : dist::normal_upper_quantile(alpha / 2);
  r.df = df;
  r.ci_lower = r.estimate - crit * r.se;
  r.ci_upper = r.estimate + crit * r.se;
  r.statistic = r.estimate / r.se;
  r.p = df ? dist::t_two_sided_p(r.statistic, *df) : dist::normal_two_sided_p(r.statistic);
}

// Cochran's Q with the fixed-effect weights 1/v, its df and p.
void set_q(MetaResult& r, const RegressionData& d) {
  int k = static_cast<int>(d.k());
  if (k <= 1) return;  // metafor k = 1: Q = 0, p = 1, I^2 = 0, H^2 = 1 (the defaults)
  r.q = std::max(0.0, wls_fit(d, 0.0).ypy);
  r.q_df = k - 1;
  r.q_p = dist::chi_squared_upper_p(r.q, r.q_df);
  r.i2 = revman_i2(r.q, r.q_df);
}

void fit_inverse_variance(MetaResult& r, const RegressionData& d, const MetaOptions& o) {
  const int k = static_cast<int>(d.k());
  r.k = k;
  if (k == 1 && o.test == TestKind::KNHA)
    r.warnings.push_back("knha needs k >= 2; the z test is used for a single study (as metafor does)");
  if (k > 1 && is_random_effects(o.method)) {
    Tau2Estimate t = estimate_tau2(d, o.method);
    r.tau2 = t.tau2;
    r.iterations = t.iterations;
    r.converged = t.converged;
    r.warnings.insert(r.warnings.end(), t.warnings.begin(), t.warnings.end());
  }
  WlsFit f = wls_fit(d, r.tau2);
  r.estimate = f.beta[0];
  r.se = std::sqrt(f.cov[0][0]);
  std::optional<double> df;
  if (o.test == TestKind::KNHA && k > 1) {
    // Hartung-Knapp: scale by sqrt(Q_gen/(k-1)), not truncated at 1 (metafor knha).
    double s2w = f.ypy <= std::numeric_limits<double>::epsilon() ? 0.0 : f.ypy / (k - 1);
    r.se *= std::sqrt(s2w);
    df = k - 1;
  }
  set_test(r, df);
  set_q(r, d);
  if (is_random_effects(o.method)) {
    if (k > 1) {
      WlsFit fe = wls_fit(d, 0.0);
      double s2 = (k - 1) * fe.sum_w / (fe.sum_w * fe.sum_w - fe.sum_w2);
      r.i2_tau = 100 * r.tau2 / (r.tau2 + s2);
      r.h2 = (r.tau2 + s2) / s2;
    }
  } else {
    r.i2_tau = r.i2;
    r.h2 = k > 1 ? r.q / r.q_df : 1.0;
  }
  set_prediction_interval(r);
}

// MH and Peto: the pooled value comes from the tables; Q from the escalc
// values of the studies that have one (metafor rma.mh / rma.peto).
void fit_tables(MetaResult& r, const std::vector<MetaStudyInput>& rows, const RegressionData& d,
                const MetaOptions& o) {
  TablePooled t = o.method == Method::MH ? pool_mantel_haenszel(rows, o.measure) : pool_peto(rows);
  r.k = static_cast<int>(rows.size());
  r.estimate = t.estimate;
  r.se = t.se;
  set_test(r, std::nullopt);
  int k_yi = static_cast<int>(d.k());
  bool enough = k_yi > 1;
  if (o.method == Method::PETO) {
    int k_pos = static_cast<int>(std::count_if(t.weights.begin(), t.weights.end(), [](double v) { return v > 0; }));
    enough = k_pos > 1;
    r.q = t.peto_q;
    r.q_df = std::max(0, k_yi - 1);
  } else if (k_yi > 1) {
    double q = 0;
    for (std::size_t i = 0; i < d.k(); ++i) q += (d.y[i] - r.estimate) * (d.y[i] - r.estimate) / d.v[i];
    r.q = std::max(0.0, q);
    r.q_df = k_yi - 1;
  }
  if (enough && r.q_df > 0) {
    r.q_p = dist::chi_squared_upper_p(r.q, r.q_df);
    r.i2 = revman_i2(r.q, r.q_df);
    r.h2 = r.q / r.q_df;
  } else {
    r.q_p = 1;
    r.i2 = 0;
    r.h2 = 1;
  }
  r.i2_tau = r.i2;
  double total = 0;
  for (double w : t.weights) total += w;
  for (std::size_t i = 0; i < rows.size(); ++i) r.studies[i].weight = 100 * t.weights[i] / total;
  set_prediction_interval(r);
}

}  // namespace

std::string_view to_string(Measure m) { return kMeasureNames[static_cast<std::size_t>(m)]; }
std::string_view to_string(Method m) { return kMethodNames[static_cast<std::size_t>(m)]; }
std::string_view to_string(TestKind t) { return t == TestKind::Z ? "z" : "knha"; }

std::optional<Measure> parse_measure(std::string_view s) {
  for (std::size_t i = 0; i < kMeasureNames.size(); ++i)
    if (iequals(s, kMeasureNames[i])) return static_cast<Measure>(i);
  return std::nullopt;
}
std::optional<Method> parse_method(std::string_view s) {
  for (std::size_t i = 0; i < kMethodNames.size(); ++i)
    if (iequals(s, kMethodNames[i])) return static_cast<Method>(i);
  return std::nullopt;
}
std::optional<TestKind> parse_test(std::string_view s) {
  if (iequals(s, "z")) return TestKind::Z;
  if (iequals(s, "knha") || iequals(s, "hk")) return TestKind::KNHA;
  return std::nullopt;
}

const std::vector<Method>& all_methods() {
  static const std::vector<Method> all = {Method::FE, Method::MH, Method::PETO, Method::DL, Method::REML,
                                          Method::PM, Method::SJ, Method::HE,   Method::ML, Method::EB};
  return all;
}

bool is_random_effects(Method m) {
  return m != Method::FE && m != Method::MH && m != Method::PETO;
}

MetaResult run_meta(const std::vector<MetaStudyInput>& studies, const MetaOptions& options,
                    const std::string& where) {
  check_options(options);
  if (studies.empty()) throw InputError(where, 0, "no study rows to pool; add at least one study");
  validate_rows(studies, options.measure, where);
  std::vector<EffectValue> eff = compute_effects(studies, options.measure, options.method == Method::PETO);

  MetaResult r;
  r.measure = options.measure;
  r.method = options.method;
  r.test = options.test;
  r.level = options.level;
  RegressionData d;
  for (std::size_t i = 0; i < studies.size(); ++i) {
    StudyEffect s;
    s.study = studies[i].study;
    s.subgroup = studies[i].subgroup;
    s.line = studies[i].line;
    s.yi = eff[i].yi;
    s.vi = eff[i].vi;
    if (s.yi) {
      d.y.push_back(*s.yi);
      d.v.push_back(*s.vi);
    }
    r.studies.push_back(std::move(s));
  }
  if (options.method == Method::MH || options.method == Method::PETO) {
    fit_tables(r, studies, d, options);
    return r;
  }
  if (d.k() == 0)
    throw InputError(where, 0,
                     "no study left to pool: every table has no events (or only events) in both arms, "
                     "so RR and OR are undefined; use --measure RD");
  fit_inverse_variance(r, d, options);
  double total = 0;
  for (std::size_t i = 0; i < d.k(); ++i) total += 1 / (d.v[i] + r.tau2);
  for (auto& s : r.studies)
    if (s.yi) s.weight = 100 / (*s.vi + r.tau2) / total;
  return r;
}

}  // namespace prismaflow::analyze
