// RFC 4180 CSV reading and writing. Readers keep the physical line number of
// every row so that errors can name "file:line". Used by every importer and by
// `meta`, `screen import` and `extract import`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::csv {

/// One parsed row and the 1-based line on which it starts.
struct Row {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

/// A parsed table: the header row and the data rows.
struct Table {
  std::vector<std::string> header;
  std::vector<Row> rows;
  std::size_t header_line = 1;

  /// Index of the column named `name` (exact, case-insensitive), if present.
  std::optional<std::size_t> column(std::string_view name) const;
  /// Like column(), but throws InputError naming `where` when it is absent.
  std::size_t require_column(std::string_view name, const std::string& where) const;
};

/// Parses CSV text (UTF-8, optional BOM, LF or CRLF, quoted fields with
/// embedded commas, quotes and newlines). `delimiter` is ',' or '\t'.
/// Blank lines are skipped. Throws InputError("where:line: ...") on an
/// unterminated quote or a row whose field count differs from the header.
Table parse(std::string_view text, const std::string& where, char delimiter = ',');

/// Quotes a field if it contains the delimiter, a quote, CR or LF.
std::string escape(std::string_view field, char delimiter = ',');

/// `cell` without leading and trailing spaces and tabs.
std::string trim(std::string_view cell);

/// `text` with ASCII letters lower-cased (header names, enumerated values).
std::string ascii_lower(std::string text);

/// Joins fields into one CSV line terminated by "\n".
std::string format_row(const std::vector<std::string>& fields, char delimiter = ',');

}  // namespace prismaflow::csv
