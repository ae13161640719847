// The three sampling distributions the engine needs (normal, Student t,
// chi-squared), from Boost.Math so that tails far out (p ~ 1e-300) stay
// accurate. Thin wrappers keep Boost headers out of the rest of analyze/.
#pragma once

namespace prismaflow::analyze::dist {

/// Upper quantile of N(0,1): z such that P(Z > z) = upper_tail (0 < upper_tail < 1).
double normal_upper_quantile(double upper_tail);
/// Two-sided p-value of a z statistic: 2 * P(Z > |z|).
double normal_two_sided_p(double z);
/// Upper quantile of Student t with `df` > 0 degrees of freedom.
double t_upper_quantile(double upper_tail, double df);
/// Two-sided p-value of a t statistic with `df` > 0 degrees of freedom.
double t_two_sided_p(double t, double df);
/// P(X > x) for X ~ chi-squared(df), df > 0; 1 when x <= 0.
double chi_squared_upper_p(double x, double df);

}  // namespace prismaflow::analyze::dist
