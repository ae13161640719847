// `prismaflow report [--out DIR] [--png] [--pdf] [--formats LIST]`: writes
// report.html, report.md and figures/*.svg from the database, and each figure
// as PNG/PDF too when asked (through rsvg-convert). Reads the database only;
// the same database gives byte-identical HTML, Markdown and SVG files (no
// wall-clock time appears in them).
#include <iostream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "report/report_data_store.hpp"
#include "report/svg_convert.hpp"

namespace prismaflow::cli {
namespace {

struct ReportOptions {
  std::string review;
  std::string out;  ///< empty: <review>/report
  bool png = false, pdf = false;
};

std::optional<ReportOptions> parse_report(const Args& args) {
  CommandSpec spec{"report", "prismaflow report [--out DIR] [--png] [--pdf] [--formats svg,png,pdf] [--review DIR]",
                   "Writes DIR/report.html (one self-contained file: inline SVG and CSS), "
                   "DIR/report.md and DIR/figures/*.svg (PRISMA diagram, recall curve when prioritised "
                   "screening was used, forest and funnel plots) from the review database. The default DIR "
                   "is report/ inside the review. --png/--pdf also write every figure as "
                   "figures/*.png/*.pdf through rsvg-convert (Debian package librsvg2-bin)."};
  spec.options.add_options()("out", po::value<std::string>(), "output folder (default: <review>/report)")(
      "png", "also write each figure as PNG (needs rsvg-convert)")(
      "pdf", "also write each figure as PDF (needs rsvg-convert)")(
      "formats", po::value<std::string>(), "figure formats, comma-separated: svg (always), png, pdf");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  ReportOptions o{(*vm)["review"].as<std::string>(), vm->count("out") ? (*vm)["out"].as<std::string>() : ""};
  o.png = vm->count("png") > 0;
  o.pdf = vm->count("pdf") > 0;
  if (vm->count("formats")) {
    std::stringstream list((*vm)["formats"].as<std::string>());
    for (std::string f; std::getline(list, f, ',');) {
      if (f == "png") o.png = true;
      else if (f == "pdf") o.pdf = true;
      else if (f != "svg")
        throw UsageError("report: --formats: unknown format '" + f + "'; use a comma-separated list of svg, png, pdf");
    }
  }
  return o;
}

}  // namespace

int cmd_report(const Args& args) {
  auto o = parse_report(args);
  if (!o) return 0;
  // Before anything is written: a missing converter must not leave a half-made report.
  if ((o->png || o->pdf) && !report::svg_convert_available()) {
    throw Error(std::string("report: --") + (o->png ? "png" : "pdf") +
                " needs rsvg-convert, which is not on PATH; install it with 'apt-get install librsvg2-bin', "
                "or leave out --png/--pdf to write SVG figures only");
  }
  Review review = open_review(o->review);
  const std::filesystem::path out = o->out.empty() ? review.dir / "report" : std::filesystem::path(o->out);
  // Render everything before writing anything, so an unreadable analysis
  // leaves the previous report untouched.
  auto files = report::render_report(report::load_report_data(review.db, review.protocol));
  std::filesystem::create_directories(out / "figures");
  std::size_t written = 0;
  for (const auto& f : files) {
    write_file_atomic(out / f.path, f.content);
    ++written;
    if (f.path.rfind("figures/", 0) != 0) continue;
    std::filesystem::path figure = out / f.path;
    if (o->png) report::convert_svg(f.content, figure.replace_extension(".png")), ++written;
    if (o->pdf) report::convert_svg(f.content, figure.replace_extension(".pdf")), ++written;
  }
  std::cerr << "wrote " << written << " files to " << out.string() << " (open " << (out / "report.html").string()
            << ")\n";
  return 0;
}

}  // namespace prismaflow::cli
