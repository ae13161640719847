// `prismaflow analyze`: every outcome of review.toml pooled from the agreed
// extracted rows, with its sensitivity analyses, stored in the database.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "analyze/analysis_store.hpp"
#include "analyze/meta_analysis.hpp"
#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "common/hash.hpp"
#include "db/database.hpp"
#include "extract/extraction_store.hpp"
#include "extract/extraction_validate.hpp"
#include "extract/meta_input.hpp"

namespace prismaflow::cli {
namespace {

struct AnalyzeOptions {
  std::string review;
  std::string outcome;
  bool json = false;
};

std::optional<AnalyzeOptions> parse_analyze(const Args& args) {
  CommandSpec spec{"analyze", "prismaflow analyze [--outcome NAME] [--json] [--review DIR]",
                   "Runs every [[outcome]] of review.toml (measure, method, test, level) on the "
                   "agreed extracted data, with leave-one-out, Egger's test (k >= 3; warned below "
                   "10), subgroups when rows have them, and the robustness table (every estimator "
                   "with z and knha). Results are stored in the database for 'prismaflow report'."};
  spec.options.add_options()
      ("outcome", po::value<std::string>()->default_value(""), "only this outcome")
      ("json", "print the stored results as JSON");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  return AnalyzeOptions{(*vm)["review"].as<std::string>(), (*vm)["outcome"].as<std::string>(),
                        vm->count("json") > 0};
}

analyze::MetaOptions meta_options(const OutcomeSpec& spec) {
  analyze::MetaOptions o;
  auto m = analyze::parse_measure(spec.measure);
  auto me = analyze::parse_method(spec.method);
  auto t = analyze::parse_test(spec.test);
  if (!m || !me || !t) {
    throw ConfigError("review.toml: outcome '" + spec.name + "': unknown measure, method or test (" +
                      spec.measure + ", " + spec.method + ", " + spec.test +
                      "); see 'prismaflow meta --help' for the names");
  }
  o.measure = *m;
  o.method = *me;
  o.test = *t;
  o.level = spec.level;
  return o;
}

// Runs one outcome; returns the JSON to store (contract object + extras).
nlohmann::json analyse_outcome(const OutcomeSpec& spec, const std::vector<extract::OutcomeRow>& rows) {
  auto type = extract::parse_data_type(spec.type);
  auto inputs = extract::to_meta_inputs(rows, type);
  auto options = meta_options(spec);
  std::string where = "outcome '" + spec.name + "'";
  auto result = analyze::run_meta(inputs, options, where);
  nlohmann::json j = analyze::to_json(result);
  j["outcome"] = spec.name;
  j["label"] = spec.label;
  j["level"] = spec.level;
  j["iterations"] = result.iterations;
  j["robustness"] = analyze::to_json(analyze::robustness_table(inputs, options, where));
  if (result.k >= 2) j["leave1out"] = analyze::to_json(analyze::leave_one_out(inputs, options, where));
  if (result.k >= 3) j["egger"] = analyze::to_json(analyze::egger_test(inputs, options, where));
  bool has_subgroups = false;
  for (const auto& in : inputs) has_subgroups |= !in.subgroup.empty();
  if (has_subgroups) j["subgroups"] = analyze::to_json(analyze::subgroup_analysis(inputs, options, where));
  // Per-arm numbers travel with the result so forest plots can show them.
  j["data"] = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::json d = {{"study", r.study}, {"subgroup", r.subgroup}, {"note", r.note}};
    auto put = [&](const char* k, const std::optional<double>& v) { if (v) d[k] = *v; };
    put("events_t", r.events_t); put("total_t", r.total_t); put("events_c", r.events_c);
    put("total_c", r.total_c); put("mean_t", r.mean_t); put("sd_t", r.sd_t); put("n_t", r.n_t);
    put("mean_c", r.mean_c); put("sd_c", r.sd_c); put("n_c", r.n_c);
    j["data"].push_back(std::move(d));
  }
  return j;
}

std::string natural(double v, bool ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", ratio ? std::exp(v) : v);
  return buf;
}

void print_line(const OutcomeSpec& spec, const nlohmann::json& j) {
  bool ratio = spec.measure == "RR" || spec.measure == "OR";
  std::cout << spec.label << " (" << spec.name << "): " << spec.measure << " "
            << natural(j["estimate"], ratio) << " [" << natural(j["ci_lower"], ratio) << ", "
            << natural(j["ci_upper"], ratio) << "], p = ";
  char p[32];
  std::snprintf(p, sizeof p, "%.3g", j["p"].get<double>());
  std::cout << p << ", k = " << j["k"] << ", I2 = ";
  std::snprintf(p, sizeof p, "%.0f%%", j["i2"].get<double>());
  std::cout << p << ", tau2 = ";
  std::snprintf(p, sizeof p, "%.4f", j["tau2"].get<double>());
  std::cout << p << " (" << spec.method << ", " << spec.test << ")\n";
  if (j.contains("warnings")) {
    for (const auto& w : j["warnings"]) std::cout << "  warning: " << w.get<std::string>() << "\n";
  }
}

int run_analyze(const AnalyzeOptions& o) {
  Review review = open_review(o.review);
  if (review.protocol.outcomes.empty()) {
    throw ConfigError(review.protocol_path.string() +
                      ": no [[outcome]] is defined; add one per meta-analysis (see the template)");
  }
  if (!o.outcome.empty() && !review.protocol.find_outcome(o.outcome)) {
    throw UsageError("prismaflow analyze: no outcome '" + o.outcome + "' in review.toml");
  }
  nlohmann::json all = nlohmann::json::array();
  db::Transaction tx(review.db);
  extract::sync_outcomes(review.db, review.protocol);
  for (const auto& spec : review.protocol.outcomes) {
    if (!o.outcome.empty() && spec.name != o.outcome) continue;
    auto rows = extract::rows_for_analysis(extract::load_outcome_rows(review.db, spec.name));
    if (rows.empty()) {
      std::cout << spec.label << " (" << spec.name << "): no extracted data; skipped\n";
      continue;
    }
    nlohmann::json j = analyse_outcome(spec, rows);
    analyze::StoredAnalysis stored{spec.name, spec.measure, spec.method, spec.test, spec.level,
                                   sha256_hex(extract::canonical_rows_text(rows)), j,
                                   "prismaflow " PRISMAFLOW_VERSION};
    analyze::save_analysis(review.db, stored);
    if (!o.json) print_line(spec, j);
    all.push_back(std::move(j));
  }
  tx.commit();
  if (o.json) std::cout << all.dump(2) << "\n";
  return 0;
}

}  // namespace

int cmd_analyze(const Args& args) {
  auto o = parse_analyze(args);
  if (!o) return 0;
  return run_analyze(*o);
}

}  // namespace prismaflow::cli
