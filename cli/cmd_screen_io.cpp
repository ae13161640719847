// Batch screening files: `screen import FILE` (our decision CSV, Rayyan's or
// ASReview's export) and `screen export [--out FILE]`.
#include <iostream>

#include "cli/cmd_screen.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "screen/decision_import_store.hpp"

namespace prismaflow::cli {

int screen_import(const Args& args) {
  CommandSpec spec{"screen import",
                   "prismaflow screen import FILE.csv [--format prismaflow|rayyan|asreview] [--stage ta|ft] [--reviewer NAME]",
                   "Imports screening decisions. The prismaflow format has the columns "
                   "record_id,pmid,stage,reviewer,decision,reason,note,time. A row naming an "
                   "unknown record or stage stops the import and nothing of the file is written."};
  spec.options.add_options()
      ("file", po::value<std::string>(), "the file to import")
      ("format", po::value<std::string>()->default_value("prismaflow"), "prismaflow, rayyan or asreview")
      ("stage", po::value<std::string>()->default_value("ta"), "stage of Rayyan/ASReview decisions")
      ("reviewer", po::value<std::string>(), "reviewer of ASReview decisions (ASReview names none)");
  spec.positional.add("file", 1);
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  if (!vm->count("file")) throw UsageError("prismaflow screen import: name the FILE to import");
  std::string file = (*vm)["file"].as<std::string>();
  std::string format = (*vm)["format"].as<std::string>();
  auto stage = screen::parse_stage((*vm)["stage"].as<std::string>());
  if (format != "prismaflow" && format != "rayyan" && format != "asreview") {
    throw UsageError("prismaflow screen import: --format must be prismaflow, rayyan or asreview, not '" +
                     format + "'");
  }
  if (format == "asreview" && !vm->count("reviewer")) {
    throw UsageError("prismaflow screen import: ASReview files name no reviewer; add --reviewer NAME");
  }
  Review review = open_review((*vm)["review"].as<std::string>());
  std::string text = read_file(file);
  std::vector<screen::ParsedDecision> parsed;
  if (format == "rayyan") parsed = screen::parse_rayyan_csv(text, file, stage);
  else if (format == "asreview")
    parsed = screen::parse_asreview_csv(text, file, stage, (*vm)["reviewer"].as<std::string>());
  else parsed = screen::parse_decision_csv(text, file);
  auto sum = screen::import_decisions(review.db, review.protocol, parsed, file, "screen import");
  std::cout << file << ": " << sum.written << " decision(s) recorded, " << sum.unchanged
            << " unchanged\n";
  for (const auto& r : sum.reasons_added) {
    std::cout << "reason added to the list (not in review.toml): " << r << "\n";
  }
  return 0;
}

int screen_export(const Args& args) {
  CommandSpec spec{"screen export", "prismaflow screen export [--out FILE]",
                   "Writes every current decision as CSV with the columns "
                   "record_id,pmid,stage,reviewer,decision,reason,note,time (resolutions as "
                   "reviewer 'resolution:NAME'). Without --out it writes to stdout."};
  spec.options.add_options()("out", po::value<std::string>(), "output file (default: stdout)");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return 0;
  Review review = open_review((*vm)["review"].as<std::string>());
  std::string text = screen::export_decisions_csv(review.db);
  if (vm->count("out")) {
    write_file_atomic((*vm)["out"].as<std::string>(), text);
    std::cerr << "wrote " << (*vm)["out"].as<std::string>() << "\n";
  } else {
    std::cout << text;
  }
  return 0;
}

}  // namespace prismaflow::cli
