// `prismaflow dedup [--threshold T] [--review-threshold R]`,
// `prismaflow dedup review [--export pairs.csv | --import pairs.csv]` and
// `prismaflow dedup undo LINK_ID | --record ID | --all`. Each writes in one
// transaction; nothing is deleted.
#include <unistd.h>

#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/csv.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "screen/dedup_store.hpp"

namespace prismaflow::cli {
namespace {

struct DedupOptions {
  std::string review;
  std::string action;  ///< "", "review", "undo"
  screen::DedupSettings settings;
  std::string export_path, import_path;
  screen::UndoTarget undo;
};

std::optional<DedupOptions> parse_dedup(const Args& args) {
  CommandSpec spec{"dedup",
                   "prismaflow dedup [--threshold 0.90] [--review-threshold 0.75]\n"
                   "       prismaflow dedup review [--export pairs.csv | --import pairs.csv]\n"
                   "       prismaflow dedup undo LINK_ID | --record ID | --all",
                   "Finds duplicates within and across sources: equal PMID/PMCID/DOI first, then "
                   "candidate pairs scored on title, authors, year, journal, volume and pages. "
                   "Pairs scoring at or above --threshold are merged (one kept record, links kept, "
                   "nothing deleted); pairs between the two thresholds wait for 'dedup review'. "
                   "Screening decisions move to the kept record; conflicts are listed."};
  spec.options.add_options()
      ("action", po::value<std::string>(), "review or undo (default: run de-duplication)")
      ("link", po::value<std::string>(), "undo: the link id to reverse")
      ("threshold", po::value<double>()->default_value(0.90), "score at or above which pairs merge")
      ("review-threshold", po::value<double>()->default_value(0.75), "score at or above which pairs go to review")
      ("export", po::value<std::string>(), "review: write the pending pairs to this CSV")
      ("import", po::value<std::string>(), "review: read decisions (duplicate|distinct) from this CSV")
      ("record", po::value<std::int64_t>(), "undo: every merge involving this record")
      ("all", "undo: every merge");
  add_common_options(spec);
  spec.positional.add("action", 1).add("link", 1);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  DedupOptions o;
  o.review = (*vm)["review"].as<std::string>();
  if (vm->count("action")) o.action = (*vm)["action"].as<std::string>();
  if (o.action != "" && o.action != "review" && o.action != "undo") {
    throw UsageError("prismaflow dedup: unknown action '" + o.action + "'; use review or undo");
  }
  o.settings.merge_threshold = (*vm)["threshold"].as<double>();
  o.settings.review_threshold = (*vm)["review-threshold"].as<double>();
  if (!(o.settings.review_threshold <= o.settings.merge_threshold) || o.settings.merge_threshold > 1 ||
      o.settings.review_threshold < 0) {
    throw UsageError("prismaflow dedup: need 0 <= --review-threshold <= --threshold <= 1");
  }
  if (vm->count("export")) o.export_path = (*vm)["export"].as<std::string>();
  if (vm->count("import")) o.import_path = (*vm)["import"].as<std::string>();
  if (vm->count("record")) o.undo.record_id = (*vm)["record"].as<std::int64_t>();
  o.undo.all = vm->count("all") > 0;
  if (vm->count("link")) {
    try {
      o.undo.link_id = std::stoll((*vm)["link"].as<std::string>());
    } catch (const std::exception&) {
      throw UsageError("prismaflow dedup undo: LINK_ID must be a number");
    }
  }
  if (o.action == "undo" && !o.undo.link_id && !o.undo.record_id && !o.undo.all) {
    throw UsageError("prismaflow dedup undo: say what to undo: LINK_ID, --record ID or --all");
  }
  return o;
}

void print_summary(const screen::DedupRunSummary& s) {
  std::cout << s.records << " records: " << s.new_links << " new duplicates merged, "
            << s.active_links << " duplicates in total, " << s.records - s.active_links
            << " unique; " << s.review_pending << " uncertain pairs await 'prismaflow dedup review'\n";
  if (s.decisions_moved) std::cout << s.decisions_moved << " screening decisions moved to kept records\n";
  for (const auto& c : s.conflicts) {
    std::cout << "conflict: record " << c.record_id << " stage " << c.stage << " reviewer "
              << c.reviewer << " has decisions " << c.decisions
              << " (from merged duplicates); screen it again to resolve\n";
  }
}

std::string pairs_csv(const std::vector<screen::ReviewPair>& pairs) {
  std::string out = csv::format_row({"record_a", "record_b", "score", "decision", "title_a", "title_b",
                                     "year_a", "year_b", "journal_a", "journal_b", "authors_a", "authors_b",
                                     "reason"});
  auto y = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
  for (const auto& p : pairs) {
    char score[16];
    std::snprintf(score, sizeof score, "%.3f", p.score);
    out += csv::format_row({std::to_string(p.record_a), std::to_string(p.record_b), score, "",
                            p.title_a, p.title_b, y(p.year_a), y(p.year_b), p.journal_a,
                            p.journal_b, p.authors_a, p.authors_b, p.reason});
  }
  return out;
}

void import_decisions(db::Database& db, const std::string& path) {
  csv::Table t = csv::parse(read_file(path), path);
  auto ca = t.require_column("record_a", path), cb = t.require_column("record_b", path);
  auto cd = t.require_column("decision", path);
  for (const auto& row : t.rows) {
    std::string d = row.fields.at(cd);
    if (d.empty()) continue;
    std::string status = d == "duplicate" || d == "d" || d == "y" || d == "yes" ? "duplicate"
                         : d == "distinct" || d == "n" || d == "no"            ? "distinct"
                                                                               : "";
    if (status.empty()) {
      throw InputError(path, row.line, "decision '" + d + "' must be duplicate or distinct (or empty to skip)");
    }
    try {
      screen::decide_pair(db, std::stoll(row.fields.at(ca)), std::stoll(row.fields.at(cb)), status,
                          db::current_actor());
    } catch (const std::invalid_argument&) {
      throw InputError(path, row.line, "record_a and record_b must be record ids");
    } catch (const InputError& e) {
      throw InputError(path, row.line, e.what());
    }
  }
}

void review_interactively(db::Database& db) {
  for (const auto& p : screen::pending_pairs(db)) {
    std::cout << "\nscore " << p.score;
    if (!p.reason.empty()) std::cout << "  held: " << p.reason;
    std::cout << "\n  [" << p.record_a << "] " << p.title_a << " ("
              << p.year_a.value_or(0) << ") " << p.journal_a << "\n      " << p.authors_a << "\n  ["
              << p.record_b << "] " << p.title_b << " (" << p.year_b.value_or(0) << ") "
              << p.journal_b << "\n      " << p.authors_b
              << "\nSame record? [y]es / [n]o / [s]kip / [q]uit: " << std::flush;
    std::string answer;
    if (!std::getline(std::cin, answer) || answer == "q") break;
    if (answer == "y") screen::decide_pair(db, p.record_a, p.record_b, "duplicate", db::current_actor());
    if (answer == "n") screen::decide_pair(db, p.record_a, p.record_b, "distinct", db::current_actor());
  }
}

}  // namespace

int cmd_dedup(const Args& args) {
  auto o = parse_dedup(args);
  if (!o) return 0;
  Review review = open_review(o->review);
  db::Database& db = review.db;
  if (o->action == "undo") {
    db::Transaction tx(db);
    std::size_t n = screen::undo_dedup(db, o->undo);
    tx.commit();
    std::cout << "undid " << n << " duplicate links (kept for audit; the pairs are marked distinct)\n";
    return 0;
  }
  if (o->action == "review") {
    if (!o->export_path.empty()) {
      auto pairs = screen::pending_pairs(db);
      write_file_atomic(o->export_path, pairs_csv(pairs));
      std::cout << "wrote " << pairs.size() << " pending pairs to " << o->export_path
                << "; fill 'decision' with duplicate or distinct, then --import it\n";
      for (const auto& c : screen::decision_conflicts(db)) {
        std::cout << "conflict: record " << c.record_id << " stage " << c.stage << " reviewer "
                  << c.reviewer << ": " << c.decisions << "\n";
      }
      return 0;
    }
    db::Transaction tx(db);
    if (!o->import_path.empty()) {
      import_decisions(db, o->import_path);
    } else if (isatty(0) && isatty(1)) {
      review_interactively(db);
    } else {
      throw UsageError("prismaflow dedup review: not a terminal; use --export pairs.csv and --import pairs.csv");
    }
    auto summary = screen::run_dedup(db, o->settings, "dedup review");
    tx.commit();
    print_summary(summary);
    return 0;
  }
  db::Transaction tx(db);
  auto summary = screen::run_dedup(db, o->settings);
  tx.commit();
  print_summary(summary);
  return 0;
}

}  // namespace prismaflow::cli
