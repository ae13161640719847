// A small SVG builder shared by every figure (PRISMA diagram, forest, funnel
// and recall plots). Every text it writes is XML-escaped, so a record title
// containing markup cannot inject anything; numbers are printed with a fixed
// precision so that the same input gives byte-identical output. Text widths
// come from DejaVu Sans advance widths (the font named first in the
// font-family and installed everywhere Debian is), so boxes can be sized and
// lines wrapped before drawing; the Arial/Helvetica fallbacks are narrower.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace prismaflow::report {

/// The font-family every figure uses (DejaVu Sans first: its metrics are ours).
inline constexpr std::string_view kFontFamily = "'DejaVu Sans', Arial, Helvetica, sans-serif";

/// `text` with & < > " ' replaced by entities; invalid UTF-8 bytes and control
/// characters other than tab/newline are replaced by U+FFFD / dropped, so the
/// result is always well-formed XML text or attribute content.
std::string xml_escape(std::string_view text);

/// Estimated rendered width of UTF-8 `text` in pixels at `font_size`.
/// Never smaller than DejaVu Sans' real advance for ASCII; other characters
/// get a generous estimate.
double text_width(std::string_view text, double font_size, bool bold = false);

/// Splits `text` into lines no wider than `max_width` (by text_width), at
/// spaces where possible; a single word longer than a line is broken between
/// characters. Never returns an empty vector (an empty text gives {""}).
std::vector<std::string> wrap_text(std::string_view text, double max_width, double font_size,
                                   bool bold = false);

/// `value` with `decimals` digits after the point, "-0" normalised to "0";
/// independent of the C++ locale.
std::string fixed(double value, int decimals);

/// A number for SVG coordinates: at most two decimals, trailing zeros cut.
std::string coord(double value);

/// Text styling for SvgWriter::text.
struct TextStyle {
  double size = 11;
  bool bold = false;
  bool italic = false;
  std::string anchor = "start";  ///< start | middle | end
  std::string fill = "#000";
  double rotate = 0;  ///< degrees around the anchor point
};

/// Builds one SVG document. Coordinates in px, origin top left.
class SvgWriter {
 public:
  /// Starts a document of the given size; `title` becomes its <title>.
  SvgWriter(double width, double height, std::string_view title = {});

  void rect(double x, double y, double w, double h, std::string_view fill,
            std::string_view stroke = "#000", double stroke_width = 1, double radius = 0);
  void line(double x1, double y1, double x2, double y2, std::string_view stroke = "#000",
            double stroke_width = 1, std::string_view dash = {});
  /// An open polyline ending in an arrow head at the last point.
  void arrow(const std::vector<std::pair<double, double>>& points, double stroke_width = 1);
  void polygon(const std::vector<std::pair<double, double>>& points, std::string_view fill,
               std::string_view stroke = "none");
  void circle(double cx, double cy, double r, std::string_view fill, std::string_view stroke);
  /// One line of text at baseline (x, y); `text` is escaped here.
  void text(double x, double y, std::string_view text, const TextStyle& style = {});
  /// Lines of text from top `y`, one per `line_height`.
  void text_lines(double x, double y, const std::vector<std::string>& lines, double line_height,
                  const TextStyle& style = {});

  /// The finished document (with XML declaration and closing tag).
  std::string finish() const;

 private:
  double width_, height_;
  std::string title_;
  std::string body_;
  bool has_arrow_ = false;
};

}  // namespace prismaflow::report
