// UTF-8 encoding of single code points, shared by the text-encoding
// converters of the importers and the SVG writer; utf8proc does the work.
#pragma once

#include <cstdint>
#include <string>

namespace prismaflow {

/// Appends the UTF-8 bytes of code point `cp` to `out`. A value that is not
/// a Unicode scalar value appends U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace prismaflow
