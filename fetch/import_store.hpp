// Imported export files in the review database: one import_files row per file
// (its content hash makes a re-import a no-op) and its records, written with
// RecordWriter, attributed to a source and kind for the PRISMA diagram.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fetch/format_detect.hpp"
#include "fetch/import_reader.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::fetch {

/// What is known about the file before its records are stored.
struct ImportFileInfo {
  std::string source;  ///< e.g. "Embase"
  std::string kind = "database";  ///< database | register | other
  std::string path;    ///< as the user named it (kept for the audit trail)
  std::string sha256;  ///< of the file's bytes
};

/// The import_id of an earlier import of the same bytes for `source`, if any.
std::optional<std::int64_t> find_import(db::Database& db, std::string_view source,
                                        std::string_view sha256);

struct ImportOutcome {
  std::int64_t import_id = 0;
  bool already_imported = false;  ///< same bytes, same source: nothing written
  std::size_t n_records = 0;
  std::size_t n_skipped = 0;
};

/// Stores `parsed` as one import of `file`: source (created when new),
/// import_files row (skipped records listed as JSON), records, and an
/// "import_file" event. Call inside a db::Transaction. Re-importing the same
/// bytes for the same source writes nothing. Throws InputError when the source
/// exists with another kind.
ImportOutcome store_import(db::Database& db, const ImportFileInfo& file,
                           const ParsedExport& parsed);

/// The same for a file still being read: records are parsed and stored in
/// batches, batch N+1 parsed on a second thread while batch N is written.
/// A malformed record (unless --skip-bad) or a file without records throws
/// InputError from here after earlier batches were written, so call it inside
/// a db::Transaction that the exception rolls back: the database is then
/// unchanged, as with a whole-file parse. `reader` must not have been read.
ImportOutcome store_import(db::Database& db, const ImportFileInfo& file, ExportReader& reader);

}  // namespace prismaflow::fetch
