// Text normalisation for matching: Unicode NFKC, case folding and accents
// removed (utf8proc), punctuation turned into single spaces. "Müller" and
// "MULLER", "ﬁbrosis" and "fibrosis" compare equal afterwards.
#pragma once

#include <string>
#include <string_view>

namespace prismaflow::screen {

/// `text` compatibility-composed, case-folded, without diacritics, with every
/// run of non-alphanumeric characters (punctuation, symbols, spaces) turned
/// into one space and no leading or trailing space. HTML-like tags ("<i>")
/// are dropped. Invalid UTF-8 is read byte by byte as Latin-1.
std::string normalize_text(std::string_view text);

/// normalize_text() without any spaces: "Am. J. Epidemiol." -> "amjepidemiol".
std::string normalize_compact(std::string_view text);

}  // namespace prismaflow::screen
