// SVG building, escaping and text measurement (see svg_writer.hpp).
#include "report/svg_writer.hpp"

#include "common/utf8.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace prismaflow::report {
namespace {

// Advance widths per 1000 em of DejaVu Sans 2.37 (Book and Bold) for ASCII
// 32..126, read from the fonts' hmtx tables.
constexpr std::array<std::uint16_t, 95> kRegular = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};
constexpr std::array<std::uint16_t, 95> kBold = {
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838};

// Decodes one UTF-8 code point at s[i], advancing i; U+FFFD for bad bytes.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : (b & (0x7F >> len));
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += len;
  return cp;
}


double advance(char32_t cp, bool bold) {
  if (cp >= 32 && cp < 127) return (bold ? kBold : kRegular)[cp - 32];
  // East Asian wide characters take a full em; everything else gets the
  // width of a wide Latin capital, which over- rather than under-estimates.
  if (cp >= 0x2E80) return 1000;
  return bold ? 850 : 800;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // XML 1.0 forbids most C0 controls even as character references.
        if (cp < 0x20 && cp != '\t' && cp != '\n') break;
        if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        append_utf8(out, cp);
    }
  }
  return out;
}

double text_width(std::string_view text, double font_size, bool bold) {
  double units = 0;
  for (std::size_t i = 0; i < text.size();) units += advance(next_code_point(text, i), bold);
  return units * font_size / 1000.0;
}

std::vector<std::string> wrap_text(std::string_view text, double max_width, double font_size,
                                   bool bold) {
  std::vector<std::string> lines;
  std::string current;
  auto fits = [&](const std::string& s) { return text_width(s, font_size, bold) <= max_width; };
  auto push_word = [&](std::string_view word) {
    std::string candidate = current.empty() ? std::string(word) : current + " " + std::string(word);
    if (fits(candidate)) {
      current = std::move(candidate);
      return;
    }
    if (!current.empty()) lines.push_back(std::move(current));
    current.clear();
    // A word wider than the line (a long database name, a URL): break it
    // between code points so nothing overflows.
    for (std::size_t i = 0; i < word.size();) {
      std::size_t start = i;
      next_code_point(word, i);
      std::string piece = current + std::string(word.substr(start, i - start));
      if (!current.empty() && !fits(piece)) {
        lines.push_back(std::move(current));
        current = std::string(word.substr(start, i - start));
      } else {
        current = std::move(piece);
      }
    }
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t sp = text.find(' ', pos);
    if (sp == std::string_view::npos) sp = text.size();
    if (sp > pos) push_word(text.substr(pos, sp - pos));
    pos = sp + 1;
  }
  if (!current.empty() || lines.empty()) lines.push_back(std::move(current));
  return lines;
}

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return value > 0 ? "Inf" : value < 0 ? "-Inf" : "NA";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string coord(double value) {
  std::string s = fixed(value, 2);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

SvgWriter::SvgWriter(double width, double height, std::string_view title)
    : width_(width), height_(height), title_(title) {}

void SvgWriter::rect(double x, double y, double w, double h, std::string_view fill,
                     std::string_view stroke, double stroke_width, double radius) {
  body_ += "<rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(w) +
           "\" height=\"" + coord(h) + "\"";
  if (radius > 0) body_ += " rx=\"" + coord(radius) + "\"";
  body_ += " fill=\"" + std::string(fill) + "\" stroke=\"" + std::string(stroke) +
           "\" stroke-width=\"" + coord(stroke_width) + "\"/>\n";
}

void SvgWriter::line(double x1, double y1, double x2, double y2, std::string_view stroke,
                     double stroke_width, std::string_view dash) {
  body_ += "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) +
           "\" y2=\"" + coord(y2) + "\" stroke=\"" + std::string(stroke) + "\" stroke-width=\"" +
           coord(stroke_width) + "\"";
  if (!dash.empty()) body_ += " stroke-dasharray=\"" + std::string(dash) + "\"";
  body_ += "/>\n";
}

namespace {
std::string points_attr(const std::vector<std::pair<double, double>>& points) {
  std::string s;
  for (const auto& [x, y] : points) {
    if (!s.empty()) s += ' ';
    s += coord(x) + "," + coord(y);
  }
  return s;
}
}  // namespace

void SvgWriter::arrow(const std::vector<std::pair<double, double>>& points, double stroke_width) {
  has_arrow_ = true;
  body_ += "<polyline points=\"" + points_attr(points) + "\" fill=\"none\" stroke=\"#000\"" +
           " stroke-width=\"" + coord(stroke_width) + "\" marker-end=\"url(#pf-arrow)\"/>\n";
}

void SvgWriter::polygon(const std::vector<std::pair<double, double>>& points,
                        std::string_view fill, std::string_view stroke) {
  body_ += "<polygon points=\"" + points_attr(points) + "\" fill=\"" + std::string(fill) +
           "\" stroke=\"" + std::string(stroke) + "\"/>\n";
}

void SvgWriter::circle(double cx, double cy, double r, std::string_view fill,
                       std::string_view stroke) {
  body_ += "<circle cx=\"" + coord(cx) + "\" cy=\"" + coord(cy) + "\" r=\"" + coord(r) +
           "\" fill=\"" + std::string(fill) + "\" stroke=\"" + std::string(stroke) + "\"/>\n";
}

void SvgWriter::text(double x, double y, std::string_view text, const TextStyle& style) {
  body_ += "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\"";
  if (style.size != 11) body_ += " font-size=\"" + coord(style.size) + "\"";
  if (style.bold) body_ += " font-weight=\"bold\"";
  if (style.italic) body_ += " font-style=\"italic\"";
  if (style.anchor != "start") body_ += " text-anchor=\"" + style.anchor + "\"";
  if (style.fill != "#000") body_ += " fill=\"" + style.fill + "\"";
  if (style.rotate != 0)
    body_ += " transform=\"rotate(" + coord(style.rotate) + " " + coord(x) + " " + coord(y) + ")\"";
  body_ += ">" + xml_escape(text) + "</text>\n";
}

void SvgWriter::text_lines(double x, double y, const std::vector<std::string>& lines,
                           double line_height, const TextStyle& style) {
  // Baseline about one em below the top of each line box.
  double baseline = y + (line_height + style.size * 0.7) / 2;
  for (const auto& l : lines) {
    text(x, baseline, l, style);
    baseline += line_height;
  }
}

std::string SvgWriter::finish() const {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + coord(width_) + "\" height=\"" +
         coord(height_) + "\" viewBox=\"0 0 " + coord(width_) + " " + coord(height_) +
         "\" font-family=\"" + xml_escape(kFontFamily) + "\" font-size=\"11\">\n";
  if (!title_.empty()) out += "<title>" + xml_escape(title_) + "</title>\n";
  if (has_arrow_) {
    out += "<defs><marker id=\"pf-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
           "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
           "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#000\"/></marker></defs>\n";
  }
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
  out += body_;
  out += "</svg>\n";
  return out;
}

}  // namespace prismaflow::report
