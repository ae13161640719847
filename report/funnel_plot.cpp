// Funnel plot drawing (see funnel_plot.hpp).
#include "report/funnel_plot.hpp"

#include <algorithm>
#include <cmath>

#include "report/forest_plot.hpp"
#include "report/svg_writer.hpp"

namespace prismaflow::report {
namespace {

constexpr double kW = 360, kH = 260, kLeft = 56, kTop = 34, kRight = 20, kBottom = 50;

std::string trimmed(double v, int decimals) {
  std::string s = fixed(v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// "Nice" step (1, 2 or 5 × 10^k) giving about `n` intervals over `span`.
double nice_step(double span, int n) {
  double raw = span / n, p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

}  // namespace

std::string render_funnel_svg(const FunnelPlotInput& in) {
  double se_max = 0;
  for (const auto& p : in.points) se_max = std::max(se_max, p.se);
  if (se_max <= 0) se_max = 1;
  const double se_step = nice_step(se_max, 4);
  se_max = std::ceil(se_max / se_step - 1e-9) * se_step;
  // The x range holds every study and the funnel at its widest.
  double lo = in.estimate - 1.96 * se_max, hi = in.estimate + 1.96 * se_max;
  for (const auto& p : in.points) {
    lo = std::min(lo, p.yi);
    hi = std::max(hi, p.yi);
  }
  const double pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const double plot_w = kW - kLeft - kRight, plot_h = kH - kTop - kBottom;
  auto px = [&](double v) { return kLeft + (v - lo) / (hi - lo) * plot_w; };
  auto py = [&](double se) { return kTop + se / se_max * plot_h; };

  const std::string title = in.title.empty() ? "Funnel plot" : in.title;
  SvgWriter svg(kW, kH, title);
  TextStyle ts;
  ts.bold = true;
  svg.text(kLeft, 18, title, ts);
  svg.rect(kLeft, kTop, plot_w, plot_h, "#fff", "#000", 0.8);
  // Pseudo-95% confidence region: estimate ± 1.96·se at each se.
  svg.polygon({{px(in.estimate), py(0)},
               {px(in.estimate - 1.96 * se_max), py(se_max)},
               {px(in.estimate + 1.96 * se_max), py(se_max)}},
              "#f2f2f2", "none");
  svg.line(px(in.estimate), py(0), px(in.estimate - 1.96 * se_max), py(se_max), "#000", 0.8, "4 3");
  svg.line(px(in.estimate), py(0), px(in.estimate + 1.96 * se_max), py(se_max), "#000", 0.8, "4 3");
  svg.line(px(in.estimate), py(0), px(in.estimate), py(se_max), "#000", 0.8);
  for (const auto& p : in.points) svg.circle(px(p.yi), py(p.se), 3.5, "#1f4e9a", "#000");

  TextStyle small;
  small.size = 10;
  small.anchor = "end";
  for (double s = 0; s <= se_max + 1e-12; s += se_step) {
    svg.line(kLeft - 4, py(s), kLeft, py(s), "#000", 0.8);
    svg.text(kLeft - 6, py(s) + 3.5, trimmed(s, 3), small);
  }
  small.anchor = "middle";
  std::vector<double> ticks;
  if (in.ratio) {
    // Ticks at readable ratios, fewer when the range spans decades.
    std::vector<double> all = {0.001, 0.01, 0.1, 0.2, 0.5, 1, 2, 5, 10, 100, 1000};
    for (double t : all)
      if (std::log(t) >= lo && std::log(t) <= hi) ticks.push_back(std::log(t));
    if (ticks.size() > 7) {
      ticks.clear();
      for (double t : {0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0})
        if (std::log(t) >= lo && std::log(t) <= hi) ticks.push_back(std::log(t));
    }
  } else {
    const double x_step = nice_step(hi - lo, 5);
    for (double t = std::ceil(lo / x_step) * x_step; t <= hi + 1e-12; t += x_step) ticks.push_back(t);
  }
  for (double t : ticks) {
    svg.line(px(t), kTop + plot_h, px(t), kTop + plot_h + 4, "#000", 0.8);
    svg.text(px(t), kTop + plot_h + 15, in.ratio ? trimmed(std::exp(t), 3) : trimmed(t, 3), small);
  }
  svg.text(kLeft + plot_w / 2, kH - 14,
           measure_name(in.measure) + (in.ratio ? " (log scale)" : ""), small);
  small.rotate = -90;
  svg.text(16, kTop + plot_h / 2, "Standard error", small);
  return svg.finish();
}

}  // namespace prismaflow::report
