// The review report as Markdown, with the figures as SVG files beside it
// (figures/*.svg). Text from records or the user is escaped so it cannot
// become markup.
#pragma once

#include <string>
#include <string_view>

#include "report/report_data.hpp"

namespace prismaflow::report {

/// `text` safe inside Markdown prose and table cells: HTML-escaped and with
/// Markdown punctuation (| * _ [ ] ` # \) backslash-escaped, newlines as spaces.
std::string markdown_escape(std::string_view text);

/// The Markdown document; figures are referenced as figures/<name>.svg.
std::string render_markdown_report(const ReportData& data);

}  // namespace prismaflow::report
