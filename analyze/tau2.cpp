// tau^2 estimators, following metafor 3.8 rma.uni (see tau2.hpp). The model
// has p = 1 or 2 columns, so (X'WX)^-1 is an explicit 2x2 inverse and every
// trace of P is a handful of weighted sums: O(k) per evaluation.
#include "analyze/tau2.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace prismaflow::analyze {
namespace {

constexpr int kMaxIterations = 10000;
// Relative convergence of the iterative estimators; the metafor references
// were iterated to |change| <= 1e-12 * tau^2.
constexpr double kRelTol = 1e-12;

// Symmetric 2x2 (or 1x1 when p = 1) matrix of weighted sums of X'CX.
struct Sym2 {
  double a = 0, b = 0, c = 0;  // [[a, b], [b, c]]
};

struct Mat2 {
  double m[2][2] = {{0, 0}, {0, 0}};
};

Mat2 mul(const Mat2& x, const Mat2& y) {
  Mat2 r;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) r.m[i][j] = x.m[i][0] * y.m[0][j] + x.m[i][1] * y.m[1][j];
  return r;
}

Mat2 as_mat(const Sym2& s, int p) {
  Mat2 r;
  r.m[0][0] = s.a;
  if (p == 2) {
    r.m[0][1] = r.m[1][0] = s.b;
    r.m[1][1] = s.c;
  }
  return r;
}

// Inverse of a symmetric positive definite matrix, with log-determinant.
Mat2 inverse(const Sym2& s, int p, double* log_det) {
  Mat2 r;
  if (p == 1) {
    r.m[0][0] = 1.0 / s.a;
    *log_det = std::log(s.a);
    return r;
  }
  double det = s.a * s.c - s.b * s.b;
  r.m[0][0] = s.c / det;
  r.m[1][1] = s.a / det;
  r.m[0][1] = r.m[1][0] = -s.b / det;
  *log_det = std::log(det);
  return r;
}

double trace(const Mat2& x, int p) { return p == 1 ? x.m[0][0] : x.m[0][0] + x.m[1][1]; }

// Fisher-scoring step of metafor's ML, REML and EB iterations.
double scoring_step(const RegressionData& d, Method m, double tau2) {
  WlsFit f = wls_fit(d, tau2);
  double k = static_cast<double>(d.k());
  double p = d.p();
  switch (m) {
    case Method::ML:
      return (f.yppy - f.sum_w) / f.sum_w2;
    case Method::REML:
      return (f.yppy - f.tr_p) / f.tr_pp;
    default:  // EB (Morris)
      return (f.ypy * k / (k - p) - k) / f.sum_w;
  }
}

double dl_tau2(const RegressionData& d) {
  WlsFit f = wls_fit(d, 0.0);
  return std::max(0.0, (f.ypy - (static_cast<double>(d.k()) - d.p())) / f.tr_p);
}

double he_tau2(const RegressionData& d) {
  OlsFit o = ols_fit(d);
  return std::max(0.0, (o.rss - o.tr_pv) / (static_cast<double>(d.k()) - d.p()));
}

// Paule-Mandel: the root of Y'PY(tau^2) = k - p. Y'PY decreases in tau^2
// with derivative -Y'PPY, so a Newton step safeguarded by a bracket reaches
// machine precision in a few steps.
Tau2Estimate pm_tau2(const RegressionData& d) {
  Tau2Estimate est;
  const double target = static_cast<double>(d.k()) - d.p();
  WlsFit f0 = wls_fit(d, 0.0);
  if (!(f0.ypy > target)) return est;  // metafor: Q(0) < k - p gives tau^2 = 0
  double lo = 0, hi = std::max(1e-8, 2 * dl_tau2(d));
  while (wls_fit(d, hi).ypy > target) {
    lo = hi;
    hi *= 4;
    if (!std::isfinite(hi)) {
      est.converged = false;
      return est;
    }
  }
  double t = lo > 0 ? lo : hi / 2;
  for (int it = 1; it <= 400; ++it) {
    est.iterations = it;
    WlsFit f = wls_fit(d, t);
    double g = f.ypy - target;
    if (g > 0) lo = t; else hi = t;
    if (g == 0) break;
    double next = f.yppy > 0 ? t + g / f.yppy : (lo + hi) / 2;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    double change = std::fabs(next - t);
    t = next;
    if (change <= 1e-15 * t || hi - lo <= 4 * std::numeric_limits<double>::epsilon() * hi) break;
  }
  est.tau2 = t;
  return est;
}

Tau2Estimate scoring_tau2(const RegressionData& d, Method m) {
  Tau2Estimate est;
  double tau2 = he_tau2(d);  // metafor starts ML, REML and EB at the HE value
  bool done = false;
  for (int it = 1; it <= kMaxIterations && !done; ++it) {
    est.iterations = it;
    double adj = scoring_step(d, m, tau2);
    if (!std::isfinite(adj)) adj = 0;
    if (tau2 + adj < 0) {
      // On the boundary the maximum is tau^2 = 0 when the step from 0 points
      // below 0; otherwise halve the step as metafor does.
      if (tau2 == 0 || scoring_step(d, m, 0.0) <= 0) {
        tau2 = 0;
        break;
      }
      while (tau2 + adj < 0) adj /= 2;
    }
    double next = tau2 + adj;
    double change = std::fabs(next - tau2);
    tau2 = next;
    done = change <= kRelTol * tau2;
  }
  if (!done && tau2 != 0 && est.iterations >= kMaxIterations) {
    est.converged = false;
    return est;
  }
  est.tau2 = tau2;
  if ((m == Method::ML || m == Method::REML) && tau2 > 0) {
    bool reml = m == Method::REML;
    double ll0 = log_likelihood(d, 0.0, reml);
    double ll = log_likelihood(d, tau2, reml);
    // metafor's ll0check, with its default tolerance .Machine$double.eps^0.25.
    if (ll0 - ll > std::pow(std::numeric_limits<double>::epsilon(), 0.25)) {
      est.warnings.push_back(std::string(to_string(m)) +
                             ": Fisher scoring stopped at a local maximum; the likelihood is "
                             "higher at tau^2 = 0, so tau^2 = 0 is used (as metafor does)");
      est.tau2 = 0;
    }
  }
  return est;
}

}  // namespace

WlsFit wls_fit(const RegressionData& d, double tau2) {
  const int p = d.p();
  const std::size_t k = d.k();
  WlsFit f;
  Sym2 m, a, b;
  double wy0 = 0, wy1 = 0;
  for (std::size_t i = 0; i < k; ++i) {
    double w = 1.0 / (d.v[i] + tau2);
    double x = p == 2 ? d.x[i] : 0.0;
    double w2 = w * w, w3 = w2 * w;
    m.a += w; m.b += w * x; m.c += w * x * x;
    a.a += w2; a.b += w2 * x; a.c += w2 * x * x;
    b.a += w3; b.b += w3 * x; b.c += w3 * x * x;
    wy0 += w * d.y[i];
    wy1 += w * x * d.y[i];
    f.sum_log_v += std::log(d.v[i] + tau2);
  }
  Mat2 mi = inverse(m, p, &f.log_det_xwx);
  f.beta[0] = mi.m[0][0] * wy0 + mi.m[0][1] * wy1;
  f.beta[1] = p == 2 ? mi.m[1][0] * wy0 + mi.m[1][1] * wy1 : 0.0;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) f.cov[i][j] = mi.m[i][j];
  for (std::size_t i = 0; i < k; ++i) {
    double w = 1.0 / (d.v[i] + tau2);
    double r = d.y[i] - f.beta[0] - (p == 2 ? f.beta[1] * d.x[i] : 0.0);
    f.ypy += w * r * r;
    f.yppy += w * w * r * r;
  }
  f.sum_w = m.a;
  f.sum_w2 = a.a;
  Mat2 mia = mul(mi, as_mat(a, p));
  f.tr_p = m.a - trace(mia, p);
  f.tr_pp = a.a - 2 * trace(mul(mi, as_mat(b, p)), p) + trace(mul(mia, mia), p);
  return f;
}

OlsFit ols_fit(const RegressionData& d) {
  const int p = d.p();
  Sym2 m, a;
  double y0 = 0, y1 = 0, sum_v = 0;
  for (std::size_t i = 0; i < d.k(); ++i) {
    double x = p == 2 ? d.x[i] : 0.0;
    m.a += 1; m.b += x; m.c += x * x;
    a.a += d.v[i]; a.b += d.v[i] * x; a.c += d.v[i] * x * x;
    y0 += d.y[i];
    y1 += x * d.y[i];
    sum_v += d.v[i];
  }
  double log_det = 0;
  Mat2 mi = inverse(m, p, &log_det);
  double b0 = mi.m[0][0] * y0 + mi.m[0][1] * y1;
  double b1 = p == 2 ? mi.m[1][0] * y0 + mi.m[1][1] * y1 : 0.0;
  OlsFit o;
  for (std::size_t i = 0; i < d.k(); ++i) {
    double r = d.y[i] - b0 - (p == 2 ? b1 * d.x[i] : 0.0);
    o.rss += r * r;
  }
  o.tr_pv = sum_v - trace(mul(mi, as_mat(a, p)), p);
  return o;
}

double log_likelihood(const RegressionData& d, double tau2, bool reml) {
  WlsFit f = wls_fit(d, tau2);
  double ll = -0.5 * f.sum_log_v - 0.5 * f.ypy;
  if (reml) ll -= 0.5 * f.log_det_xwx;
  return ll;
}

Tau2Estimate estimate_tau2(const RegressionData& d, Method method) {
  Tau2Estimate est;
  switch (method) {
    case Method::FE:
    case Method::MH:
    case Method::PETO:
      return est;
    case Method::DL:
      est.tau2 = dl_tau2(d);
      return est;
    case Method::HE:
      est.tau2 = he_tau2(d);
      return est;
    case Method::SJ: {
      double mean = 0;
      for (double y : d.y) mean += y;
      mean /= static_cast<double>(d.k());
      double tau0 = 0;
      for (double y : d.y) tau0 += (y - mean) * (y - mean);
      tau0 /= static_cast<double>(d.k());  // metafor: var(yi) * (k-1)/k
      if (tau0 > 0) {
        est.tau2 = std::max(0.0, tau0 * wls_fit(d, tau0).ypy / (static_cast<double>(d.k()) - d.p()));
      }
      return est;
    }
    case Method::PM:
      est = pm_tau2(d);
      break;
    case Method::ML:
    case Method::REML:
    case Method::EB:
      est = scoring_tau2(d, method);
      break;
  }
  if (!est.converged) {
    std::string name(to_string(method));
    est.tau2 = method == Method::EB ? pm_tau2(d).tau2 : dl_tau2(d);
    est.warnings.push_back(
        name + ": tau^2 iteration did not converge after " + std::to_string(est.iterations) +
        " iterations; using the " +
        (method == Method::EB ? "Paule-Mandel root (the same estimator, solved by bracketing)"
                              : "DerSimonian-Laird estimate") +
        " instead");
  }
  return est;
}

}  // namespace prismaflow::analyze
