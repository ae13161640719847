// PubMed's MEDLINE text format (.nbib, "PubMed" format in the Send-to menu).
// Pure: UTF-8 text in, records out.
#pragma once

#include <string>
#include <string_view>

#include "fetch/import_parse.hpp"

namespace prismaflow::fetch {

/// Parses MEDLINE text: tags padded to four characters then "- " ("PMID- ",
/// "TI  - "), six-space continuation lines, records separated by blank lines
/// or a new PMID line. source_record_id = PMID; DOI from LID/AID "[doi]".
/// A record without a title or PMID is malformed (InputError naming the line
/// unless options.skip_bad).
ImportParseResult parse_medline(std::string_view text, const std::string& where,
                                const ParseOptions& options = {});

/// True when `line` is a MEDLINE tag line ("PMID- 123", "TI  - ...").
bool is_medline_tag_line(std::string_view line);

}  // namespace prismaflow::fetch
