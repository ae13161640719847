// `prismaflow report [--out DIR]`: writes report.html, report.md and
// figures/*.svg from the database. Reads only; the same database gives
// byte-identical files (no wall-clock time appears in them).
#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/file.hpp"
#include "report/report_data_store.hpp"

namespace prismaflow::cli {
namespace {

struct ReportOptions {
  std::string review;
  std::string out;  ///< empty: <review>/report
};

std::optional<ReportOptions> parse_report(const Args& args) {
  CommandSpec spec{"report", "prismaflow report [--out DIR] [--review DIR]",
                   "Writes DIR/report.html (one self-contained file: inline SVG and CSS), "
                   "DIR/report.md and DIR/figures/*.svg (PRISMA diagram, forest and funnel plots) "
                   "from the review database. The default DIR is report/ inside the review."};
  spec.options.add_options()("out", po::value<std::string>(), "output folder (default: <review>/report)");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  return ReportOptions{(*vm)["review"].as<std::string>(), vm->count("out") ? (*vm)["out"].as<std::string>() : ""};
}

}  // namespace

int cmd_report(const Args& args) {
  auto o = parse_report(args);
  if (!o) return 0;
  Review review = open_review(o->review);
  const std::filesystem::path out = o->out.empty() ? review.dir / "report" : std::filesystem::path(o->out);
  // Render everything before writing anything, so an unreadable analysis
  // leaves the previous report untouched.
  auto files = report::render_report(report::load_report_data(review.db, review.protocol));
  std::filesystem::create_directories(out / "figures");
  for (const auto& f : files) write_file_atomic(out / f.path, f.content);
  std::cerr << "wrote " << files.size() << " files to " << out.string() << " (open "
            << (out / "report.html").string() << ")\n";
  return 0;
}

}  // namespace prismaflow::cli
