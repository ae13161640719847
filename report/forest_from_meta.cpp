// MetaResult -> forest/funnel inputs (see forest_from_meta.hpp).
#include "report/forest_from_meta.hpp"

#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace prismaflow::report {
namespace {

bool is_ratio(const analyze::MetaResult& r) {
  return r.measure == analyze::Measure::RR || r.measure == analyze::Measure::OR;
}

std::string method_label(const analyze::MetaResult& r) {
  using analyze::Method;
  std::string model = r.method == Method::MH     ? "M-H, Fixed"
                      : r.method == Method::PETO ? "Peto, Fixed"
                      : r.method == Method::FE   ? "IV, Fixed"
                                                 : "IV, Random (" + std::string(analyze::to_string(r.method)) + ")";
  std::string level = std::to_string(static_cast<int>(std::lround(r.level)));
  return model + (r.test == analyze::TestKind::KNHA ? ", HK" : "") + ", " + level + "% CI";
}

std::vector<ForestRow> rows_of(const analyze::MetaResult& r, const std::map<std::string, ArmData>& arms) {
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + r.level / 200.0);
  std::vector<ForestRow> rows;
  for (const auto& s : r.studies) {
    ForestRow row;
    row.label = s.study;
    if (auto it = arms.find(s.study); it != arms.end()) {
      const ArmData& a = it->second;
      row.events_t = a.events_t, row.total_t = a.total_t, row.events_c = a.events_c, row.total_c = a.total_c;
      row.mean_t = a.mean_t, row.sd_t = a.sd_t, row.n_t = a.n_t;
      row.mean_c = a.mean_c, row.sd_c = a.sd_c, row.n_c = a.n_c;
    }
    if (s.yi && s.vi) {
      row.yi = *s.yi;
      row.ci_lower = *s.yi - z * std::sqrt(*s.vi);
      row.ci_upper = *s.yi + z * std::sqrt(*s.vi);
    }
    row.weight_percent = s.weight;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

ForestPooled pooled_from_meta(const analyze::MetaResult& r) {
  ForestPooled p;
  p.estimate = r.estimate;
  p.ci_lower = r.ci_lower;
  p.ci_upper = r.ci_upper;
  p.pi_lower = r.pi_lower;
  p.pi_upper = r.pi_upper;
  if (analyze::is_random_effects(r.method)) p.tau2 = r.tau2;
  p.q = r.q;
  p.q_df = r.q_df;
  p.q_p = r.q_p;
  p.i2 = r.i2;
  p.statistic = r.statistic;
  p.p = r.p;
  p.t_test = r.test == analyze::TestKind::KNHA;
  p.df = r.df;
  p.k = r.k;
  return p;
}

ForestPlotInput forest_from_meta(const analyze::MetaResult& result, const std::map<std::string, ArmData>& arms,
                                 const analyze::SubgroupResult* subgroups) {
  ForestPlotInput in;
  in.measure = std::string(analyze::to_string(result.measure));
  if (result.method == analyze::Method::PETO) in.measure = "PETO";
  in.ratio = is_ratio(result);
  in.kind = result.measure == analyze::Measure::MD || result.measure == analyze::Measure::SMD
                ? ForestDataKind::kContinuous
                : result.measure == analyze::Measure::GEN ? ForestDataKind::kGeneric : ForestDataKind::kBinary;
  in.method_label = method_label(result);
  in.level = result.level;
  if (subgroups && !subgroups->groups.empty()) {
    // Rows keep the overall fit's weights (percent of the total, as RevMan shows).
    auto all = rows_of(result, arms);
    for (const auto& g : subgroups->groups) {
      ForestGroup fg{g.name, {}, pooled_from_meta(g.result)};
      for (const auto& s : g.result.studies)
        for (const auto& row : all)
          if (row.label == s.study) fg.rows.push_back(row);
      in.groups.push_back(std::move(fg));
    }
    in.subgroup_test = SubgroupTest{subgroups->q_between, static_cast<double>(subgroups->df), subgroups->p};
  } else {
    in.groups.push_back({"", rows_of(result, arms), std::nullopt});
  }
  in.overall = pooled_from_meta(result);
  return in;
}

FunnelPlotInput funnel_from_meta(const analyze::MetaResult& result) {
  FunnelPlotInput f;
  f.measure = std::string(analyze::to_string(result.measure));
  f.ratio = is_ratio(result);
  f.estimate = result.estimate;
  for (const auto& s : result.studies)
    if (s.yi && s.vi) f.points.push_back({s.study, *s.yi, std::sqrt(*s.vi)});
  return f;
}

}  // namespace prismaflow::report
