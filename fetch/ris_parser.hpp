// RIS, the tagged format every reference manager and most databases export
// (Embase/Ovid, Cochrane CENTRAL, Scopus, Web of Science, EBSCO, Dimensions,
// EndNote, Zotero). Pure: UTF-8 text in, records out.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "fetch/import_parse.hpp"

namespace prismaflow::fetch {

/// Parses RIS text (already UTF-8, LF line ends; see decode_to_utf8). Handles
/// the quirks of real exports: header junk and record numbers ("1.") before
/// a record, a missing TY, stray ER lines, untagged continuation lines,
/// repeated tags, two tags run together on one line (a Web of Science defect),
/// BOMs in the middle of concatenated files. `where` names the file.
/// A record without a title or identifier, or a file that ends inside a record
/// (truncated), is malformed: InputError "where:line: ..." unless
/// options.skip_bad. source_record_id = ID, else AN.
ImportParseResult parse_ris(std::string_view text, const std::string& where,
                            const ParseOptions& options = {});

/// parse_ris in installments, so an import can store the first records while
/// the rest are read. Holds a view of `text`, which must outlive it. Records,
/// skipped records and errors are exactly parse_ris's, in the same order.
class RisReader {
 public:
  RisReader(std::string_view text, std::string where, const ParseOptions& options = {});
  ~RisReader();
  RisReader(const RisReader&) = delete;
  RisReader& operator=(const RisReader&) = delete;

  /// Appends up to `max_records` more records (and any skipped ones) to
  /// `out`. Returns false once the text was used up by an earlier call (then
  /// `out` is untouched). Throws InputError as parse_ris does.
  bool read(std::size_t max_records, ImportParseResult& out);

 private:
  struct State;  // the record being read (RawRecord is private to the .cpp)
  std::string_view text_;
  std::string where_;
  ParseOptions options_;
  std::unique_ptr<State> state_;
  std::size_t pos_ = 0, line_ = 0;
  bool done_ = false;
};

/// True when `line` is a RIS tag line ("TY  - JOUR", "ER  -").
bool is_ris_tag_line(std::string_view line);

}  // namespace prismaflow::fetch
