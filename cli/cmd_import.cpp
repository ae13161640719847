// `prismaflow import [FILE --source NAME] [--format F] [--kind K] [--skip-bad]
// [--map field=Column,...]`: other databases' exports into the review. With no
// FILE, every [[import]] of review.toml. All files of one command are written
// in one transaction, so a bad file leaves the database as it was.
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "common/hash.hpp"
#include "db/bulk_write_journal.hpp"
#include "db/database.hpp"
#include "fetch/import_store.hpp"

namespace prismaflow::cli {
namespace {

struct ImportOptions {
  std::string review;
  std::string file;  ///< empty: the protocol's [[import]] list
  std::string source;
  std::string format = "auto";
  std::string kind = "database";
  bool skip_bad = false;
  fetch::ColumnMap map;
};

std::optional<ImportOptions> parse_import(const Args& args) {
  CommandSpec spec{"import",
                   "prismaflow import [FILE --source NAME] [--format ris|nbib|wos|csv|pubmed-xml|"
                   "auto] [--kind database|register|other] [--skip-bad] [--map field=Column,...]",
                   "Imports another database's export (RIS, MEDLINE/.nbib, Web of Science plain "
                   "text, PubMed XML, CSV). Without FILE, imports every [[import]] listed in "
                   "review.toml (paths relative to the review folder). Re-importing the same "
                   "file changes nothing. A malformed record stops the whole import unless "
                   "--skip-bad is given."};
  spec.options.add_options()
      ("file", po::value<std::string>(), "the export file")
      ("source", po::value<std::string>(), "database or register the file came from, e.g. Embase")
      ("format", po::value<std::string>()->default_value("auto"),
       "ris, nbib, wos, csv, pubmed-xml or auto (tell by content)")
      ("kind", po::value<std::string>()->default_value("database"),
       "database, register or other (PRISMA 2020 diagram columns)")
      ("skip-bad", "import the good records, list and record the malformed ones")
      ("map", po::value<std::string>(),
       "CSV columns, e.g. title=Article Title,authors=Author Names,id=EID");
  add_common_options(spec);
  spec.positional.add("file", 1);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  ImportOptions o;
  o.review = (*vm)["review"].as<std::string>();
  if (vm->count("file")) o.file = (*vm)["file"].as<std::string>();
  if (vm->count("source")) o.source = (*vm)["source"].as<std::string>();
  o.format = (*vm)["format"].as<std::string>();
  o.kind = (*vm)["kind"].as<std::string>();
  o.skip_bad = vm->count("skip-bad") > 0;
  if (vm->count("map")) o.map = fetch::parse_column_map((*vm)["map"].as<std::string>());
  fetch::parse_format_name(o.format);  // a wrong name is a usage error before any I/O
  if (!o.file.empty() && o.source.empty()) {
    throw UsageError("prismaflow import: name where FILE came from with --source, e.g. --source Embase");
  }
  if (o.kind != "database" && o.kind != "register" && o.kind != "other") {
    throw UsageError("prismaflow import: --kind must be database, register or other, not '" +
                     o.kind + "'");
  }
  return o;
}

struct Job {
  std::filesystem::path path;
  std::string shown;  ///< the path as the user wrote it
  fetch::ImportFileInfo info;
  std::string format;
};

void import_one(db::Database& db, const Job& job, const ImportOptions& o) {
  std::string bytes = read_file(job.path);
  fetch::ImportFileInfo info = job.info;
  info.sha256 = sha256_hex(bytes);
  if (auto earlier = fetch::find_import(db, info.source, info.sha256)) {
    std::cout << job.shown << ": already imported for " << info.source << " (import " << *earlier
              << "); nothing changed\n";
    return;
  }
  fetch::ParseOptions po;
  po.skip_bad = o.skip_bad;
  // Parsed while stored: a bad record throws out of store_import and the
  // caller's transaction undoes the batches already written.
  fetch::ExportReader reader(bytes, job.shown, fetch::parse_format_name(job.format), o.map, po);
  auto outcome = fetch::store_import(db, info, reader);
  std::cout << info.source << " (" << info.kind << "): imported " << outcome.n_records
            << " records from " << job.shown << " (" << fetch::format_name(reader.format()) << ", "
            << reader.encoding() << ")\n";
  for (const auto& s : reader.skipped()) {
    std::cout << "  skipped " << job.shown << ":" << s.line << ": " << s.reason << "\n";
  }
}

}  // namespace

int cmd_import(const Args& args) {
  auto o = parse_import(args);
  if (!o) return 0;
  Review review = open_review(o->review);
  std::vector<Job> jobs;
  if (!o->file.empty()) {
    jobs.push_back({o->file, o->file, {o->source, o->kind, o->file, ""}, o->format});
  } else {
    if (review.protocol.imports.empty()) {
      throw UsageError("prismaflow import: give FILE --source NAME, or list files as [[import]] in " +
                       review.protocol_path.string());
    }
    for (const auto& spec : review.protocol.imports) {
      jobs.push_back({review.dir / spec.file, spec.file, {spec.source, spec.kind, spec.file, ""},
                      spec.format});
    }
  }
  // The imported records are new pages: written once under the rollback
  // journal rather than to the WAL and again to the file.
  db::BulkWriteJournal bulk(review.db);
  db::Transaction tx(review.db);
  for (const auto& job : jobs) import_one(review.db, job, *o);
  tx.commit();
  return 0;
}

}  // namespace prismaflow::cli
