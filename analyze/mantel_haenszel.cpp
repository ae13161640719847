// Formulas transcribed from metafor 3.8 rma.mh() and rma.peto() (variable
// names as there: ai, bi, ci, di cells, n1i, n2i arm totals, Ni table total).
#include "analyze/mantel_haenszel.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"

namespace prismaflow::analyze {
namespace {

struct Table {
  double ai, bi, ci, di, n1i, n2i, ni;
};

Table table_of(const MetaStudyInput& r) {
  const auto& b = std::get<BinaryCounts>(r.data);
  Table t{b.events_t, b.total_t - b.events_t, b.events_c, b.total_c - b.events_c,
          b.total_t, b.total_c, b.total_t + b.total_c};
  return t;
}

}  // namespace

TablePooled pool_mantel_haenszel(const std::vector<MetaStudyInput>& rows, Measure measure) {
  TablePooled out;
  out.weights.reserve(rows.size());
  if (measure == Measure::OR) {
    double r = 0, s = 0, pr = 0, ps_qr = 0, qs = 0;
    for (const auto& row : rows) {
      Table t = table_of(row);
      double pi = t.ai / t.ni + t.di / t.ni, qi = t.bi / t.ni + t.ci / t.ni;
      double ri = (t.ai / t.ni) * t.di, si = (t.bi / t.ni) * t.ci;
      r += ri, s += si;
      pr += pi * ri, ps_qr += pi * si + qi * ri, qs += qi * si;
      out.weights.push_back(t.bi * t.ci / t.ni);
    }
    if (r == 0 || s == 0)
      throw Error("Mantel-Haenszel OR is undefined: the pooled odds ratio is 0 or infinite (no "
                  "events or no non-events in one arm over all tables); use --measure RD");
    out.estimate = std::log(r / s);
    out.se = std::sqrt(0.5 * (pr / (r * r) + ps_qr / (r * s) + qs / (s * s)));
  } else if (measure == Measure::RR) {
    double r = 0, s = 0, sum_a = 0, sum_c = 0, num = 0;
    for (const auto& row : rows) {
      Table t = table_of(row);
      r += t.ai * (t.n2i / t.ni);
      s += t.ci * (t.n1i / t.ni);
      sum_a += t.ai, sum_c += t.ci;
      num += (t.n1i / t.ni) * (t.n2i / t.ni) * (t.ai + t.ci) - (t.ai / t.ni) * t.ci;
      out.weights.push_back(t.ci * t.n1i / t.ni);
    }
    if (sum_a == 0 || sum_c == 0)
      throw Error("Mantel-Haenszel RR is undefined: one arm has no events in any table; use --measure RD");
    out.estimate = std::log(r / s);
    out.se = std::sqrt(num / (r * s));
  } else {
    double num = 0, den = 0;
    for (const auto& row : rows) {
      Table t = table_of(row);
      num += t.ai * (t.n2i / t.ni) - t.ci * (t.n1i / t.ni);
      den += t.n1i * (t.n2i / t.ni);
      out.weights.push_back(t.n1i * t.n2i / t.ni);
    }
    double beta = num / den;
    double s1 = 0, s2 = 0;
    for (const auto& row : rows) {
      Table t = table_of(row);
      double f1 = t.n1i / t.ni, f2 = t.n2i / t.ni;
      s1 += t.ci * f1 * f1 - t.ai * f2 * f2 + f1 * f2 * (t.n2i - t.n1i) / 2;
      s2 += t.ai * (t.n2i - t.ci) / t.ni + t.ci * (t.n1i - t.ai) / t.ni;
    }
    out.estimate = beta;
    out.se = std::sqrt((beta * s1 + s2 / 2) / (den * den));
  }
  return out;
}

TablePooled pool_peto(const std::vector<MetaStudyInput>& rows) {
  TablePooled out;
  double sum_oe = 0, sum_v = 0, sum_oe2_v = 0;
  for (const auto& row : rows) {
    Table t = table_of(row);
    double xt = t.ai + t.ci, yt = t.bi + t.di;
    double ei = xt * t.n1i / t.ni;
    double vi = t.ni > 1 ? xt * yt * (t.n1i / t.ni) * (t.n2i / t.ni) / (t.ni - 1) : 0.0;
    sum_oe += t.ai - ei;
    sum_v += vi;
    if (vi > 0) sum_oe2_v += (t.ai - ei) * (t.ai - ei) / vi;
    out.weights.push_back(vi);
  }
  if (sum_v == 0)
    throw Error("Peto's method cannot be used: one of the two outcomes never occurs in any table");
  out.estimate = sum_oe / sum_v;
  out.se = std::sqrt(1 / sum_v);
  out.peto_q = std::max(0.0, sum_oe2_v - sum_oe * sum_oe / sum_v);
  return out;
}

}  // namespace prismaflow::analyze
