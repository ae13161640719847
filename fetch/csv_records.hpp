// Records from a CSV (or tab-separated) table, e.g. a Scopus or Covidence
// CSV export or a hand-made list. Columns are found by common names, and a
// user's --map names the rest. Pure: text in, records out.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "fetch/import_parse.hpp"

namespace prismaflow::fetch {

/// Record field -> column name, e.g. {"title", "Article Title"}. Fields:
/// id, title, authors, year, journal, doi, pmid, pmcid, abstract, volume,
/// issue, pages, page_start, page_end, keywords, issn.
using ColumnMap = std::map<std::string, std::string>;

/// Parses "title=Title,authors=Author Names". Throws UsageError on an unknown
/// field or a pair without '='.
ColumnMap parse_column_map(std::string_view spec);

/// Parses CSV text with a header row. Each field's column is taken from `map`
/// when given, else from a list of usual names (case-insensitive: "title",
/// "Article Title", "TI", ...). Authors are split on ';' (or " and ").
/// Throws InputError(where, header line, ...) when no title column is found
/// or a mapped column is absent; a row with neither title nor identifier is
/// malformed (InputError naming its line unless options.skip_bad).
ImportParseResult parse_csv_records(std::string_view text, const std::string& where,
                                    const ColumnMap& map = {}, const ParseOptions& options = {});

}  // namespace prismaflow::fetch
