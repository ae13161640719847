// Telling export formats apart by content (`--format auto`), and reading any
// supported export's bytes into records in one call. Pure: bytes in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "fetch/csv_records.hpp"
#include "fetch/import_parse.hpp"

namespace prismaflow::fetch {

enum class ImportFormat { kRis, kNbib, kWos, kCsv, kPubmedXml };

/// "ris", "nbib", "wos", "csv", "pubmed-xml".
const char* format_name(ImportFormat format);

/// The format named `name`; nullopt for "auto". Throws UsageError for an
/// unknown name, listing the valid ones.
std::optional<ImportFormat> parse_format_name(std::string_view name);

/// The format `text` (UTF-8) is written in, judged from its first lines;
/// nullopt when it matches none.
std::optional<ImportFormat> detect_format(std::string_view text);

/// An export file read into records.
struct ParsedExport {
  ImportFormat format = ImportFormat::kRis;
  std::string encoding;  ///< as found by decode_to_utf8
  ImportParseResult result;
};

/// Decodes `bytes`, checks or detects the format and parses. `requested` is
/// nullopt for auto. Throws InputError naming `where` for an empty or binary
/// file, a format that cannot be told, a --format that contradicts the
/// content, a file without records, or a malformed record (unless skip_bad).
ParsedExport parse_export(std::string_view bytes, const std::string& where,
                          std::optional<ImportFormat> requested, const ColumnMap& map = {},
                          const ParseOptions& options = {});

}  // namespace prismaflow::fetch
