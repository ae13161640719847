// `prismaflow extract import|export|compare`: outcome data, risk of bias and
// study characteristics.
#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/csv.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "extract/characteristics_store.hpp"
#include "extract/extraction_csv.hpp"
#include "extract/extraction_store.hpp"
#include "extract/extraction_validate.hpp"

namespace prismaflow::cli {
namespace {

constexpr const char* kDescription =
    "Subcommands:\n"
    "  import FILE.csv   outcome data (a CSV with an 'outcome' column), risk of bias (a 'domain'\n"
    "                    column) or study characteristics (a 'design', 'participants' or\n"
    "                    'interventions' column); all rows are checked, nothing is written on error\n"
    "  export            write all outcome data (or --rob: risk of bias; --characteristics: study\n"
    "                    characteristics) as CSV, losslessly\n"
    "  compare           list where two extractors' entries disagree (--rob: risk-of-bias\n"
    "                    judgements; --characteristics: study characteristics); exit 1 if any\n\n"
    "Outcome data columns: study,outcome,extractor,subgroup,timepoint,events_t,total_t,\n"
    "events_c,total_c (binary) | mean_t,sd_t,n_t,mean_c,sd_c,n_c (continuous) |\n"
    "yi with se or vi, or estimate,ci_lower,ci_upper with effect_measure (generic; ratios such\n"
    "as HR are log-transformed),note. A row with an empty extractor is the agreed row used in\n"
    "the analysis. Risk of bias columns: study,extractor,domain,judgement,support (RoB 2\n"
    "domains; judgement low, some concerns or high). Study characteristics columns (PRISMA\n"
    "item 17, shown in the report): study,extractor,design,setting,participants,n_randomised,\n"
    "interventions,comparators,outcomes,registration,funding,notes.";

struct ExtractOptions {
  std::string review;
  std::string action;
  std::string file;
  std::string out;
  std::string outcome;
  bool rob = false;
  bool characteristics = false;
};

std::optional<ExtractOptions> parse_extract(const Args& args) {
  CommandSpec spec{"extract", "prismaflow extract import FILE.csv | export [--rob | --characteristics] [--out FILE] | compare [--rob | --characteristics]",
                   kDescription};
  spec.options.add_options()
      ("action", po::value<std::string>(), "import, export or compare")
      ("file", po::value<std::string>(), "CSV file to import")
      ("out", po::value<std::string>(), "output file for export (default: stdout)")
      ("outcome", po::value<std::string>()->default_value(""), "only this outcome (export, compare)")
      ("rob", "export (or compare) risk of bias instead of outcome data")
      ("characteristics", "export (or compare) study characteristics instead of outcome data");
  add_common_options(spec);
  spec.positional.add("action", 1).add("file", 1);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  ExtractOptions o;
  o.review = (*vm)["review"].as<std::string>();
  o.action = vm->count("action") ? (*vm)["action"].as<std::string>() : "";
  o.file = vm->count("file") ? (*vm)["file"].as<std::string>() : "";
  o.out = vm->count("out") ? (*vm)["out"].as<std::string>() : "";
  o.outcome = (*vm)["outcome"].as<std::string>();
  o.rob = vm->count("rob") > 0;
  o.characteristics = vm->count("characteristics") > 0;
  if (o.rob && o.characteristics) {
    throw UsageError("prismaflow extract: give --rob or --characteristics, not both");
  }
  if (o.action != "import" && o.action != "export" && o.action != "compare") {
    throw UsageError("prismaflow extract: say import FILE.csv, export or compare");
  }
  if (o.action == "import" && o.file.empty()) {
    throw UsageError("prismaflow extract import: give the CSV file to import");
  }
  return o;
}

void print_summary(const extract::ImportSummary& s, const std::string& what, const std::string& file) {
  std::cout << file << ": " << what << ": " << s.inserted << " added, " << s.updated
            << " updated, " << s.unchanged << " unchanged\n";
}

int run_extract(const ExtractOptions& o) {
  Review review = open_review(o.review);
  if (o.action == "import") {
    std::string text = read_file(o.file);
    switch (extract::detect_extraction_file(text, o.file)) {
      case extract::ExtractionFile::kOutcomes: {
        auto rows = extract::parse_outcome_csv(text, o.file);
        print_summary(extract::import_outcome_rows(review.db, review.protocol, rows, o.file),
                      "outcome data", o.file);
        auto diffs = extract::compare_extractors(rows);
        if (!diffs.empty()) {
          std::cout << diffs.size() << " discrepancies between extractors; see 'prismaflow extract compare'\n";
        }
        break;
      }
      case extract::ExtractionFile::kRiskOfBias: {
        auto rows = extract::parse_rob_csv(text, o.file);
        print_summary(extract::import_rob_rows(review.db, rows, o.file), "risk of bias", o.file);
        break;
      }
      case extract::ExtractionFile::kCharacteristics: {
        auto rows = extract::parse_characteristics_csv(text, o.file);
        print_summary(extract::import_characteristics_rows(review.db, rows, o.file),
                      "study characteristics", o.file);
        break;
      }
    }
    return 0;
  }
  if (o.action == "export") {
    std::string text =
        o.rob ? extract::format_rob_csv(extract::load_rob_rows(review.db))
        : o.characteristics
            ? extract::format_characteristics_csv(extract::load_characteristics_rows(review.db))
            : extract::format_outcome_csv(extract::load_outcome_rows(review.db, o.outcome));
    if (o.out.empty()) {
      std::cout << text;
    } else {
      write_file_atomic(o.out, text);
    }
    return 0;
  }
  if (o.rob || o.characteristics) {
    auto diffs = o.rob ? extract::compare_rob_extractors(extract::load_rob_rows(review.db))
                       : extract::compare_characteristics(extract::load_characteristics_rows(review.db));
    if (diffs.empty()) {
      std::cout << "No discrepancies between extractors' "
                << (o.rob ? "risk-of-bias judgements" : "study characteristics") << ".\n";
      return 0;
    }
    std::cout << "study,field,extractor_a,value_a,extractor_b,value_b\n";
    for (const auto& d : diffs)
      std::cout << csv::format_row({d.study, d.field, d.extractor_a, d.value_a, d.extractor_b, d.value_b});
    return 1;
  }
  auto diffs = extract::compare_extractors(extract::load_outcome_rows(review.db, o.outcome));
  if (diffs.empty()) {
    std::cout << "No discrepancies between extractors.\n";
    return 0;
  }
  std::cout << "study,outcome,subgroup,timepoint,field,extractor_a,value_a,extractor_b,value_b\n";
  for (const auto& d : diffs) {
    std::cout << csv::format_row({d.study, d.outcome, d.subgroup, d.timepoint, d.field,
                                  d.extractor_a, d.value_a, d.extractor_b, d.value_b});
  }
  return 1;
}

}  // namespace

int cmd_extract(const Args& args) {
  auto o = parse_extract(args);
  if (!o) return 0;
  return run_extract(*o);
}

}  // namespace prismaflow::cli
