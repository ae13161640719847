// RIS, the tagged format every reference manager and most databases export
// (Embase/Ovid, Cochrane CENTRAL, Scopus, Web of Science, EBSCO, Dimensions,
// EndNote, Zotero). Pure: UTF-8 text in, records out.
#pragma once

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

/// True when `line` is a RIS tag line ("TY  - JOUR", "ER  -").
bool is_ris_tag_line(std::string_view line);

}  // namespace prismaflow::fetch
