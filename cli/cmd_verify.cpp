// `prismaflow verify [--out DIR]`: rebuilds every report output in memory
// from the database and lists each file on disk that differs or is missing,
// then re-parses the archived raw E-utilities responses and lists each PubMed
// record whose stored form differs. Writes nothing. Exit 1 when anything differs.
#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/file.hpp"
#include "report/reparse_check.hpp"
#include "report/report_data_store.hpp"

namespace prismaflow::cli {
namespace {

struct VerifyOptions {
  std::string review;
  std::string out;
};

std::optional<VerifyOptions> parse_verify(const Args& args) {
  CommandSpec spec{"verify", "prismaflow verify [--out DIR] [--review DIR]",
                   "Rebuilds the report (report.html, report.md, figures/*.svg) from the database "
                   "and compares it byte for byte with the files in DIR (default <review>/report). "
                   "Lists every file that differs or is missing. Then parses every archived raw efetch "
                   "response again and compares the PubMed records with those stored (as 'fetch --reparse' "
                   "would rewrite them, but writing nothing). Exits 1 if anything differs."};
  spec.options.add_options()("out", po::value<std::string>(), "report folder to check (default: <review>/report)");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  return VerifyOptions{(*vm)["review"].as<std::string>(), vm->count("out") ? (*vm)["out"].as<std::string>() : ""};
}

}  // namespace

int cmd_verify(const Args& args) {
  auto o = parse_verify(args);
  if (!o) return 0;
  Review review = open_review(o->review);
  const std::filesystem::path out = o->out.empty() ? review.dir / "report" : std::filesystem::path(o->out);
  auto files = report::render_report(report::load_report_data(review.db, review.protocol));
  int differ = 0;
  for (const auto& f : files) {
    const auto path = out / f.path;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      std::cout << "missing  " << path.string() << "\n";
      ++differ;
    } else if (read_file(path) != f.content) {
      std::cout << "differs  " << path.string() << "\n";
      ++differ;
    }
  }
  const auto reparse = report::check_reparse(review.db);
  for (const auto& d : reparse.differences)
    std::cout << "differs  " << (d.pmid.empty() ? "" : "PMID " + d.pmid + " ") << "(" << d.where << "): " << d.what
              << "\n";
  const bool records_differ = !reparse.differences.empty();
  if (records_differ) {
    std::cerr << "verify: " << reparse.differences.size() << " PubMed records or responses do not match the "
              << reparse.responses << " archived responses; run 'prismaflow fetch --reparse' to rewrite them\n";
  } else if (reparse.responses == 0) {
    std::cerr << "verify: no archived PubMed responses to re-parse\n";
  } else {
    std::cerr << "verify: all " << reparse.records << " PubMed records match the " << reparse.responses
              << " archived responses\n";
  }
  if (differ > 0) {
    std::cerr << "verify: " << differ << " of " << files.size() << " report files do not match the database; "
              << "run 'prismaflow report' to rebuild them\n";
    return 1;
  }
  std::cerr << "verify: all " << files.size() << " report files match the database\n";
  return records_differ ? 1 : 0;
}

}  // namespace prismaflow::cli
