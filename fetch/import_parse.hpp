// What every export parser returns, and the small field helpers they share
// (years, author names, page ranges), so RIS, MEDLINE, WoS and CSV read the
// same field the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/record.hpp"

namespace prismaflow::fetch {

/// A record left out under --skip-bad: where it started and why.
struct SkippedRecord {
  std::size_t line = 0;
  std::string reason;
};

/// A parsed export file.
struct ImportParseResult {
  std::vector<Record> records;
  std::vector<SkippedRecord> skipped;
};

/// How a parser treats a malformed record.
struct ParseOptions {
  bool skip_bad = false;  ///< true: record it in `skipped`; false: throw InputError
};

/// Adds a malformed record to `result.skipped`, or throws InputError(where,
/// line, reason) when !options.skip_bad.
void reject_record(ImportParseResult& result, const ParseOptions& options,
                   const std::string& where, std::size_t line, const std::string& reason);

/// The first plausible publication year (1800-2199) in `text`, else 0.
int parse_year(std::string_view text);

/// "Smith, John A." / "Smith JA" / "John A Smith" into an Author.
Author parse_author_name(std::string_view name);

/// "123" + "130" into "123-130"; a start that is already a range is kept.
std::string join_pages(std::string_view start, std::string_view end);

/// `s` without leading and trailing whitespace.
std::string trim(std::string_view s);

/// Checks a finished record: it needs a title, or at least an identifier.
/// Returns the problem ("" when fine).
std::string record_problem(const Record& record, std::string_view title_tags);

}  // namespace prismaflow::fetch
