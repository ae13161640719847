// The review report as one self-contained HTML file: inline CSS and SVG, no
// external assets, a print stylesheet. Every text from a record or the user
// is escaped.
#pragma once

#include <string>
#include <vector>

#include "report/report_data.hpp"

namespace prismaflow::report {

/// The HTML document. `figures` are the report's SVG files (from
/// render_report), inlined where each belongs.
std::string render_html_report(const ReportData& data, const std::vector<OutputFile>& figures);

}  // namespace prismaflow::report
