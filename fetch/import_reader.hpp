// Reading an export file's records in batches: the file is decoded and its
// format checked or detected up front, then records come out a batch at a
// time, so `import` can store batch N while batch N+1 is parsed (RIS, the
// common case, is parsed incrementally; the other formats are parsed whole on
// the first batch). Pure: bytes in, records out.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/format_detect.hpp"

namespace prismaflow::fetch {

class RisReader;

/// An export file being read. parse_export() is this read to the end.
class ExportReader {
 public:
  /// Decodes `bytes` and checks or detects the format (`requested` nullopt
  /// for auto). Throws InputError naming `where` for an empty or binary file,
  /// a format that cannot be told, or a --format that contradicts the content.
  /// Keeps its own copy of the decoded text; `map` and `options` are copied.
  ExportReader(std::string_view bytes, std::string where, std::optional<ImportFormat> requested,
               const ColumnMap& map = {}, const ParseOptions& options = {});
  ~ExportReader();
  ExportReader(const ExportReader&) = delete;
  ExportReader& operator=(const ExportReader&) = delete;

  ImportFormat format() const { return format_; }
  const std::string& encoding() const { return encoding_; }

  /// Appends up to `max_records` records to `out` (at least one unless the
  /// file is used up); skipped records go to skipped(), not to `out`.
  /// Returns false when no record is left. Throws InputError for a malformed
  /// record (unless options.skip_bad) and, at the end, for a file in which
  /// no record was found.
  bool next(std::size_t max_records, std::vector<Record>& out);

  /// Records left out under --skip-bad so far, in file order.
  const std::vector<SkippedRecord>& skipped() const { return skipped_; }
  /// Records returned by next() so far.
  std::size_t n_records() const { return n_records_; }

 private:
  void parse_whole();
  std::string where_;
  ImportFormat format_ = ImportFormat::kRis;
  std::string encoding_;
  std::string text_;
  ColumnMap map_;
  ParseOptions options_;
  std::unique_ptr<RisReader> ris_;        ///< RIS: the incremental parser
  std::optional<std::vector<Record>> whole_;  ///< other formats: every record, parsed once
  std::size_t taken_ = 0;                 ///< records of whole_ handed out
  std::vector<SkippedRecord> skipped_;
  std::size_t n_records_ = 0;
  bool finished_ = false;
};

}  // namespace prismaflow::fetch
