// Text layout after RevMan's analysis tables; numbers on the natural scale.
#include "analyze/meta_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "analyze/distributions.hpp"

namespace prismaflow::analyze {
namespace {

std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

std::string effect(Measure m, double x) { return fmt("%.2f", natural_scale(m, x)); }

std::string effect_ci(Measure m, double est, double lo, double hi) {
  return effect(m, est) + " [" + effect(m, lo) + ", " + effect(m, hi) + "]";
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() > width) s = s.substr(0, width - 1) + "~";
  s.resize(width, ' ');
  return s;
}

std::string measure_name(Measure m) {
  switch (m) {
    case Measure::RR: return "Risk Ratio (RR)";
    case Measure::OR: return "Odds Ratio (OR)";
    case Measure::RD: return "Risk Difference (RD)";
    case Measure::MD: return "Mean Difference (MD)";
    case Measure::SMD: return "Std. Mean Difference (Hedges' g)";
    case Measure::GEN: return "Generic effect (yi as given)";
  }
  return "";
}

std::string method_name(Method m) {
  switch (m) {
    case Method::FE: return "Inverse Variance, Fixed";
    case Method::MH: return "M-H, Fixed";
    case Method::PETO: return "Peto, Fixed";
    case Method::DL: return "Random, DerSimonian-Laird";
    case Method::REML: return "Random, REML";
    case Method::PM: return "Random, Paule-Mandel";
    case Method::SJ: return "Random, Sidik-Jonkman";
    case Method::HE: return "Random, Hedges";
    case Method::ML: return "Random, ML";
    case Method::EB: return "Random, Empirical Bayes";
  }
  return "";
}

std::string level_text(double level) { return fmt("%g", level) + "% CI"; }

void warnings(std::ostringstream& os, const std::vector<std::string>& ws) {
  for (const auto& w : ws) os << "Warning: " << w << "\n";
}

}  // namespace

double natural_scale(Measure m, double x) {
  return m == Measure::RR || m == Measure::OR ? std::exp(x) : x;
}

std::string format_p(double p) {
  if (std::isnan(p)) return "P = NA";
  if (p < 0.00001) return "P < 0.00001";
  if (p < 0.001) return "P = " + fmt("%.5f", p);
  if (p < 0.01) return "P = " + fmt("%.4f", p);
  return "P = " + fmt("%.2f", p);
}

std::string format_meta_text(const MetaResult& r) {
  std::ostringstream os;
  const double z = dist::normal_upper_quantile((1 - r.level / 100) / 2);
  std::string sname(to_string(r.measure));
  if (r.method == Method::PETO) sname = "Peto OR";
  os << measure_name(r.measure) << ", " << method_name(r.method) << ", " << level_text(r.level)
     << (r.test == TestKind::KNHA ? ", Hartung-Knapp" : "") << "\n\n";
  os << pad("Study", 36) << pad(sname + " [" + level_text(r.level) + "]", 28) << "Weight\n";
  for (const auto& s : r.studies) {
    os << pad(s.study, 36);
    if (s.yi) {
      double h = z * std::sqrt(*s.vi);
      os << pad(effect_ci(r.measure, *s.yi, *s.yi - h, *s.yi + h), 28);
    } else {
      os << pad("Not estimable", 28);
    }
    os << (s.weight ? fmt("%5.1f%%", *s.weight) : std::string("    -")) << "\n";
  }
  os << pad("Total (" + level_text(r.level) + ")", 36)
     << pad(effect_ci(r.measure, r.estimate, r.ci_lower, r.ci_upper), 28) << "100.0%\n";
  if (r.pi_lower)
    os << pad("Prediction interval", 36) << "[" << effect(r.measure, *r.pi_lower) << ", "
       << effect(r.measure, *r.pi_upper) << "]\n";
  os << "\nHeterogeneity: ";
  if (is_random_effects(r.method)) os << "Tau\u00b2 = " << fmt("%.4g", r.tau2) << "; ";
  os << "Chi\u00b2 = " << fmt("%.2f", r.q) << ", df = " << r.q_df << " (" << format_p(r.q_p)
     << "); I\u00b2 = " << fmt("%.0f", r.i2) << "%\n";
  os << "Test for overall effect: " << (r.df ? "t" : "Z") << " = " << fmt("%.2f", std::fabs(r.statistic));
  if (r.df) os << ", df = " << fmt("%g", *r.df);
  os << " (" << format_p(r.p) << ")\n";
  os << "Studies: k = " << r.k;
  if (r.iterations > 0) os << "; tau\u00b2 estimator converged in " << r.iterations << " iterations";
  os << "\n";
  warnings(os, r.warnings);
  return os.str();
}

std::string format_leave_one_out_text(const LeaveOneOutResult& l, const MetaResult& r) {
  std::ostringstream os;
  os << "Leave-one-out (" << to_string(r.method) << ", z test)\n";
  os << pad("Omitted study", 36) << pad(std::string(to_string(r.measure)) + " [" + level_text(r.level) + "]", 28)
     << pad("P", 14) << pad("Tau\u00b2", 11) << "I\u00b2\n";
  for (const auto& o : l.omitted) {
    os << pad(o.study, 36) << pad(effect_ci(r.measure, o.estimate, o.ci_lower, o.ci_upper), 28)
       << pad(format_p(o.p), 14) << pad(fmt("%.4g", o.tau2), 10) << fmt("%.0f%%", o.i2) << "\n";
  }
  warnings(os, l.warnings);
  return os.str();
}

std::string format_egger_text(const EggerResult& e) {
  std::ostringstream os;
  os << "Egger's regression test for funnel plot asymmetry (predictor: standard error), k = " << e.k << "\n";
  os << "  mixed-effects model (rma): z = " << fmt("%.4f", e.rma.statistic) << ", " << format_p(e.rma.p)
     << "; limit estimate " << fmt("%.4f", e.rma.limit_estimate) << " [" << fmt("%.4f", e.rma.limit_ci_lower)
     << ", " << fmt("%.4f", e.rma.limit_ci_upper) << "]\n";
  os << "  weighted regression (lm): t = " << fmt("%.4f", e.lm.statistic) << ", df = " << fmt("%g", e.lm.df.value_or(0))
     << ", " << format_p(e.lm.p) << "; limit estimate " << fmt("%.4f", e.lm.limit_estimate) << " ["
     << fmt("%.4f", e.lm.limit_ci_lower) << ", " << fmt("%.4f", e.lm.limit_ci_upper) << "]\n";
  warnings(os, e.warnings);
  return os.str();
}

std::string format_subgroups_text(const SubgroupResult& s) {
  std::ostringstream os;
  for (const auto& g : s.groups) {
    os << "== Subgroup: " << g.name << " ==\n" << format_meta_text(g.result) << "\n";
  }
  os << "Test for subgroup differences: Chi\u00b2 = " << fmt("%.2f", s.q_between) << ", df = " << s.df << " ("
     << format_p(s.p) << ")";
  if (s.q_between > 0 && s.df > 0)
    os << ", I\u00b2 = " << fmt("%.0f", std::max(0.0, (s.q_between - s.df) / s.q_between) * 100) << "%";
  os << "\n";
  warnings(os, s.warnings);
  return os.str();
}

std::string format_robustness_text(const RobustnessResult& r, Measure measure, double level) {
  std::ostringstream os;
  os << "Robustness: every estimator with both tests on the same data\n";
  os << pad("Method", 8) << pad("Test", 6) << pad(std::string(to_string(measure)) + " [" + level_text(level) + "]", 28)
     << pad("P", 14) << pad("Tau\u00b2", 11) << "Iter\n";
  for (const auto& row : r.rows) {
    os << pad(std::string(to_string(row.method)), 8) << pad(std::string(to_string(row.test)), 6);
    if (row.result) {
      const auto& m = *row.result;
      os << pad(effect_ci(measure, m.estimate, m.ci_lower, m.ci_upper), 28) << pad(format_p(m.p), 14)
         << pad(fmt("%.4g", m.tau2), 10) << m.iterations << (m.warnings.empty() ? "" : "  (see warnings)");
    } else {
      os << "n/a: " << row.note;
    }
    os << "\n";
  }
  for (const auto& row : r.rows)
    if (row.result)
      for (const auto& w : row.result->warnings)
        os << "Warning (" << to_string(row.method) << "/" << to_string(row.test) << "): " << w << "\n";
  return os.str();
}

}  // namespace prismaflow::analyze
