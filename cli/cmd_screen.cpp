// `prismaflow screen ...`: the interactive screener and the batch commands
// around it. `screen` alone (with options) starts the terminal screener; a
// first word names a subcommand.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/cmd_screen.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "db/database.hpp"
#include "screen/automation_rules.hpp"
#include "screen/prioritiser.hpp"
#include "screen/screening_store.hpp"
#include "screen/stopping_guidance.hpp"
#include "screen/terminal_screener.hpp"

namespace prismaflow::cli {
namespace {

struct QueueOptions {
  std::string review;
  std::string reviewer;
  screen::Stage stage = screen::Stage::kTitleAbstract;
  std::string order = "id";
  std::uint64_t seed = 1;
  std::int64_t count = 10;
  bool json = false;
  screen::RankingOptions ranking;  ///< --order relevance only
};

void add_queue_options(CommandSpec& spec) {
  spec.options.add_options()
      ("reviewer", po::value<std::string>(), "your name (required)")
      ("stage", po::value<std::string>()->default_value("ta"), "ta (title/abstract) or ft (full text)")
      ("order", po::value<std::string>()->default_value("id"), "id, random or relevance (prioritised)")
      ("seed", po::value<std::uint64_t>()->default_value(1), "seed of --order random")
      ("model", po::value<std::string>(),
       "--order relevance: nb, logistic, ensemble, svm or auto (naive Bayes settings chosen "
       "on the decisions so far, with their own features) (default: review.toml's "
       "[screening.ranking] model, else as 'screen simulate')")
      ("uncertain-share", po::value<double>()->default_value(0.0),
       "--order relevance: share of picks from the least certain records, in [0, 1) "
       "(default: review.toml's [screening.ranking] uncertain_share, else 0)");
  add_common_options(spec);
}

QueueOptions read_queue_options(const po::variables_map& vm, const std::string& command) {
  QueueOptions o;
  o.review = vm["review"].as<std::string>();
  if (!vm.count("reviewer") || vm["reviewer"].as<std::string>().empty()) {
    throw UsageError("prismaflow " + command + ": --reviewer NAME is required");
  }
  o.reviewer = vm["reviewer"].as<std::string>();
  o.stage = screen::parse_stage(vm["stage"].as<std::string>());
  o.order = vm["order"].as<std::string>();
  if (o.order != "id" && o.order != "random" && o.order != "relevance") {
    throw UsageError("prismaflow " + command + ": --order must be id, random or relevance, not '" +
                     o.order + "'");
  }
  o.seed = vm["seed"].as<std::uint64_t>();
  if (vm.count("model")) o.ranking.model = vm["model"].as<std::string>();
  if (!vm["uncertain-share"].defaulted()) {
    o.ranking.uncertain_share = vm["uncertain-share"].as<double>();
    if (!(*o.ranking.uncertain_share >= 0 && *o.ranking.uncertain_share < 1))
      throw UsageError("prismaflow " + command + ": --uncertain-share must be in [0, 1)");
  }
  return o;
}

int screen_interactive(const Args& args) {
  CommandSpec spec{"screen",
                   "prismaflow screen --reviewer NAME [--stage ta|ft] [--order random|relevance|id]",
                   "Interactive screener on a terminal: one record at a time, keys i(nclude), "
                   "e(xclude, with a reason), m(aybe), n(ot retrieved, full text), s(kip), "
                   "u(ndo), q(uit). Subcommands: next, import, export, conflicts, resolve, "
                   "agreement, automate, simulate, stopping (see 'prismaflow screen SUBCOMMAND "
                   "--help')."};
  add_queue_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  QueueOptions o = read_queue_options(*vm, "screen");
  // Refuse before opening anything: a pipe cannot answer key presses.
  if (!::isatty(0) || !::isatty(1)) {
    throw UsageError(
        "prismaflow screen: not a terminal; the interactive screener needs one. For batch "
        "screening use 'prismaflow screen next --json' and 'prismaflow screen import FILE.csv'");
  }
  Review review = open_review(o.review);
  o.ranking.protocol = review.protocol.screening.ranking;
  screen::ScreenerOptions so;
  so.stage = o.stage;
  so.reviewer = o.reviewer;
  so.order = order_records(review.db, o.stage,
                           screen::records_awaiting(review.db, review.protocol, o.stage, o.reviewer),
                           o.order, o.seed, o.ranking);
  screen::run_terminal_screener(review.db, review.protocol, so);
  return 0;
}

int screen_next(const Args& args) {
  CommandSpec spec{"screen next",
                   "prismaflow screen next --reviewer NAME [--stage ta|ft] [--order ...] [--count N] [--json]",
                   "Prints the next records awaiting your decision (batch screening); record "
                   "decisions with 'prismaflow screen import FILE.csv'."};
  spec.options.add_options()
      ("count", po::value<std::int64_t>()->default_value(10), "how many records (0: all)")
      ("json", "print a JSON array for scripts");
  add_queue_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  QueueOptions o = read_queue_options(*vm, "screen next");
  o.count = (*vm)["count"].as<std::int64_t>();
  o.json = vm->count("json") > 0;
  if (o.count < 0) throw UsageError("prismaflow screen next: --count must be 0 or more");
  Review review = open_review(o.review);
  o.ranking.protocol = review.protocol.screening.ranking;
  auto ids = order_records(review.db, o.stage,
                           screen::records_awaiting(review.db, review.protocol, o.stage, o.reviewer),
                           o.order, o.seed, o.ranking);
  std::size_t total = ids.size();
  if (o.count > 0 && ids.size() > static_cast<std::size_t>(o.count)) ids.resize(o.count);
  auto arr = nlohmann::json::array();
  auto s = review.db.prepare(
      "SELECT coalesce(pmid,''), title, journal, coalesce(year,0), authors, abstract,"
      " publication_types FROM records WHERE record_id = ?");
  for (auto id : ids) {
    s.reset();
    s.bind(1, id);
    if (!s.step()) continue;
    if (o.json) {
      arr.push_back({{"record_id", id}, {"pmid", s.get_text(0)}, {"title", s.get_text(1)},
                     {"journal", s.get_text(2)}, {"year", s.get_int(3)},
                     {"authors", s.get_text(4)}, {"abstract", s.get_text(5)},
                     {"publication_types", s.get_text(6)}, {"stage", screen::stage_code(o.stage)}});
    } else {
      std::cout << id << "\t" << s.get_text(0) << "\t" << s.get_text(1) << "\n";
    }
  }
  if (o.json) {
    std::cout << arr.dump(2) << "\n";
  } else {
    std::cerr << total << " record(s) awaiting " << o.reviewer << " at "
              << screen::stage_name(o.stage) << "\n";
    // In relevance order the team also needs to know when it may stop.
    if (o.order == "relevance")
      std::cerr << screen::stopping_guidance_text(screen::assess_stopping(
                       screen::load_stage_decisions(review.db, review.protocol, o.stage), o.stage))
                << "\n";
  }
  return 0;
}

int screen_automate(const Args& args) {
  CommandSpec spec{"screen automate", "prismaflow screen automate [--review DIR]",
                   "Applies the [[screening.automation]] rules of review.toml: records whose "
                   "publication types match are marked ineligible by automation before "
                   "screening (counted apart from human exclusions). Re-runnable."};
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  Review review = open_review((*vm)["review"].as<std::string>());
  if (review.protocol.screening.automation.empty()) {
    std::cerr << "no [[screening.automation]] rules in review.toml; earlier automation marks, if "
                 "any, are released\n";
  }
  auto sum = screen::apply_automation_rules(review.db, review.protocol);
  std::cout << "marked ineligible by automation: " << sum.marked << " new, " << sum.kept
            << " unchanged, " << sum.released << " released\n";
  return 0;
}

}  // namespace

std::vector<std::int64_t> order_records(db::Database& db, screen::Stage stage,
                                        std::vector<std::int64_t> ids, const std::string& order,
                                        std::uint64_t seed,
                                        const screen::RankingOptions& ranking) {
  if (order == "id") return ids;
  if (order == "random") {
    std::mt19937_64 rng(seed);
    std::shuffle(ids.begin(), ids.end(), rng);
    return ids;
  }
  if (order == "relevance") {
    std::vector<std::int64_t> out;
    for (const auto& r : screen::prioritise(db, stage, ids, ranking)) {
      out.push_back(r.record_id);
    }
    return out;
  }
  throw UsageError("unknown order '" + order + "'; use id, random or relevance");
}

int cmd_screen(const Args& args) {
  if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
    const std::string& sub = args[0];
    Args rest(args.begin() + 1, args.end());
    if (sub == "next") return screen_next(rest);
    if (sub == "import") return screen_import(rest);
    if (sub == "export") return screen_export(rest);
    if (sub == "conflicts") return screen_conflicts(rest);
    if (sub == "resolve") return screen_resolve(rest);
    if (sub == "agreement") return screen_agreement(rest);
    if (sub == "automate") return screen_automate(rest);
    if (sub == "simulate") return screen_simulate(rest);
    if (sub == "stopping") return screen_stopping(rest);
    throw UsageError("prismaflow screen: unknown subcommand '" + sub +
                     "'; use next, import, export, conflicts, resolve, agreement, automate, "
                     "simulate or stopping, or options alone for the interactive screener");
  }
  return screen_interactive(args);
}

}  // namespace prismaflow::cli
