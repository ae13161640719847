// Screening at scale: import N decisions in one transaction, then the queue
// (records_awaiting), the PRISMA ledger and its check, on a real SQLite file.
// Prints the figures; nothing is asserted. Usage: screen_bench [N] (default 20000).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "db/database.hpp"
#include "screen/decision_import_store.hpp"
#include "screen/prisma_check.hpp"
#include "screen/prisma_ledger.hpp"
#include "screen/screening_store.hpp"

using namespace prismaflow;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 20000;
  auto path = std::filesystem::temp_directory_path() / "prismaflow-screen-bench.db";
  std::filesystem::remove(path);
  auto db = db::Database::open(path, true);
  {
    db::Transaction tx(db);
    db.exec("INSERT INTO sources VALUES (1, 'PubMed', 'database', 'now')");
    auto s = db.prepare("INSERT INTO records(record_id, source_id, pmid, title, added_at) VALUES (?, 1, ?, 't', 'now')");
    for (long i = 1; i <= n; ++i) {
      s.reset();
      s.bind_all(static_cast<std::int64_t>(i), std::to_string(100000 + i));
      s.run();
    }
    tx.commit();
  }
  Protocol protocol;
  protocol.screening.exclusion_reasons = {"Wrong population"};
  std::vector<screen::ParsedDecision> decisions;
  for (long i = 1; i <= n; ++i) {
    screen::ParsedDecision d;
    d.line = static_cast<std::size_t>(i + 1);
    d.record_id = i;
    d.reviewer = "ann";
    d.decision = i % 10 == 0 ? screen::Decision::kInclude : screen::Decision::kExclude;
    d.reason = d.decision == screen::Decision::kExclude ? "Wrong population" : "";
    decisions.push_back(d);
  }
  auto t = Clock::now();
  screen::import_decisions(db, protocol, decisions, "bench.csv", "bench");
  double import_ms = ms_since(t);
  t = Clock::now();
  auto queue = screen::records_awaiting(db, protocol, screen::Stage::kFullText, "ann");
  double queue_ms = ms_since(t);
  t = Clock::now();
  auto counts = screen::compute_prisma_counts(db, protocol);
  double ledger_ms = ms_since(t);
  t = Clock::now();
  auto violations = screen::check_prisma(screen::load_record_states(db, protocol));
  double check_ms = ms_since(t);
  std::printf("records %ld\nimport_decisions_ms %.1f (%.0f decisions/s)\n", n, import_ms,
              n / (import_ms / 1000));
  std::printf("records_awaiting_ft_ms %.1f (%zu awaiting)\n", queue_ms, queue.size());
  std::printf("prisma_ledger_ms %.1f (screened %lld)\nprisma_check_ms %.1f (%zu violations)\n",
              ledger_ms, static_cast<long long>(counts.records_screened), check_ms, violations.size());
  std::filesystem::remove(path);
  return 0;
}
