// escalc() conventions of metafor 3.8 (README of shared/validation/meta):
// add 1/2 to every cell of a table with a zero cell (to = "only0"), drop
// tables with no events or only events in both arms for RR/OR/PETO
// (drop00), unpooled variance for MD, Hedges' g with the exact J for SMD.
#include "analyze/effect_size.hpp"

#include <cmath>
#include <sstream>

#include "common/error.hpp"

namespace prismaflow::analyze {
namespace {

std::string num(double x) {
  std::ostringstream os;
  os.precision(15);
  os << x;
  return os.str();
}

const char* shape_columns(Measure m) {
  switch (m) {
    case Measure::RR:
    case Measure::OR:
    case Measure::RD:
      return "binary data (study,events_t,total_t,events_c,total_c)";
    case Measure::MD:
    case Measure::SMD:
      return "continuous data (study,mean_t,sd_t,n_t,mean_c,sd_c,n_c)";
    case Measure::GEN:
      return "generic data (study,yi,vi)";
  }
  return "";
}

[[noreturn]] void fail(const MetaStudyInput& r, const std::string& where, const std::string& what) {
  throw InputError(where, r.line, "study '" + r.study + "': " + what);
}

void require_finite(const MetaStudyInput& r, const std::string& where, const char* name, double x) {
  if (!std::isfinite(x)) fail(r, where, std::string(name) + " is not a finite number");
}

void validate_binary(const MetaStudyInput& r, const BinaryCounts& b, const std::string& where) {
  const std::pair<const char*, double> cells[] = {
      {"events_t", b.events_t}, {"total_t", b.total_t}, {"events_c", b.events_c}, {"total_c", b.total_c}};
  for (const auto& [name, x] : cells) {
    require_finite(r, where, name, x);
    if (x < 0) fail(r, where, std::string(name) + " is negative (" + num(x) + "); counts must be >= 0");
  }
  if (b.total_t <= 0 || b.total_c <= 0)
    fail(r, where, "a total is 0; every arm needs at least one patient");
  if (b.events_t > b.total_t)
    fail(r, where, "events_t (" + num(b.events_t) + ") is larger than total_t (" + num(b.total_t) +
                       "); events cannot exceed the number of patients");
  if (b.events_c > b.total_c)
    fail(r, where, "events_c (" + num(b.events_c) + ") is larger than total_c (" + num(b.total_c) +
                       "); events cannot exceed the number of patients");
}

void validate_continuous(const MetaStudyInput& r, const ContinuousArms& c, Measure m,
                         const std::string& where) {
  const std::pair<const char*, double> cells[] = {{"mean_t", c.mean_t}, {"sd_t", c.sd_t}, {"n_t", c.n_t},
                                                  {"mean_c", c.mean_c}, {"sd_c", c.sd_c}, {"n_c", c.n_c}};
  for (const auto& [name, x] : cells) require_finite(r, where, name, x);
  if (c.sd_t <= 0 || c.sd_c <= 0)
    fail(r, where, "SD must be positive (sd_t " + num(c.sd_t) + ", sd_c " + num(c.sd_c) + ")");
  if (c.n_t <= 0 || c.n_c <= 0)
    fail(r, where, "n must be positive (n_t " + num(c.n_t) + ", n_c " + num(c.n_c) + ")");
  // Hedges' J needs m = n_t + n_c - 2 > 1 (Gamma((m-1)/2) is infinite at m = 1).
  if (m == Measure::SMD && c.n_t + c.n_c - 2 <= 1)
    fail(r, where, "SMD needs n_t + n_c >= 4 for the pooled SD and Hedges' correction");
}

void validate_generic(const MetaStudyInput& r, const GenericEffect& g, const std::string& where) {
  require_finite(r, where, "yi", g.yi);
  require_finite(r, where, "vi", g.vi);
  if (g.vi <= 0) fail(r, where, "vi must be positive (got " + num(g.vi) + ")");
}

}  // namespace

double hedges_correction(double m) {
  return std::exp(std::lgamma(m / 2) - 0.5 * std::log(m / 2) - std::lgamma((m - 1) / 2));
}

void validate_rows(const std::vector<MetaStudyInput>& rows, Measure measure,
                   const std::string& where) {
  for (const auto& r : rows) {
    bool ok = false;
    switch (measure) {
      case Measure::RR:
      case Measure::OR:
      case Measure::RD:
        if (const auto* b = std::get_if<BinaryCounts>(&r.data)) validate_binary(r, *b, where), ok = true;
        break;
      case Measure::MD:
      case Measure::SMD:
        if (const auto* c = std::get_if<ContinuousArms>(&r.data))
          validate_continuous(r, *c, measure, where), ok = true;
        break;
      case Measure::GEN:
        if (const auto* g = std::get_if<GenericEffect>(&r.data)) validate_generic(r, *g, where), ok = true;
        break;
    }
    if (!ok)
      fail(r, where, "measure " + std::string(to_string(measure)) + " needs " + shape_columns(measure) +
                         "; choose a --measure that fits the data");
  }
}

std::vector<EffectValue> compute_effects(const std::vector<MetaStudyInput>& rows,
                                         Measure measure, bool peto) {
  std::vector<EffectValue> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    EffectValue e;
    if (const auto* bc = std::get_if<BinaryCounts>(&r.data)) {
      double a = bc->events_t, b = bc->total_t - bc->events_t;
      double c = bc->events_c, d = bc->total_c - bc->events_c;
      bool drop00 = (a == 0 && c == 0) || (b == 0 && d == 0);
      if (drop00 && measure != Measure::RD) {
        out.push_back(e);
        continue;
      }
      if (a == 0 || b == 0 || c == 0 || d == 0) a += 0.5, b += 0.5, c += 0.5, d += 0.5;
      double n1 = a + b, n2 = c + d;
      if (peto) {
        double n = n1 + n2, xt = a + c, yt = b + d;
        double expected = xt * n1 / n;
        double v = xt * yt * (n1 / n) * (n2 / n) / (n - 1);
        e.yi = (a - expected) / v;
        e.vi = 1 / v;
      } else if (measure == Measure::RR) {
        e.yi = std::log(a / n1) - std::log(c / n2);
        e.vi = 1 / a - 1 / n1 + 1 / c - 1 / n2;
      } else if (measure == Measure::OR) {
        e.yi = std::log((a * d) / (b * c));
        e.vi = 1 / a + 1 / b + 1 / c + 1 / d;
      } else {
        double p1 = a / n1, p2 = c / n2;
        e.yi = p1 - p2;
        e.vi = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
      }
    } else if (const auto* ca = std::get_if<ContinuousArms>(&r.data)) {
      if (measure == Measure::MD) {
        e.yi = ca->mean_t - ca->mean_c;
        e.vi = ca->sd_t * ca->sd_t / ca->n_t + ca->sd_c * ca->sd_c / ca->n_c;
      } else {
        double m = ca->n_t + ca->n_c - 2;
        double sp = std::sqrt(((ca->n_t - 1) * ca->sd_t * ca->sd_t + (ca->n_c - 1) * ca->sd_c * ca->sd_c) / m);
        double g = hedges_correction(m) * (ca->mean_t - ca->mean_c) / sp;
        e.yi = g;
        e.vi = 1 / ca->n_t + 1 / ca->n_c + g * g / (2 * (ca->n_t + ca->n_c));
      }
    } else {
      const auto& g = std::get<GenericEffect>(r.data);
      e.yi = g.yi;
      e.vi = g.vi;
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace prismaflow::analyze
