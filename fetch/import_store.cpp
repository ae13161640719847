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

ImportOutcome store_import(db::Database& db, const ImportFileInfo& file,
                           const ParsedExport& parsed) {
  ImportOutcome out;
  if (auto earlier = find_import(db, file.source, file.sha256)) {
    out.import_id = *earlier;
    out.already_imported = true;
    return out;
  }
  std::int64_t source_id = ensure_source(db, file.source, file.kind);
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& s : parsed.result.skipped) {
    skipped.push_back({{"line", s.line}, {"reason", s.reason}});
  }
  out.n_records = parsed.result.records.size();
  out.n_skipped = parsed.result.skipped.size();
  db.run(
      "INSERT INTO import_files(source_id, path, format, sha256, n_records, n_skipped, skipped,"
      " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      source_id, file.path, std::string(format_name(parsed.format)), file.sha256,
      static_cast<std::int64_t>(out.n_records), static_cast<std::int64_t>(out.n_skipped),
      out.n_skipped ? std::optional<std::string>(skipped.dump()) : std::nullopt, now_utc_iso());
  out.import_id = db.last_insert_rowid();
  RecordWriter writer(db);
  RecordOrigin origin;
  origin.source_id = source_id;
  origin.import_id = out.import_id;
  // Rows (JSON, joined fields, compressed raw text) are built on a second
  // thread while the previous batch is inserted: that work was half of a
  // 100,000-record import. SQLite stays on this thread, inside the caller's
  // transaction, so a failure still leaves the database unchanged.
  const auto& records = parsed.result.records;
  std::size_t next = 0;
  run_pipelined<std::vector<RecordRow>>(
      [&]() -> std::optional<std::vector<RecordRow>> {
        if (next == records.size()) return std::nullopt;
        std::size_t end = std::min(records.size(), next + kRowBatch);
        std::vector<RecordRow> rows;
        rows.reserve(end - next);
        for (; next < end; ++next) rows.push_back(make_record_row(records[next]));
        return rows;
      },
      [&](const std::vector<RecordRow>& rows) {
        std::vector<const RecordRow*> batch;
        batch.reserve(rows.size());
        for (const auto& row : rows) batch.push_back(&row);
        writer.insert_batch(batch, origin, {});
      },
      std::thread::hardware_concurrency() > 1);
  // One event per file: the records carry import_id, so the file's event
  // accounts for each of them without 10^5 log rows per import.
  nlohmann::json after = {{"source", file.source},       {"kind", file.kind},
                          {"path", file.path},           {"format", format_name(parsed.format)},
                          {"encoding", parsed.encoding}, {"sha256", file.sha256},
                          {"n_records", out.n_records},  {"n_skipped", out.n_skipped}};
  db::log_event(db, {db::current_actor(), "import", "insert", "import_file",
                     std::to_string(out.import_id), "", after.dump()});
  return out;
}

}  // namespace prismaflow::fetch
