// Readable, RevMan-like text forms of the engine's results for the terminal:
// effects on the natural scale (exp for RR and OR), a per-study table with
// CI and weight, the pooled line, heterogeneity and the overall test.
#pragma once

#include <string>

#include "analyze/meta_analysis.hpp"

namespace prismaflow::analyze {

/// The forest-plot table of one result, with warnings at the end.
std::string format_meta_text(const MetaResult& r);
/// Leave-one-out table (natural scale) for result `r`'s measure and level.
std::string format_leave_one_out_text(const LeaveOneOutResult& l, const MetaResult& r);
/// Both Egger variants, intercept on the analysis scale.
std::string format_egger_text(const EggerResult& e);
/// One block per subgroup and the test for subgroup differences.
std::string format_subgroups_text(const SubgroupResult& s);
/// One line per method and test: estimate, CI, p, tau^2, iterations or note.
std::string format_robustness_text(const RobustnessResult& r, Measure measure, double level);

/// The estimate on the natural scale: exp(x) for RR and OR, else x.
double natural_scale(Measure m, double x);
/// "P < 0.00001", "P = 0.0031", "P = 0.04" as RevMan prints p-values.
std::string format_p(double p);

}  // namespace prismaflow::analyze
