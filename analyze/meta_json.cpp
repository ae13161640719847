// JSON forms of the engine's results. to_json(MetaResult) is the contract of
// `prismaflow meta --json` and of analyses.result_json: keep its keys.
#include <nlohmann/json.hpp>

#include "analyze/meta_analysis.hpp"
#include "common/error.hpp"

namespace prismaflow::analyze {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& x) { return x ? json(*x) : json(nullptr); }

std::optional<double> get_opt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<double>();
}

const json& need(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) throw Error(std::string("meta result JSON has no '") + key + "' field");
  return *it;
}

}  // namespace

json to_json(const MetaResult& r) {
  json j;
  j["k"] = r.k;
  j["measure"] = to_string(r.measure);
  j["method"] = to_string(r.method);
  j["test"] = to_string(r.test);
  j["estimate"] = r.estimate;
  j["se"] = r.se;
  j["ci_lower"] = r.ci_lower;
  j["ci_upper"] = r.ci_upper;
  j["statistic"] = r.statistic;
  j["p"] = r.p;
  j["tau2"] = r.tau2;
  j["q"] = r.q;
  j["q_df"] = r.q_df;
  j["q_p"] = r.q_p;
  j["i2"] = r.i2;
  j["i2_tau"] = r.i2_tau;
  j["h2"] = r.h2;
  j["pi_lower"] = opt(r.pi_lower);
  j["pi_upper"] = opt(r.pi_upper);
  json studies = json::array();
  for (const auto& s : r.studies)
    studies.push_back({{"study", s.study}, {"yi", opt(s.yi)}, {"vi", opt(s.vi)}, {"weight", opt(s.weight)}});
  j["studies"] = std::move(studies);
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  return j;
}

MetaResult meta_result_from_json(const json& j) {
  MetaResult r;
  r.k = need(j, "k").get<int>();
  auto measure = parse_measure(need(j, "measure").get<std::string>());
  auto method = parse_method(need(j, "method").get<std::string>());
  auto test = parse_test(need(j, "test").get<std::string>());
  if (!measure || !method || !test) throw Error("meta result JSON has an unknown measure, method or test");
  r.measure = *measure;
  r.method = *method;
  r.test = *test;
  r.estimate = need(j, "estimate").get<double>();
  r.se = need(j, "se").get<double>();
  r.ci_lower = need(j, "ci_lower").get<double>();
  r.ci_upper = need(j, "ci_upper").get<double>();
  r.statistic = need(j, "statistic").get<double>();
  r.p = need(j, "p").get<double>();
  r.tau2 = need(j, "tau2").get<double>();
  r.q = need(j, "q").get<double>();
  r.q_df = need(j, "q_df").get<int>();
  r.q_p = need(j, "q_p").get<double>();
  r.i2 = need(j, "i2").get<double>();
  r.i2_tau = need(j, "i2_tau").get<double>();
  r.h2 = need(j, "h2").get<double>();
  r.pi_lower = get_opt(j, "pi_lower");
  r.pi_upper = get_opt(j, "pi_upper");
  if (r.test == TestKind::KNHA && r.k > 1) r.df = r.k - 1;
  for (const auto& s : need(j, "studies")) {
    StudyEffect e;
    e.study = need(s, "study").get<std::string>();
    e.yi = get_opt(s, "yi");
    e.vi = get_opt(s, "vi");
    e.weight = get_opt(s, "weight");
    r.studies.push_back(std::move(e));
  }
  if (auto it = j.find("warnings"); it != j.end()) r.warnings = it->get<std::vector<std::string>>();
  return r;
}

json to_json(const LeaveOneOutResult& r) {
  json rows = json::array();
  for (const auto& o : r.omitted) {
    rows.push_back({{"study", o.study}, {"estimate", o.estimate}, {"se", o.se}, {"ci_lower", o.ci_lower},
                    {"ci_upper", o.ci_upper}, {"statistic", o.statistic}, {"p", o.p}, {"tau2", o.tau2},
                    {"q", o.q}, {"q_df", o.q_df}, {"i2", o.i2}, {"i2_tau", o.i2_tau}, {"h2", o.h2}});
  }
  json j = {{"omitted", std::move(rows)}};
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  return j;
}

namespace {
json egger_fit_json(const EggerFit& f) {
  return {{"statistic", f.statistic},           {"p", f.p},
          {"df", opt(f.df)},                    {"limit_estimate", f.limit_estimate},
          {"limit_ci_lower", f.limit_ci_lower}, {"limit_ci_upper", f.limit_ci_upper}};
}
}  // namespace

json to_json(const EggerResult& r) {
  json j = {{"rma", egger_fit_json(r.rma)}, {"lm", egger_fit_json(r.lm)}, {"k", r.k}};
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  return j;
}

json to_json(const SubgroupResult& r) {
  json groups = json::array();
  for (const auto& g : r.groups) {
    json one = to_json(g.result);
    one["subgroup"] = g.name;
    groups.push_back(std::move(one));
  }
  json j = {{"groups", std::move(groups)}, {"test", {{"q", r.q_between}, {"df", r.df}, {"p", r.p}}}};
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  return j;
}

json to_json(const RobustnessResult& r) {
  json rows = json::array();
  for (const auto& row : r.rows) {
    json one = {{"method", to_string(row.method)}, {"test", to_string(row.test)}};
    if (row.result) {
      one["result"] = to_json(*row.result);
      one["iterations"] = row.result->iterations;
    } else {
      one["note"] = row.note;
    }
    rows.push_back(std::move(one));
  }
  return {{"rows", std::move(rows)}};
}

}  // namespace prismaflow::analyze
