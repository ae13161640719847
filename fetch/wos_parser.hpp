// Web of Science's own tagged plain text (.ciw / .txt, "FN Clarivate
// Analytics Web of Science"). Pure: UTF-8 text in, records out.
#pragma once

#include <string>
#include <string_view>

#include "fetch/import_parse.hpp"

namespace prismaflow::fetch {

/// Parses WoS plain text: two-letter tag, a space, the value; three-space
/// continuation lines (one author per line in AU/AF); each record ends with
/// ER, the file with EF. source_record_id = UT (accession number); PMID from
/// PM. A record not closed by ER (truncated file) or without title and
/// identifiers is malformed (InputError naming the line unless skip_bad).
ImportParseResult parse_wos(std::string_view text, const std::string& where,
                            const ParseOptions& options = {});

/// True when `line` looks like a WoS tag line ("PT J", "TI Title", "ER").
bool is_wos_tag_line(std::string_view line);

}  // namespace prismaflow::fetch
