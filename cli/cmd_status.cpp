// `prismaflow status [--json]`: where the review stands.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "db/review_status.hpp"

namespace prismaflow::cli {
namespace {

struct StatusOptions {
  std::string review;
  bool json = false;
};

std::optional<StatusOptions> parse_status(const Args& args) {
  CommandSpec spec{"status", "prismaflow status [--json] [--review DIR]",
                   "Shows records per source, duplicates, screening progress per stage and "
                   "reviewer, studies included and outcomes analysed."};
  spec.options.add_options()("json", "print one JSON object for scripts");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  return StatusOptions{(*vm)["review"].as<std::string>(), vm->count("json") > 0};
}

nlohmann::json to_json(const db::ReviewStatus& st) {
  nlohmann::json j;
  j["sources"] = nlohmann::json::array();
  for (const auto& s : st.sources)
    j["sources"].push_back({{"name", s.name}, {"kind", s.kind}, {"records", s.records}});
  j["records"] = st.records;
  j["duplicates"] = st.duplicates;
  j["unique_records"] = st.unique_records;
  j["searches"] = st.searches;
  j["search_runs"] = st.search_runs;
  j["screening"] = nlohmann::json::array();
  for (const auto& p : st.screening) {
    j["screening"].push_back({{"stage", p.stage}, {"reviewer", p.reviewer},
                              {"include", p.include}, {"exclude", p.exclude},
                              {"maybe", p.maybe}, {"not_retrieved", p.not_retrieved}});
  }
  j["ta_screened"] = st.ta_screened;
  j["ft_assessed"] = st.ft_assessed;
  j["studies"] = st.studies;
  j["outcomes"] = st.outcomes;
  j["outcome_rows"] = st.outcome_rows;
  j["characterised_studies"] = st.characterised_studies;
  j["rob_studies"] = st.rob_studies;
  j["analyses"] = st.analyses;
  j["events"] = st.events;
  return j;
}

void print_text(const db::ReviewStatus& st, const std::string& title) {
  std::cout << (title.empty() ? "Review" : title) << "\n\nIdentification\n";
  if (st.sources.empty()) std::cout << "  no records yet: run 'prismaflow fetch' or 'prismaflow import'\n";
  for (const auto& s : st.sources)
    std::cout << "  " << s.name << " (" << s.kind << "): " << s.records << " records\n";
  std::cout << "  total " << st.records << ", duplicates " << st.duplicates << ", unique "
            << st.unique_records << "\n\nScreening\n";
  std::cout << "  title/abstract: " << st.ta_screened << " of " << st.unique_records
            << " records screened\n  full text: " << st.ft_assessed << " reports assessed\n";
  for (const auto& p : st.screening) {
    std::cout << "    " << p.stage << " " << p.reviewer << ": include " << p.include << ", exclude "
              << p.exclude << ", maybe " << p.maybe;
    if (p.not_retrieved) std::cout << ", not retrieved " << p.not_retrieved;
    std::cout << "\n";
  }
  std::cout << "\nIncluded\n  studies: " << st.studies << " (characteristics for "
            << st.characterised_studies << ", risk of bias for " << st.rob_studies << ")\n  outcomes: "
            << st.outcomes
            << " (" << st.outcome_rows << " data rows), analyses stored: " << st.analyses
            << "\n\nAudit log: " << st.events << " events\n";
}

}  // namespace

int cmd_status(const Args& args) {
  auto o = parse_status(args);
  if (!o) return 0;
  Review review = open_review(o->review);
  auto st = db::read_review_status(review.db);
  if (o->json) {
    std::cout << to_json(st).dump(2) << "\n";
  } else {
    print_text(st, review.protocol.title);
  }
  return 0;
}

}  // namespace prismaflow::cli
