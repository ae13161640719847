// tau^2 estimators of metafor's rma.uni for a model with an intercept and at
// most one moderator (the moderator is needed by Egger's regression test).
// Every estimator works on the same weighted-least-squares quantities of
// P = W - W X (X'WX)^-1 X'W, computed in O(k) without forming P.
#pragma once

#include <string>
#include <vector>

#include "analyze/meta_analysis.hpp"

namespace prismaflow::analyze {

/// Data of a meta-regression yi ~ 1 [+ x]: effects, sampling variances and
/// an optional moderator (empty = intercept-only model).
struct RegressionData {
  std::vector<double> y, v, x;
  std::size_t k() const { return y.size(); }
  int p() const { return x.empty() ? 1 : 2; }
};

/// The WLS fit at a given tau^2 (weights w = 1/(v + tau^2)).
struct WlsFit {
  double beta[2] = {0, 0};
  double cov[2][2] = {{0, 0}, {0, 0}};  ///< (X'WX)^-1, the model-based covariance
  double ypy = 0;      ///< Y'PY = sum w r^2 (generalised Q)
  double yppy = 0;     ///< Y'PPY = sum w^2 r^2
  double tr_p = 0;     ///< tr(P)
  double tr_pp = 0;    ///< tr(PP)
  double sum_w = 0, sum_w2 = 0;
  double sum_log_v = 0;  ///< sum log(v + tau^2)
  double log_det_xwx = 0;
};

/// Fits yi ~ X by WLS with weights 1/(v + tau2).
WlsFit wls_fit(const RegressionData& d, double tau2);

/// Ordinary least squares residual sum of squares and tr((I-H)V) for HE.
struct OlsFit {
  double rss = 0, tr_pv = 0;
};
OlsFit ols_fit(const RegressionData& d);

/// Outcome of a tau^2 estimator.
struct Tau2Estimate {
  double tau2 = 0;
  int iterations = 0;     ///< 0 for closed-form estimators
  bool converged = true;  ///< false when a fallback was used (see warnings)
  std::vector<std::string> warnings;
};

/// Estimates tau^2 with `method` (DL, REML, PM, SJ, HE, ML or EB; FE/MH/PETO
/// give 0). Needs k > p. Iterative estimators stop at a relative change of
/// 1e-12; ML/REML compare the log-likelihood at tau^2 = 0 (metafor's ll0check)
/// so that the global maximum is returned.
Tau2Estimate estimate_tau2(const RegressionData& d, Method method);

/// Log-likelihood (ML or REML) of the model at tau2, up to metafor's constants.
double log_likelihood(const RegressionData& d, double tau2, bool reml);

}  // namespace prismaflow::analyze
