// `prismaflow screen stopping`: how far prioritised screening is from each
// stopping rule (screen/stopping_guidance.hpp). Guidance only: it decides
// nothing and writes nothing.
#include <iostream>

#include "cli/cmd_screen.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "screen/stopping_guidance.hpp"

namespace prismaflow::cli {

int screen_stopping(const Args& args) {
  CommandSpec spec{"screen stopping",
                   "prismaflow screen stopping [--stage ta|ft] [--recall R] [--confidence C] "
                   "[--min-share S] [--run N] [--json]",
                   "Says whether screening in relevance order may stop: a heuristic (a minimum "
                   "share of the stage's records decided and the last N decisions all "
                   "exclusions) and the statistical criterion of Callaghan & Müller-Hansen "
                   "(2020): the chance, if screening stopped now, that recall is below the "
                   "target. Guidance only: nothing is decided or written."};
  screen::StoppingOptions defaults;
  spec.options.add_options()
      ("stage", po::value<std::string>()->default_value("ta"), "ta (title/abstract) or ft (full text)")
      ("recall", po::value<double>()->default_value(defaults.statistical.recall_target),
       "recall target of the statistical criterion, in (0, 1)")
      ("confidence", po::value<double>()->default_value(defaults.statistical.confidence),
       "confidence of the statistical criterion, in (0, 1): met when p < 1 - confidence")
      ("min-share", po::value<double>()->default_value(defaults.min_share_screened),
       "heuristic: minimum share of the stage's records decided, in [0, 1]")
      ("run", po::value<std::int64_t>()->default_value(defaults.consecutive_exclusions),
       "heuristic: consecutive exclusions needed")
      ("json", "print one JSON object for scripts");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  screen::StoppingOptions o;
  o.statistical.recall_target = (*vm)["recall"].as<double>();
  o.statistical.confidence = (*vm)["confidence"].as<double>();
  o.min_share_screened = (*vm)["min-share"].as<double>();
  o.consecutive_exclusions = (*vm)["run"].as<std::int64_t>();
  const screen::Stage stage = screen::parse_stage((*vm)["stage"].as<std::string>());
  Review review = open_review((*vm)["review"].as<std::string>());
  const auto a = screen::assess_stopping(screen::load_stage_decisions(review.db, review.protocol, stage),
                                         stage, o);
  if (vm->count("json")) std::cout << screen::stopping_guidance_json(a) << "\n";
  else std::cout << screen::stopping_guidance_text(a) << "\n";
  return 0;
}

}  // namespace prismaflow::cli
