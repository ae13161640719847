// Boost.Math distributions; complements give accurate far tails.
#include "analyze/distributions.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace prismaflow::analyze::dist {

double normal_upper_quantile(double upper_tail) {
  boost::math::normal_distribution<double> n;
  return boost::math::quantile(boost::math::complement(n, upper_tail));
}

double normal_two_sided_p(double z) {
  if (std::isnan(z)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(z)) return 0.0;
  boost::math::normal_distribution<double> n;
  return 2.0 * boost::math::cdf(boost::math::complement(n, std::fabs(z)));
}

double t_upper_quantile(double upper_tail, double df) {
  boost::math::students_t_distribution<double> t(df);
  return boost::math::quantile(boost::math::complement(t, upper_tail));
}

double t_two_sided_p(double t, double df) {
  if (std::isnan(t)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(t)) return 0.0;
  boost::math::students_t_distribution<double> d(df);
  return 2.0 * boost::math::cdf(boost::math::complement(d, std::fabs(t)));
}

double chi_squared_upper_p(double x, double df) {
  if (!(x > 0)) return 1.0;
  if (std::isinf(x)) return 0.0;
  boost::math::chi_squared_distribution<double> c(df);
  return boost::math::cdf(boost::math::complement(c, x));
}

}  // namespace prismaflow::analyze::dist
