// Records in the review database: sources, and the records table with the
// whole model as JSON, its identifiers (pmid, doi, pmcid) as columns that
// de-duplication and update searches look up, and the raw payload.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/record.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::fetch {

/// The id of source `name`, creating it with `kind` (database|register|other)
/// when new. Throws InputError when it exists with another kind.
std::int64_t ensure_source(db::Database& db, std::string_view name, std::string_view kind);

/// Where a batch of records came from: a search run or an imported file.
struct RecordOrigin {
  std::int64_t source_id = 0;
  std::optional<std::int64_t> run_id;
  std::optional<std::int64_t> import_id;
  int review_version = 1;
};

/// Where a fetched record's bytes lie inside its stored efetch reply
/// (raw_responses.response_id, byte offset and length in the body).
struct RawRef {
  std::int64_t response_id = 0;
  std::int64_t offset = 0;
  std::int64_t length = 0;
};

/// Every column value RecordWriter writes for one record, computed from the
/// record alone (JSON, joined lists, normalised DOI, compressed raw payload).
/// Building it touches no database, so a bulk load can build batch N+1 on
/// another thread while batch N is being inserted.
struct RecordRow {
  std::string source_record_id, pmid, doi, pmcid, title, abstract, authors, journal, volume,
      issue, pages, publication_types, keywords, mesh, language, json, raw_format;
  int year = 0;
  /// record.raw zstd-compressed; empty when the raw payload is kept as a
  /// RawRef into the stored reply (`compress_raw` false) or there is none.
  std::string raw_zstd;
};

/// The row of `record`. With `compress_raw` false the raw payload is left
/// out (the caller stores it as a RawRef). Pure and thread-safe.
RecordRow make_record_row(const Record& record, bool compress_raw = true);

/// Inserts records with statements prepared once, for bulk loads. Use inside
/// a db::Transaction; the writer itself never commits.
class RecordWriter {
 public:
  explicit RecordWriter(db::Database& db);
  ~RecordWriter();
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;

  /// Stores `record`; returns the new record_id. With
  /// `raw_ref` the raw payload is kept as that reference into the stored
  /// reply (not compressed a second time); without it, record.raw is stored
  /// zstd-compressed in the row.
  std::int64_t insert(const Record& record, const RecordOrigin& origin,
                      const std::optional<RawRef>& raw_ref = std::nullopt);

  /// Stores a row built by make_record_row; the same as insert(record) but
  /// without the per-record CPU work. With `raw_ref` the row's raw_zstd is
  /// ignored.
  std::int64_t insert(const RecordRow& row, const RecordOrigin& origin,
                      const std::optional<RawRef>& raw_ref = std::nullopt);

  /// Stores many rows (`refs` parallel to `rows`, or empty); returns the new
  /// record_ids in order, as insert() one by one would.
  std::vector<std::int64_t> insert_batch(const std::vector<const RecordRow*>& rows,
                                         const RecordOrigin& origin,
                                         const std::vector<std::optional<RawRef>>& refs);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The whole record (without `raw`) of `record_id`, if it exists.
std::optional<Record> load_record(db::Database& db, std::int64_t record_id);

/// The raw payload of `record_id`, decompressed ("" when none was kept): the
/// row's own copy, or the slice of the stored reply its RawRef names.
/// Throws DbError when the reference falls outside the stored body.
std::string load_raw_payload(db::Database& db, std::int64_t record_id);

/// Lower-cases a DOI and strips "https://doi.org/", "doi:" and spaces, so
/// the same DOI from two sources compares equal.
std::string normalize_doi(std::string_view doi);

/// One row of `export records` and of `status`.
struct RecordSummary {
  std::int64_t record_id = 0;
  std::string pmid, doi, title, journal, source, source_record_id;
  std::optional<int> year;
  std::optional<std::int64_t> duplicate_of;
};

/// Every record in record_id order, with its active duplicate link.
std::vector<RecordSummary> list_records(db::Database& db);

}  // namespace prismaflow::fetch
