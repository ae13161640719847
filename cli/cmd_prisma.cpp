// `prismaflow prisma [--json|--csv|--check|--svg FILE]`: the PRISMA 2020 flow
// diagram's counts, computed from the database.
#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "report/prisma_diagram.hpp"
#include "report/svg_convert.hpp"
#include "screen/prisma_check.hpp"
#include "screen/prisma_csv.hpp"
#include "screen/prisma_ledger.hpp"
#include "screen/screening_store.hpp"

namespace prismaflow::cli {
namespace {

struct PrismaOptions {
  std::string review;
  std::string mode = "text";  // text | json | csv | check | svg
  std::string out;            // --out for json/csv, the file for --svg
};

std::optional<PrismaOptions> parse_prisma(const Args& args) {
  CommandSpec spec{"prisma", "prismaflow prisma [--json | --csv | --check | --svg FILE] [--out FILE]",
                   "Every count of the PRISMA 2020 flow diagram, computed from the decisions in "
                   "the database. --json and --csv use the PRISMA2020 R package's field names "
                   "(the CSV in its data,node,box,... layout); --check verifies the identities "
                   "and names the records that break them (exit 1); --svg draws the diagram "
                   "(.png/.pdf through rsvg-convert)."};
  spec.options.add_options()
      ("json", "print the counts as JSON")
      ("csv", "print the PRISMA2020 R package CSV")
      ("check", "verify the identities between the counts")
      ("svg", po::value<std::string>(), "draw the flow diagram to FILE (.svg, .png or .pdf)")
      ("out", po::value<std::string>(), "write --json/--csv output to FILE instead of stdout");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  PrismaOptions o;
  o.review = (*vm)["review"].as<std::string>();
  int modes = 0;
  for (const char* m : {"json", "csv", "check", "svg"}) {
    if (vm->count(m)) {
      ++modes;
      o.mode = m;
    }
  }
  if (modes > 1) throw UsageError("prismaflow prisma: choose one of --json, --csv, --check, --svg");
  if (o.mode == "svg") o.out = (*vm)["svg"].as<std::string>();
  else if (vm->count("out")) o.out = (*vm)["out"].as<std::string>();
  return o;
}

void print_text(const screen::PrismaCounts& c) {
  std::cout << "Identification\n";
  for (const auto& d : c.databases) std::cout << "  " << d.name << ": " << d.n << "\n";
  for (const auto& d : c.registers) std::cout << "  " << d.name << " (register): " << d.n << "\n";
  std::cout << "  databases " << c.database_results << ", registers " << c.register_results << "\n";
  if (c.other_methods) {
    for (const auto& d : c.other_sources) std::cout << "  " << d.name << " (other methods): " << d.n << "\n";
  }
  std::cout << "  removed before screening: duplicates " << c.duplicates << ", automation "
            << c.excluded_automatic << ", other reasons " << c.excluded_other << "\n"
            << "Screening\n  records screened " << c.records_screened << ", excluded "
            << c.records_excluded << " (human " << c.records_excluded_human << ", automation "
            << c.records_excluded_automation << ")\n"
            << "  reports sought " << c.dbr_sought_reports << ", not retrieved "
            << c.dbr_notretrieved_reports << ", assessed " << c.dbr_assessed << "\n";
  for (const auto& r : c.dbr_excluded) std::cout << "    excluded: " << r.name << ": " << r.n << "\n";
  if (c.other_methods) {
    std::cout << "  other methods: sought " << c.other_sought_reports << ", not retrieved "
              << c.other_notretrieved_reports << ", assessed " << c.other_assessed << "\n";
    for (const auto& r : c.other_excluded) std::cout << "    excluded: " << r.name << ": " << r.n << "\n";
  }
  std::cout << "Included\n";
  if (c.updated_review) {
    std::cout << "  previous studies " << c.previous_studies << " (reports " << c.previous_reports
              << ")\n  new studies " << c.new_studies << " (reports " << c.new_reports << ")\n";
  }
  std::cout << "  studies " << c.total_studies << " (reports " << c.total_reports << ")\n";
}

void emit(const std::string& text, const std::string& out) {
  if (out.empty()) {
    std::cout << text;
  } else {
    write_file_atomic(out, text);
    std::cerr << "wrote " << out << "\n";
  }
}

}  // namespace

int cmd_prisma(const Args& args) {
  auto o = parse_prisma(args);
  if (!o) return 0;
  Review review = open_review(o->review);
  if (o->mode == "check") {
    auto violations =
        screen::check_prisma(screen::load_record_states(review.db, review.protocol));
    if (violations.empty()) {
      std::cout << "PRISMA identities hold\n";
      return 0;
    }
    std::cout << screen::format_violations(violations);
    std::cerr << violations.size() << " identit" << (violations.size() == 1 ? "y" : "ies")
              << " broken; decide the records listed, then run 'prismaflow prisma --check' again\n";
    return 1;
  }
  auto counts = screen::compute_prisma_counts(review.db, review.protocol);
  if (o->mode == "json") {
    emit(screen::prisma_json(counts), o->out);
  } else if (o->mode == "csv") {
    emit(screen::prisma_csv(counts), o->out);
  } else if (o->mode == "svg") {
    std::string svg = report::render_prisma_svg(counts);
    std::filesystem::path out = o->out;
    if (out.extension() == ".svg") write_file_atomic(out, svg);
    else report::convert_svg(svg, out);
    std::cerr << "wrote " << out.string() << "\n";
  } else {
    print_text(counts);
  }
  return 0;
}

}  // namespace prismaflow::cli
