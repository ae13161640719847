// `prismaflow study link|unlink|list`: reports (records) grouped into studies,
// since PRISMA 2020 counts studies included and the reports of them apart.
#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "screen/study_links.hpp"

namespace prismaflow::cli {
namespace {

struct StudyOptions {
  std::string review;
  std::string action;
  std::vector<std::int64_t> records;
  std::string study;
};

std::optional<StudyOptions> parse_study(const Args& args) {
  CommandSpec spec{"study",
                   "prismaflow study link RECORD... --study NAME | study unlink RECORD... | study list",
                   "Links reports (record ids) to a study, so that PRISMA counts studies and "
                   "reports apart. A record linked elsewhere moves to the new study."};
  spec.options.add_options()
      ("action", po::value<std::string>(), "link, unlink or list")
      ("records", po::value<std::vector<std::int64_t>>()->multitoken(), "record ids")
      ("study", po::value<std::string>(), "study name (link)");
  spec.positional.add("action", 1).add("records", -1);
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  StudyOptions o;
  o.review = (*vm)["review"].as<std::string>();
  o.action = vm->count("action") ? (*vm)["action"].as<std::string>() : "";
  if (vm->count("records")) o.records = (*vm)["records"].as<std::vector<std::int64_t>>();
  if (vm->count("study")) o.study = (*vm)["study"].as<std::string>();
  if (o.action != "link" && o.action != "unlink" && o.action != "list") {
    throw UsageError("prismaflow study: say link, unlink or list, e.g. 'prismaflow study link 12 40 --study Smith2020'");
  }
  if (o.action != "list" && o.records.empty()) {
    throw UsageError("prismaflow study " + o.action + ": name at least one RECORD id");
  }
  if (o.action == "link" && o.study.empty()) {
    throw UsageError("prismaflow study link: --study NAME is required");
  }
  return o;
}

}  // namespace

int cmd_study(const Args& args) {
  auto o = parse_study(args);
  if (!o) return 0;
  Review review = open_review(o->review);
  if (o->action == "link") {
    screen::link_reports(review.db, o->records, o->study);
    std::cout << o->records.size() << " report(s) linked to " << o->study << "\n";
  } else if (o->action == "unlink") {
    auto n = screen::unlink_reports(review.db, o->records);
    std::cout << n << " report(s) unlinked\n";
  } else {
    for (const auto& s : screen::list_studies(review.db)) {
      std::cout << s.name << ":";
      for (auto id : s.record_ids) std::cout << " " << id;
      std::cout << "\n";
    }
  }
  return 0;
}

}  // namespace prismaflow::cli
