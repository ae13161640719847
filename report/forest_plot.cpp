// Forest plot layout and drawing (see forest_plot.hpp). The table is built
// as rows of cells first, so column widths come from the widest text; the
// plot column maps the analysis scale linearly (log scale for ratios, which
// RevMan draws symmetric about 1 with decade-like ticks).
#include "report/forest_plot.hpp"

#include <algorithm>
#include <cmath>

#include "report/svg_writer.hpp"

namespace prismaflow::report {
namespace {

constexpr double kFont = 11, kSmall = 10, kRowH = 17, kPad = 8, kMargin = 10;
constexpr double kPlotW = 240;
constexpr const char* kSquare = "#1f4e9a";

std::string trimmed(double v, int decimals) {
  std::string s = fixed(v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string num(const std::optional<double>& v) { return v ? trimmed(*v, 2) : ""; }

enum class RowKind { kGroupTitle, kStudy, kSubtotal, kTotalEvents, kNote, kBlank, kPrediction };

struct Row {
  RowKind kind;
  std::vector<std::string> cells;  // one per table column
  const ForestRow* study = nullptr;
  const ForestPooled* pooled = nullptr;
  std::string note;  // kNote / kGroupTitle text
  double weight = 0;
};

struct Axis {
  bool ratio;
  double lo, hi;  // analysis scale
  std::vector<double> ticks;
};

Axis choose_axis(const ForestPlotInput& in) {
  double extent = 0;
  auto widen = [&](std::optional<double> v) {
    if (v && std::isfinite(*v)) extent = std::max(extent, std::abs(*v));
  };
  for (const auto& g : in.groups) {
    for (const auto& r : g.rows) {
      widen(r.ci_lower);
      widen(r.ci_upper);
    }
    if (g.subtotal) {
      widen(g.subtotal->ci_lower);
      widen(g.subtotal->ci_upper);
    }
  }
  if (in.overall) {
    widen(in.overall->ci_lower);
    widen(in.overall->ci_upper);
    widen(in.overall->pi_lower);
    widen(in.overall->pi_upper);
  }
  Axis a{in.ratio, 0, 0, {}};
  if (in.ratio) {
    // RevMan's symmetric scales; wider intervals are clipped with an arrow.
    struct Scale {
      double limit;
      std::vector<double> ticks;
    };
    static const std::vector<Scale> scales = {
        {2, {0.5, 0.7, 1, 1.5, 2}},
        {5, {0.2, 0.5, 1, 2, 5}},
        {10, {0.1, 0.2, 0.5, 1, 2, 5, 10}},
        {100, {0.01, 0.1, 1, 10, 100}},
        {1000, {0.001, 0.1, 1, 10, 1000}}};
    const Scale* chosen = &scales.back();
    for (const auto& s : scales) {
      if (std::log(s.limit) >= extent * 0.999) {
        chosen = &s;
        break;
      }
    }
    a.hi = std::log(chosen->limit);
    a.lo = -a.hi;
    for (double t : chosen->ticks) a.ticks.push_back(std::log(t));
  } else {
    double r = 1;
    if (extent > 0) {
      double p = std::pow(10.0, std::floor(std::log10(extent)));
      for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * p >= extent * 0.999) {
          r = m * p;
          break;
        }
      }
    }
    a.lo = -r;
    a.hi = r;
    a.ticks = {-r, -r / 2, 0, r / 2, r};
  }
  return a;
}

std::string tick_label(const Axis& a, double t) {
  return a.ratio ? trimmed(std::exp(t), 3) : trimmed(t, 3);
}

std::string effect_text(const ForestPlotInput& in, std::optional<double> y, std::optional<double> lo,
                        std::optional<double> hi) {
  if (!y || !lo || !hi) return "Not estimable";
  auto nat = [&](double v) { return fixed(in.ratio ? std::exp(v) : v, 2); };
  return nat(*y) + " [" + nat(*lo) + ", " + nat(*hi) + "]";
}

}  // namespace

std::string measure_name(const std::string& m) {
  if (m == "RR") return "Risk Ratio";
  if (m == "OR" || m == "PETO") return m == "OR" ? "Odds Ratio" : "Peto Odds Ratio";
  if (m == "RD") return "Risk Difference";
  if (m == "MD") return "Mean Difference";
  if (m == "SMD") return "Std. Mean Difference";
  if (m == "HR") return "Hazard Ratio";
  return m;
}

std::string format_p(double p) {
  if (!std::isfinite(p)) return "P = NA";
  if (p < 0.00001) return "P < 0.00001";
  if (p < 0.001) return "P = " + fixed(p, 5);
  if (p < 0.01) return "P = " + fixed(p, 3);
  return "P = " + fixed(p, 2);
}

std::string heterogeneity_text(const ForestPooled& p) {
  std::string s = "Heterogeneity: ";
  if (p.tau2) s += "Tau\u00b2 = " + fixed(*p.tau2, 2) + "; ";
  if (p.q && p.q_df) {
    s += "Chi\u00b2 = " + fixed(*p.q, 2) + ", df = " + trimmed(*p.q_df, 0);
    if (p.q_p) s += " (" + format_p(*p.q_p) + ")";
  } else {
    s += "Not applicable";
  }
  if (p.i2) s += "; I\u00b2 = " + fixed(*p.i2, 0) + "%";
  return s;
}

std::string overall_effect_text(const ForestPooled& p) {
  std::string s = "Test for overall effect: ";
  if (!p.statistic) return s + "not applicable";
  s += (p.t_test ? "t = " : "Z = ") + fixed(std::abs(*p.statistic), 2);
  if (p.t_test && p.df) s += ", df = " + trimmed(*p.df, 0);
  if (p.p) s += " (" + format_p(*p.p) + ")";
  return s;
}

std::string render_forest_svg(const ForestPlotInput& in) {
  // Table columns: label, per-arm data, weight, effect text.
  std::vector<std::string> h1, h2;
  std::vector<bool> numeric;
  h1.push_back("");
  h2.push_back("Study or Subgroup");
  numeric.push_back(false);
  auto arm_cols = in.kind == ForestDataKind::kBinary
                      ? std::vector<std::string>{"Events", "Total"}
                      : in.kind == ForestDataKind::kContinuous
                            ? std::vector<std::string>{"Mean", "SD", "Total"}
                            : std::vector<std::string>{};
  for (const std::string& arm : {in.experimental_label, in.control_label}) {
    for (std::size_t i = 0; i < arm_cols.size(); ++i) {
      h1.push_back(i == 0 ? arm : "");
      h2.push_back(arm_cols[i]);
      numeric.push_back(true);
    }
  }
  h1.push_back("");
  h2.push_back("Weight");
  numeric.push_back(true);
  const std::string mname = measure_name(in.measure);
  h1.push_back(mname);
  h2.push_back(in.method_label);
  numeric.push_back(true);
  const std::size_t ncols = h2.size(), arms = arm_cols.size();

  auto arm_cells = [&](const ForestRow& r) {
    std::vector<std::string> c;
    if (in.kind == ForestDataKind::kBinary) {
      c = {num(r.events_t), num(r.total_t), num(r.events_c), num(r.total_c)};
    } else if (in.kind == ForestDataKind::kContinuous) {
      c = {num(r.mean_t), num(r.sd_t), num(r.n_t), num(r.mean_c), num(r.sd_c), num(r.n_c)};
    }
    return c;
  };
  std::vector<Row> rows;
  auto pooled_rows = [&](const std::vector<const ForestRow*>& members, const ForestPooled& p,
                         const std::string& label) {
    Row r{RowKind::kSubtotal, {label}, nullptr, &p, "", 0};
    double et = 0, tt = 0, ec = 0, tc = 0, nt = 0, nc = 0, w = 0;
    for (const auto* m : members) {
      et += m->events_t.value_or(0);
      tt += m->total_t.value_or(0);
      ec += m->events_c.value_or(0);
      tc += m->total_c.value_or(0);
      nt += m->n_t.value_or(0);
      nc += m->n_c.value_or(0);
      w += m->weight_percent.value_or(0);
    }
    if (in.kind == ForestDataKind::kBinary) r.cells.insert(r.cells.end(), {"", trimmed(tt, 2), "", trimmed(tc, 2)});
    if (in.kind == ForestDataKind::kContinuous)
      r.cells.insert(r.cells.end(), {"", "", trimmed(nt, 2), "", "", trimmed(nc, 2)});
    r.cells.push_back(fixed(w, 1) + "%");
    r.cells.push_back(effect_text(in, p.estimate, p.ci_lower, p.ci_upper));
    rows.push_back(r);
    if (in.kind == ForestDataKind::kBinary) {
      Row e{RowKind::kTotalEvents, {"Total events"}, nullptr, nullptr, "", 0};
      e.cells.insert(e.cells.end(), {trimmed(et, 2), "", trimmed(ec, 2), ""});
      rows.push_back(e);
    }
    if (p.pi_lower && p.pi_upper) {
      Row pi{RowKind::kPrediction, {"Prediction interval"}, nullptr, &p, "", 0};
      pi.cells.resize(ncols - 1);
      pi.cells.push_back("[" + fixed(in.ratio ? std::exp(*p.pi_lower) : *p.pi_lower, 2) + ", " +
                         fixed(in.ratio ? std::exp(*p.pi_upper) : *p.pi_upper, 2) + "]");
      rows.push_back(pi);
    }
    rows.push_back({RowKind::kNote, {}, nullptr, nullptr, heterogeneity_text(p), 0});
    rows.push_back({RowKind::kNote, {}, nullptr, nullptr, overall_effect_text(p), 0});
  };

  std::vector<const ForestRow*> all;
  const std::string level = trimmed(in.level, 1) + "% CI";
  for (const auto& g : in.groups) {
    if (!g.name.empty()) rows.push_back({RowKind::kGroupTitle, {}, nullptr, nullptr, g.name, 0});
    std::vector<const ForestRow*> members;
    for (const auto& s : g.rows) {
      Row r{RowKind::kStudy, {s.label}, &s, nullptr, "", s.weight_percent.value_or(0)};
      auto c = arm_cells(s);
      r.cells.insert(r.cells.end(), c.begin(), c.end());
      r.cells.push_back(s.weight_percent ? fixed(*s.weight_percent, 1) + "%" : "");
      r.cells.push_back(effect_text(in, s.yi, s.ci_lower, s.ci_upper));
      rows.push_back(r);
      members.push_back(&s);
      all.push_back(&s);
    }
    if (!g.name.empty() && g.subtotal) pooled_rows(members, *g.subtotal, "Subtotal (" + level + ")");
    if (!g.name.empty()) rows.push_back({RowKind::kBlank, {}, nullptr, nullptr, "", 0});
  }
  if (in.overall) pooled_rows(all, *in.overall, "Total (" + level + ")");
  if (in.subgroup_test) {
    const auto& t = *in.subgroup_test;
    double i2 = t.q > t.df && t.q > 0 ? 100 * (t.q - t.df) / t.q : 0;
    rows.push_back({RowKind::kNote, {}, nullptr, nullptr,
                    "Test for subgroup differences: Chi\u00b2 = " + fixed(t.q, 2) + ", df = " +
                        trimmed(t.df, 0) + " (" + format_p(t.p) + "), I\u00b2 = " + fixed(i2, 1) + "%",
                    0});
  }

  // Column widths from the widest text (bold for pooled rows and headers).
  std::vector<double> colw(ncols, 0);
  for (std::size_t c = 0; c < ncols; ++c) colw[c] = text_width(h2[c], kFont, true);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.cells.size() && c < ncols; ++c)
      colw[c] = std::max(colw[c], text_width(r.cells[c], kFont, r.kind != RowKind::kStudy));
  for (std::size_t a = 0; a < 2 && arms > 0; ++a) {
    // An arm label wider than its columns widens the last of them.
    double span = 0;
    for (std::size_t i = 0; i < arms; ++i) span += colw[1 + a * arms + i] + kPad;
    double need = text_width(a == 0 ? in.experimental_label : in.control_label, kFont, true);
    if (need > span) colw[(a + 1) * arms] += need - span;
  }
  colw[ncols - 1] = std::max(colw[ncols - 1], text_width(mname, kFont, true));
  std::vector<double> colx(ncols);
  double x = kMargin;
  for (std::size_t c = 0; c < ncols; ++c) {
    colx[c] = x;
    x += colw[c] + (c == 0 ? 2 * kPad : kPad) + (c + 1 == ncols ? kPad : 0);
  }
  const double plot_w = std::max(kPlotW, 2 * std::max(text_width(in.favours_left, kSmall),
                                                      text_width(in.favours_right, kSmall)) + 24);
  const double plot_x = x + 4;
  double width = plot_x + plot_w + kMargin + 12;  // room for the last tick label
  for (const auto& r : rows)
    if (r.kind == RowKind::kNote || r.kind == RowKind::kGroupTitle)
      width = std::max(width, kMargin + text_width(r.note, kSmall, true) + kMargin);
  if (!in.title.empty()) width = std::max(width, 2 * kMargin + text_width(in.title, 13, true));

  const Axis axis = choose_axis(in);
  auto px = [&](double v) { return plot_x + (v - axis.lo) / (axis.hi - axis.lo) * plot_w; };
  double max_w = 0;
  for (const auto* s : all) max_w = std::max(max_w, s->weight_percent.value_or(0));

  const double top = kMargin + (in.title.empty() ? 0 : 22);
  const double rows_y = top + 2 * kRowH + 4;
  const double axis_y = rows_y + static_cast<double>(rows.size()) * kRowH + 4;
  const double height = axis_y + 44 + kMargin;
  SvgWriter svg(width, height, in.title.empty() ? mname : in.title);

  TextStyle bold;
  bold.bold = true;
  if (!in.title.empty()) {
    TextStyle ts = bold;
    ts.size = 13;
    svg.text(kMargin, kMargin + 13, in.title, ts);
  }
  // Headers: arm names centred over their columns, then column names.
  auto cell_x = [&](std::size_t c, TextStyle& ts) {
    if (numeric[c]) {
      ts.anchor = "end";
      return colx[c] + colw[c];
    }
    ts.anchor = "start";
    return colx[c];
  };
  for (std::size_t c = 0; c < ncols; ++c) {
    TextStyle ts = bold;
    if (!h1[c].empty()) {
      double right = c + 1 == ncols ? colx[c] + colw[c] : colx[c + arms - 1] + colw[c + arms - 1];
      ts.anchor = "middle";
      svg.text((colx[c] + right) / 2, top + kRowH - 4, h1[c], ts);
    }
    svg.text(cell_x(c, ts), top + 2 * kRowH - 4, h2[c], ts);
  }
  {
    TextStyle ts = bold;
    ts.anchor = "middle";
    svg.text(plot_x + plot_w / 2, top + kRowH - 4, mname, ts);
    svg.text(plot_x + plot_w / 2, top + 2 * kRowH - 4, in.method_label, ts);
  }
  svg.line(kMargin, rows_y - 2, plot_x + plot_w, rows_y - 2, "#000", 0.8);

  double y = rows_y;
  for (const auto& r : rows) {
    const double base = y + kRowH - 5, mid = y + kRowH / 2;
    if (r.kind == RowKind::kGroupTitle || r.kind == RowKind::kNote) {
      TextStyle ts;
      ts.size = r.kind == RowKind::kNote ? kSmall : kFont;
      ts.bold = r.kind == RowKind::kGroupTitle;
      svg.text(kMargin, base, r.note, ts);
    }
    for (std::size_t c = 0; c < r.cells.size() && c < ncols; ++c) {
      if (r.cells[c].empty()) continue;
      TextStyle ts;
      ts.bold = r.kind != RowKind::kStudy;
      svg.text(cell_x(c, ts), base, r.cells[c], ts);
    }
    auto clip = [&](double v) { return std::clamp(v, axis.lo, axis.hi); };
    if (r.kind == RowKind::kStudy && r.study->yi && r.study->ci_lower && r.study->ci_upper) {
      const auto& s = *r.study;
      double l = clip(*s.ci_lower), h = clip(*s.ci_upper);
      svg.line(px(l), mid, px(h), mid, "#000", 1);
      // A clipped interval ends in an arrow head at the axis limit.
      if (*s.ci_lower < axis.lo) svg.polygon({{px(l), mid}, {px(l) + 5, mid - 3}, {px(l) + 5, mid + 3}}, "#000");
      if (*s.ci_upper > axis.hi) svg.polygon({{px(h), mid}, {px(h) - 5, mid - 3}, {px(h) - 5, mid + 3}}, "#000");
      if (*s.yi >= axis.lo && *s.yi <= axis.hi) {
        double side = max_w > 0 ? std::max(3.0, 12 * std::sqrt(r.weight / max_w)) : 5;
        svg.rect(px(*s.yi) - side / 2, mid - side / 2, side, side, kSquare, "none", 0);
      }
    }
    if (r.kind == RowKind::kSubtotal) {
      const auto& p = *r.pooled;
      svg.polygon({{px(clip(p.ci_lower)), mid}, {px(clip(p.estimate)), mid - 5},
                   {px(clip(p.ci_upper)), mid}, {px(clip(p.estimate)), mid + 5}},
                  "#000");
    }
    if (r.kind == RowKind::kPrediction) {
      const auto& p = *r.pooled;
      double l = px(clip(*p.pi_lower)), h = px(clip(*p.pi_upper));
      svg.line(l, mid, h, mid, "#c00000", 1.5);
      svg.line(l, mid - 3, l, mid + 3, "#c00000", 1.5);
      svg.line(h, mid - 3, h, mid + 3, "#c00000", 1.5);
    }
    y += kRowH;
  }
  // Line of no effect, axis, ticks and favours labels.
  const double null_x = px(0);
  svg.line(null_x, rows_y, null_x, axis_y, "#000", 0.8);
  svg.line(plot_x, axis_y, plot_x + plot_w, axis_y, "#000", 0.8);
  TextStyle small;
  small.size = kSmall;
  small.anchor = "middle";
  for (double t : axis.ticks) {
    svg.line(px(t), axis_y, px(t), axis_y + 4, "#000", 0.8);
    svg.text(px(t), axis_y + 15, tick_label(axis, t), small);
  }
  small.anchor = "end";
  svg.text(null_x - 6, axis_y + 30, in.favours_left, small);
  small.anchor = "start";
  svg.text(null_x + 6, axis_y + 30, in.favours_right, small);
  return svg.finish();
}

}  // namespace prismaflow::report
