// `prismaflow export records --format csv|ris|json [--out FILE]`.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/csv.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "fetch/record_export.hpp"
#include "fetch/record_json.hpp"
#include "fetch/record_store.hpp"

namespace prismaflow::cli {
namespace {

struct ExportOptions {
  std::string review;
  std::string what;
  std::string format;
  std::string out;
};

std::optional<ExportOptions> parse_export(const Args& args) {
  CommandSpec spec{"export", "prismaflow export records --format csv|ris|json [--out FILE]",
                   "Writes every record (duplicates included, with duplicate_of naming the kept "
                   "record) so that nothing is locked in. Without --out it writes to stdout."};
  spec.options.add_options()
      ("what", po::value<std::string>(), "what to export: records")
      ("format", po::value<std::string>()->default_value("csv"), "csv, ris or json")
      ("out", po::value<std::string>(), "output file (default: stdout)");
  add_common_options(spec);
  spec.positional.add("what", 1);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  ExportOptions o{(*vm)["review"].as<std::string>(),
                  vm->count("what") ? (*vm)["what"].as<std::string>() : "",
                  (*vm)["format"].as<std::string>(),
                  vm->count("out") ? (*vm)["out"].as<std::string>() : ""};
  if (o.what != "records") {
    throw UsageError("prismaflow export: say what to export: 'prismaflow export records'");
  }
  if (o.format != "csv" && o.format != "ris" && o.format != "json") {
    throw UsageError("prismaflow export: --format must be csv, ris or json, not '" + o.format + "'");
  }
  return o;
}

std::string render(Review& review, const std::string& format) {
  auto rows = fetch::list_records(review.db);
  std::string out;
  if (format == "csv") {
    out = csv::format_row(fetch::export_csv_columns());
    for (const auto& r : rows) out += fetch::export_csv_row(r);
  } else if (format == "ris") {
    for (const auto& r : rows) {
      auto rec = fetch::load_record(review.db, r.record_id);
      if (rec) out += fetch::export_ris_record(*rec, r.record_id, r);
    }
  } else {
    auto arr = nlohmann::json::array();
    for (const auto& r : rows) {
      auto rec = fetch::load_record(review.db, r.record_id);
      if (!rec) continue;
      // Stored rows leave empty fields out; the export keeps every key.
      auto j = nlohmann::json::parse(fetch::record_to_json_full(*rec));
      j["record_id"] = r.record_id;
      j["source"] = r.source;
      j["duplicate_of"] = r.duplicate_of ? nlohmann::json(*r.duplicate_of) : nlohmann::json();
      arr.push_back(std::move(j));
    }
    out = arr.dump(2) + "\n";
  }
  return out;
}

}  // namespace

int cmd_export(const Args& args) {
  auto o = parse_export(args);
  if (!o) return 0;
  Review review = open_review(o->review);
  std::string text = render(review, o->format);
  if (o->out.empty()) {
    std::cout << text;
  } else {
    write_file_atomic(o->out, text);
    std::cerr << "wrote " << o->out << "\n";
  }
  return 0;
}

}  // namespace prismaflow::cli
