#include "fetch/import_store.hpp"

#include <algorithm>
#include <optional>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "fetch/batch_pipeline.hpp"
#include "fetch/record_store.hpp"

namespace prismaflow::fetch {
namespace {

// Records per hand-off between the row-building thread and the writer: large
// enough that the hand-off costs nothing, small enough to overlap early.
constexpr std::size_t kRowBatch = 1000;

}  // namespace

std::optional<std::int64_t> find_import(db::Database& db, std::string_view source,
                                        std::string_view sha256) {
  return db.query_int(
      "SELECT i.import_id FROM import_files i JOIN sources s USING (source_id)"
      " WHERE s.name = ? AND i.sha256 = ?",
      source, sha256);
}

namespace {

// Writes one import: the import_files row, the records `produce` yields (a
// batch of rows per call, nullopt at the end; run on a second thread), then
// the file's counts and skipped records, known only once `produce` is done,
// and its event. Everything stays in the caller's transaction, so an
// exception from `produce` (a malformed record in batch 57) still leaves
// the database unchanged once the caller rolls back.
template <class Produce>
ImportOutcome store_rows(db::Database& db, const ImportFileInfo& file, ImportFormat format,
                         const std::string& encoding, Produce produce,
                         const std::vector<SkippedRecord>& skipped_at_end) {
  ImportOutcome out;
  if (auto earlier = find_import(db, file.source, file.sha256)) {
    out.import_id = *earlier;
    out.already_imported = true;
    return out;
  }
  std::int64_t source_id = ensure_source(db, file.source, file.kind);
  db.run(
      "INSERT INTO import_files(source_id, path, format, sha256, n_records, n_skipped, imported_at)"
      " VALUES (?, ?, ?, ?, 0, 0, ?)",
      source_id, file.path, std::string(format_name(format)), file.sha256, now_utc_iso());
  out.import_id = db.last_insert_rowid();
  RecordWriter writer(db);
  RecordOrigin origin;
  origin.source_id = source_id;
  origin.import_id = out.import_id;
  // Parsing and rows (JSON, joined fields, compressed raw text) run on a
  // second thread while the previous batch is inserted: on a 100,000-record
  // RIS file the parse alone was ~0.8 s before the first insert. SQLite
  // stays on this thread, inside the caller's transaction.
  run_pipelined<std::vector<RecordRow>>(
      produce,
      [&](const std::vector<RecordRow>& rows) {
        std::vector<const RecordRow*> batch;
        batch.reserve(rows.size());
        for (const auto& row : rows) batch.push_back(&row);
        writer.insert_batch(batch, origin, {});
        out.n_records += rows.size();
      },
      std::thread::hardware_concurrency() > 1);
  out.n_skipped = skipped_at_end.size();
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& s : skipped_at_end) skipped.push_back({{"line", s.line}, {"reason", s.reason}});
  db.run("UPDATE import_files SET n_records = ?, n_skipped = ?, skipped = ? WHERE import_id = ?",
         static_cast<std::int64_t>(out.n_records), static_cast<std::int64_t>(out.n_skipped),
         out.n_skipped ? std::optional<std::string>(skipped.dump()) : std::nullopt, out.import_id);
  // One event per file: the records carry import_id, so the file's event
  // accounts for each of them without 10^5 log rows per import.
  nlohmann::json after = {{"source", file.source},       {"kind", file.kind},
                          {"path", file.path},           {"format", format_name(format)},
                          {"encoding", encoding},        {"sha256", file.sha256},
                          {"n_records", out.n_records},  {"n_skipped", out.n_skipped}};
  db::log_event(db, {db::current_actor(), "import", "insert", "import_file",
                     std::to_string(out.import_id), "", after.dump()});
  return out;
}

}  // namespace

ImportOutcome store_import(db::Database& db, const ImportFileInfo& file,
                           const ParsedExport& parsed) {
  const auto& records = parsed.result.records;
  std::size_t next = 0;
  auto produce = [&]() -> std::optional<std::vector<RecordRow>> {
    if (next == records.size()) return std::nullopt;
    std::size_t end = std::min(records.size(), next + kRowBatch);
    std::vector<RecordRow> rows;
    rows.reserve(end - next);
    for (; next < end; ++next) rows.push_back(make_record_row(records[next]));
    return rows;
  };
  return store_rows(db, file, parsed.format, parsed.encoding, produce, parsed.result.skipped);
}

ImportOutcome store_import(db::Database& db, const ImportFileInfo& file, ExportReader& reader) {
  // The reader's skipped list is complete once the producer is done, which
  // is before store_rows reads it (run_pipelined joins its worker first).
  auto produce = [&]() -> std::optional<std::vector<RecordRow>> {
    std::vector<Record> records;
    records.reserve(kRowBatch);
    if (!reader.next(kRowBatch, records)) return std::nullopt;
    std::vector<RecordRow> rows;
    rows.reserve(records.size());
    for (const auto& r : records) rows.push_back(make_record_row(r));
    return rows;  // the parsed records are freed here, on the worker
  };
  return store_rows(db, file, reader.format(), reader.encoding(), produce, reader.skipped());
}

}  // namespace prismaflow::fetch
