// PNG and PDF versions of a figure, through rsvg-convert (Debian package
// librsvg2-bin) when it is installed. Only this edge runs another program.
#pragma once

#include <filesystem>
#include <string>

namespace prismaflow::report {

/// True when rsvg-convert is found on PATH.
bool svg_convert_available();

/// Writes `svg` to `out` as PNG or PDF, chosen from the extension (.png,
/// .pdf; .svg writes the text unchanged). Throws UsageError for another
/// extension and Error when rsvg-convert is missing or fails, naming `out`
/// and what to do.
void convert_svg(const std::string& svg, const std::filesystem::path& out);

}  // namespace prismaflow::report
