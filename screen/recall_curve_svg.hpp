// The recall curve of a simulation as a small self-contained SVG line plot:
// recall against the share of records screened, one line per run, the
// random-order diagonal dashed, and the 95% recall level marked.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::screen {

struct RecallCurve {
  std::string label;                ///< legend text, e.g. "seed 1"
  std::vector<std::size_t> found;   ///< found[i] = relevant among the first i (i = 0..N)
};

/// The SVG document (UTF-8). `title` and labels are XML-escaped. Curves with
/// fewer than two points or no relevant record are skipped. Never throws on content.
std::string recall_curve_svg(const std::vector<RecallCurve>& curves, std::string_view title);

/// `text` with &, <, >, " and ' replaced by XML entities.
std::string xml_escape(std::string_view text);

}  // namespace prismaflow::screen
