// Team screening: `screen conflicts`, `screen resolve` and `screen agreement`.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cmd_screen.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "screen/agreement.hpp"
#include "screen/screening_store.hpp"

namespace prismaflow::cli {
namespace {

std::vector<screen::Stage> stages_of(const po::variables_map& vm) {
  if (vm.count("stage")) return {screen::parse_stage(vm["stage"].as<std::string>())};
  return {screen::Stage::kTitleAbstract, screen::Stage::kFullText};
}

nlohmann::json number(double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); }

std::string fixed(double v, int digits) {
  if (std::isnan(v)) return "NA";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

int screen_conflicts(const Args& args) {
  CommandSpec spec{"screen conflicts", "prismaflow screen conflicts [--stage ta|ft] [--json]",
                   "Lists records whose reviewers disagree (or all said maybe), with every "
                   "reviewer's decision; settle them with 'prismaflow screen resolve'."};
  spec.options.add_options()
      ("stage", po::value<std::string>(), "ta or ft (default: both)")
      ("json", "print JSON for scripts");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  auto stages = stages_of(*vm);
  Review review = open_review((*vm)["review"].as<std::string>());
  auto arr = nlohmann::json::array();
  std::size_t n = 0;
  for (auto stage : stages) {
    for (const auto& c : screen::list_conflicts(review.db, review.protocol, stage)) {
      ++n;
      nlohmann::json j{{"record_id", c.record_id}, {"stage", screen::stage_code(stage)}, {"why", c.why}};
      j["decisions"] = nlohmann::json::array();
      if (!vm->count("json")) std::cout << screen::stage_code(stage) << "\t" << c.record_id << "\t" << c.why;
      for (const auto& d : c.decisions) {
        j["decisions"].push_back({{"reviewer", d.reviewer}, {"decision", screen::decision_code(d.decision)},
                                  {"reason", d.reason}, {"note", d.note}});
        if (!vm->count("json")) {
          std::cout << "\t" << d.reviewer << ": " << screen::decision_code(d.decision);
          if (!d.reason.empty()) std::cout << " (" << d.reason << ")";
        }
      }
      if (!vm->count("json")) std::cout << "\n";
      arr.push_back(std::move(j));
    }
  }
  if (vm->count("json")) std::cout << arr.dump(2) << "\n";
  else std::cerr << n << " conflict(s)\n";
  return 0;
}

int screen_resolve(const Args& args) {
  CommandSpec spec{"screen resolve",
                   "prismaflow screen resolve RECORD --stage ta|ft --decision D [--reason R] --reviewer NAME",
                   "Records the final decision on a record at a stage (a resolution: it wins "
                   "over the reviewers' decisions)."};
  spec.options.add_options()
      ("record", po::value<std::int64_t>(), "record id")
      ("stage", po::value<std::string>(), "ta or ft (required)")
      ("decision", po::value<std::string>(), "include, exclude, maybe or not_retrieved (required)")
      ("reason", po::value<std::string>()->default_value(""), "exclusion / not-retrieved reason")
      ("note", po::value<std::string>()->default_value(""), "free note")
      ("reviewer", po::value<std::string>(), "who resolves (required)");
  spec.positional.add("record", 1);
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  for (const char* req : {"record", "stage", "decision", "reviewer"}) {
    if (!vm->count(req)) {
      throw UsageError(std::string("prismaflow screen resolve: ") +
                       (std::string(req) == "record" ? "RECORD" : "--" + std::string(req)) +
                       " is required");
    }
  }
  screen::NewDecision d;
  d.record_id = (*vm)["record"].as<std::int64_t>();
  d.stage = screen::parse_stage((*vm)["stage"].as<std::string>());
  d.decision = screen::parse_decision((*vm)["decision"].as<std::string>());
  d.reason = (*vm)["reason"].as<std::string>();
  d.note = (*vm)["note"].as<std::string>();
  d.reviewer = (*vm)["reviewer"].as<std::string>();
  d.role = screen::Role::kResolution;
  Review review = open_review((*vm)["review"].as<std::string>());
  auto r = screen::record_decision(review.db, review.protocol, d, "screen resolve");
  std::cout << "record " << d.record_id << " at " << screen::stage_name(d.stage) << ": "
            << screen::decision_code(d.decision) << (r.unchanged ? " (unchanged)" : "") << "\n";
  if (r.reason_added) std::cout << "reason added to the list: " << d.reason << "\n";
  return 0;
}

int screen_agreement(const Args& args) {
  CommandSpec spec{"screen agreement", "prismaflow screen agreement [--stage ta|ft] [--json]",
                   "Inter-rater agreement per stage and reviewer pair on the records both "
                   "screened: percent agreement, Cohen's kappa with its 95% CI (Fleiss, Cohen "
                   "& Everitt 1969 SE) and PABAK."};
  spec.options.add_options()
      ("stage", po::value<std::string>(), "ta or ft (default: both)")
      ("json", "print JSON for scripts");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  auto stages = stages_of(*vm);
  Review review = open_review((*vm)["review"].as<std::string>());
  auto pairs = screen::agreement_by_pair(screen::current_decisions(review.db));
  auto arr = nlohmann::json::array();
  for (const auto& p : pairs) {
    if (std::find(stages.begin(), stages.end(), p.stage) == stages.end()) continue;
    const auto& a = p.stats;
    if (vm->count("json")) {
      arr.push_back({{"stage", screen::stage_code(p.stage)}, {"reviewer_a", p.reviewer_a},
                     {"reviewer_b", p.reviewer_b}, {"n", a.n}, {"categories", p.categories},
                     {"table", p.table}, {"percent_agreement", number(a.percent_agreement)},
                     {"kappa", number(a.kappa)}, {"kappa_se", number(a.kappa_se)},
                     {"kappa_ci_lower", number(a.ci_lower)}, {"kappa_ci_upper", number(a.ci_upper)},
                     {"pabak", number(a.pabak)}});
    } else {
      std::cout << screen::stage_code(p.stage) << "  " << p.reviewer_a << " vs " << p.reviewer_b
                << ": n = " << a.n << ", agreement " << fixed(a.percent_agreement, 1)
                << "%, kappa " << fixed(a.kappa, 3) << " (95% CI " << fixed(a.ci_lower, 3)
                << " to " << fixed(a.ci_upper, 3) << "), PABAK " << fixed(a.pabak, 3) << "\n";
    }
  }
  if (vm->count("json")) std::cout << arr.dump(2) << "\n";
  else if (arr.empty() && pairs.empty()) std::cerr << "no record was screened by two reviewers yet\n";
  return 0;
}

}  // namespace prismaflow::cli
