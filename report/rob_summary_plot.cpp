#include "report/rob_summary_plot.hpp"

#include <algorithm>

#include "report/svg_writer.hpp"

namespace prismaflow::report {
namespace {

// The traffic-light colours of the HTML table (html_report's CSS).
constexpr const char* kLow = "#8fd18f";
constexpr const char* kSome = "#ffe066";
constexpr const char* kHigh = "#f28b82";
constexpr const char* kNone = "#e0e0e0";

constexpr double kLabelWidth = 330, kBarWidth = 400, kRowHeight = 26, kTop = 12, kMargin = 10;

}  // namespace

std::vector<RobDomainShares> rob_domain_shares(const std::vector<RobStudy>& studies) {
  std::vector<RobDomainShares> out;
  for (const auto& domain : rob_domain_order(studies)) {
    RobDomainShares s{domain};
    for (const auto& study : studies) {
      auto it = std::find_if(study.judgements.begin(), study.judgements.end(),
                             [&](const auto& j) { return j.first == domain; });
      if (it == study.judgements.end()) ++s.none;
      else if (it->second == "low") ++s.low;
      else if (it->second == "some concerns") ++s.some_concerns;
      else if (it->second == "high") ++s.high;
      else ++s.none;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string render_rob_summary_svg(const std::vector<RobStudy>& studies) {
  if (studies.empty()) return {};
  const auto shares = rob_domain_shares(studies);
  const double n = static_cast<double>(studies.size());
  const double axis_y = kTop + kRowHeight * static_cast<double>(shares.size()) + 4;
  const double height = axis_y + 62;
  const double width = kMargin + kLabelWidth + kBarWidth + kMargin + 10;
  SvgWriter svg(width, height, "Risk of bias summary: share of studies per judgement in each domain");
  const double x0 = kMargin + kLabelWidth;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const auto& s = shares[i];
    const double y = kTop + kRowHeight * static_cast<double>(i);
    svg.text(x0 - 8, y + 16, rob_domain_heading(s.domain), {11, s.domain == "overall", false, "end"});
    double x = x0;
    for (const auto& [count, fill] : {std::pair{s.low, kLow}, std::pair{s.some_concerns, kSome},
                                      std::pair{s.high, kHigh}, std::pair{s.none, kNone}}) {
      if (count == 0) continue;
      const double w = kBarWidth * count / n;
      svg.rect(x, y + 3, w, kRowHeight - 6, fill, "#555", 0.5);
      // The number of studies, where the segment has room for it.
      if (w >= 18) svg.text(x + w / 2, y + 17, std::to_string(count), {10, false, false, "middle"});
      x += w;
    }
  }
  svg.line(x0, axis_y, x0 + kBarWidth, axis_y);
  for (int pct = 0; pct <= 100; pct += 25) {
    const double x = x0 + kBarWidth * pct / 100.0;
    svg.line(x, axis_y, x, axis_y + 4);
    svg.text(x, axis_y + 16, std::to_string(pct) + "%", {10, false, false, "middle"});
  }
  double lx = x0 - kLabelWidth + 20;
  const double ly = axis_y + 34;
  for (const auto& [label, fill] : {std::pair{"Low risk", kLow}, std::pair{"Some concerns", kSome},
                                    std::pair{"High risk", kHigh}, std::pair{"No judgement", kNone}}) {
    svg.rect(lx, ly, 12, 12, fill, "#555", 0.5);
    svg.text(lx + 17, ly + 10, label, {10});
    lx += 17 + text_width(label, 10) + 24;
  }
  svg.text(x0 + kBarWidth, ly + 10, "Numbers: studies; bars: share of " + std::to_string(studies.size()) +
                                         (studies.size() == 1 ? " study" : " studies"),
           {10, false, true, "end", "#444"});
  return svg.finish();
}

}  // namespace prismaflow::report
