#include "screen/recall_curve_svg.hpp"

#include <array>
#include <cstdio>

namespace prismaflow::screen {
namespace {

constexpr double kWidth = 640, kHeight = 440;
constexpr double kLeft = 60, kRight = 150, kTop = 40, kBottom = 50;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
constexpr std::array<const char*, 6> kColours = {"#1f77b4", "#d62728", "#2ca02c",
                                                 "#9467bd", "#ff7f0e", "#8c564b"};

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

double px(double share) { return kLeft + share * kPlotW; }
double py(double recall) { return kTop + (1.0 - recall) * kPlotH; }

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string recall_curve_svg(const std::vector<RecallCurve>& curves, std::string_view title) {
  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth) + "\" height=\"" +
       num(kHeight) + "\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) +
       "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s += "<text x=\"" + num(kLeft) + "\" y=\"24\" font-size=\"14\">" + xml_escape(title) + "</text>\n";
  // Grid and axes, ticks every 10%.
  for (int t = 0; t <= 10; ++t) {
    const double v = t / 10.0;
    s += "<line x1=\"" + num(px(v)) + "\" y1=\"" + num(py(0)) + "\" x2=\"" + num(px(v)) +
         "\" y2=\"" + num(py(1)) + "\" stroke=\"#eee\"/>\n";
    s += "<line x1=\"" + num(px(0)) + "\" y1=\"" + num(py(v)) + "\" x2=\"" + num(px(1)) +
         "\" y2=\"" + num(py(v)) + "\" stroke=\"#eee\"/>\n";
    if (t % 2 == 0) {
      s += "<text x=\"" + num(px(v)) + "\" y=\"" + num(py(0) + 16) + "\" text-anchor=\"middle\">" +
           std::to_string(t * 10) + "%</text>\n";
      s += "<text x=\"" + num(px(0) - 6) + "\" y=\"" + num(py(v) + 4) + "\" text-anchor=\"end\">" +
           std::to_string(t * 10) + "%</text>\n";
    }
  }
  s += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(kPlotW) +
       "\" height=\"" + num(kPlotH) + "\" fill=\"none\" stroke=\"#333\"/>\n";
  s += "<text x=\"" + num(px(0.5)) + "\" y=\"" + num(kHeight - 12) +
       "\" text-anchor=\"middle\">records screened</text>\n";
  s += "<text transform=\"translate(16 " + num(py(0.5)) +
       ") rotate(-90)\" text-anchor=\"middle\">recall</text>\n";
  // A random order finds relevant records in proportion to records screened.
  s += "<line x1=\"" + num(px(0)) + "\" y1=\"" + num(py(0)) + "\" x2=\"" + num(px(1)) + "\" y2=\"" +
       num(py(1)) + "\" stroke=\"#888\" stroke-dasharray=\"5 4\"/>\n";
  s += "<line x1=\"" + num(px(0)) + "\" y1=\"" + num(py(0.95)) + "\" x2=\"" + num(px(1)) +
       "\" y2=\"" + num(py(0.95)) + "\" stroke=\"#bbb\" stroke-dasharray=\"2 3\"/>\n";

  double legend_y = kTop + 10;
  std::size_t k = 0;
  for (const RecallCurve& c : curves) {
    if (c.found.size() < 2 || c.found.back() == 0) continue;
    const double n = static_cast<double>(c.found.size() - 1);
    const double r = static_cast<double>(c.found.back());
    const char* colour = kColours[k++ % kColours.size()];
    std::string points;
    // A point per change of recall (and the ends) keeps files small for big sets.
    for (std::size_t i = 0; i < c.found.size(); ++i) {
      const bool step = i == 0 || i + 1 == c.found.size() || c.found[i] != c.found[i - 1] ||
                        c.found[i + 1] != c.found[i];
      if (!step) continue;
      points += num(px(static_cast<double>(i) / n)) + "," +
                num(py(static_cast<double>(c.found[i]) / r)) + " ";
    }
    s += "<polyline fill=\"none\" stroke=\"" + std::string(colour) +
         "\" stroke-width=\"1.5\" points=\"" + points + "\"/>\n";
    s += "<line x1=\"" + num(kWidth - kRight + 12) + "\" y1=\"" + num(legend_y) + "\" x2=\"" +
         num(kWidth - kRight + 32) + "\" y2=\"" + num(legend_y) + "\" stroke=\"" + colour +
         "\" stroke-width=\"2\"/>\n";
    s += "<text x=\"" + num(kWidth - kRight + 36) + "\" y=\"" + num(legend_y + 4) + "\">" +
         xml_escape(c.label) + "</text>\n";
    legend_y += 18;
  }
  s += "<line x1=\"" + num(kWidth - kRight + 12) + "\" y1=\"" + num(legend_y) + "\" x2=\"" +
       num(kWidth - kRight + 32) + "\" y2=\"" + num(legend_y) +
       "\" stroke=\"#888\" stroke-dasharray=\"5 4\"/>\n";
  s += "<text x=\"" + num(kWidth - kRight + 36) + "\" y=\"" + num(legend_y + 4) +
       "\">random order</text>\n</svg>\n";
  return s;
}

}  // namespace prismaflow::screen
