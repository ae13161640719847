// Layout and drawing of the PRISMA 2020 flow diagram (see prisma_diagram.hpp).
// The grid follows the statement's templates: phase bars on the left, an
// optional "Previous studies" column, the databases/registers column (main
// boxes with down arrows, side boxes with right arrows) and an optional
// other-methods column. Each row is as tall as its tallest box.
#include "report/prisma_diagram.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "report/svg_writer.hpp"

namespace prismaflow::report {
namespace {

using screen::NamedCount;
using screen::PrismaCounts;
using Point = std::pair<double, double>;

constexpr double kMargin = 10;
constexpr double kPhaseBar = 26;
constexpr double kPad = 6;
constexpr double kSideGap = 36;    // main box -> side box (right arrow)
constexpr double kColumnGap = 36;  // between columns
constexpr double kRowGap = 26;     // between rows (down arrow)
constexpr double kIndent = 12;
constexpr const char* kDbFill = "#ffd966";     // the template's yellow header
constexpr const char* kOtherFill = "#d9d9d9";  // grey: "complete if applicable"
constexpr const char* kPhaseFill = "#9dc3e6";

std::string n_eq(std::int64_t n) { return "(n = " + std::to_string(n) + ")"; }

// A box's content before layout: logical lines, some indented.
struct Content {
  std::vector<std::pair<std::string, bool>> lines;  // text, indented
  bool bold = false;
  bool centered = false;
  std::string fill = "#fff";
  void add(std::string text, bool indented = false) { lines.emplace_back(std::move(text), indented); }
};

void add_named(Content& c, const std::vector<NamedCount>& items) {
  for (const auto& item : items) c.add(item.name + " " + n_eq(item.n), true);
}

struct Layout {
  std::vector<DiagramBox> boxes;
  std::vector<std::vector<Point>> arrows;
  struct Bar {
    double y, h;
    std::string label;
  };
  std::vector<Bar> bars;
  std::vector<std::vector<std::string>> footnotes;
  double footnote_y = 0, width = 0, height = 0;
};

DiagramBox wrap_box(const Content& c, double w, double font_size) {
  DiagramBox b;
  b.w = w;
  b.bold = c.bold;
  b.centered = c.centered;
  b.fill = c.fill;
  b.text_width = w - 2 * kPad;
  for (const auto& [text, indented] : c.lines) {
    double indent = indented ? kIndent : 0;
    for (auto& l : wrap_text(text, b.text_width - indent, font_size, c.bold)) {
      b.lines.push_back(std::move(l));
      b.line_indent.push_back(indent);
    }
  }
  return b;
}

Layout layout(const PrismaCounts& k, const PrismaDiagramOptions& o) {
  const bool updated = k.updated_review;
  const bool other = k.other_methods;
  const double fs = o.font_size, lh = fs * 1.35, W = o.box_width;
  const std::string newish = updated ? "new " : "";

  // Column x positions.
  double x = kMargin + kPhaseBar + 14;
  std::optional<double> x_prev;
  if (updated) {
    x_prev = x;
    x += W + kColumnGap;
  }
  const double x_db = x, x_db_side = x_db + W + kSideGap;
  x = x_db_side + W;
  std::optional<double> x_oth, x_oth_side;
  if (other) {
    x_oth = x + kColumnGap;
    x_oth_side = *x_oth + W + kSideGap;
    x = *x_oth_side + W;
  }
  Layout L;
  L.width = x + kMargin;

  // Rows: 0 headers, 1 identification, 2 screened, 3 sought, 4 assessed,
  // 5 included (new), 6 total (updated reviews).
  constexpr int kRows = 7;
  struct Slot {
    int row;
    double x;
    double w;
    Content content;
  };
  std::vector<Slot> slots;
  auto put = [&](int row, double sx, double sw, Content c) { slots.push_back({row, sx, sw, std::move(c)}); };

  Content h;
  h.bold = h.centered = true;
  h.fill = kDbFill;
  h.add("Identification of " + newish + "studies via databases and registers");
  put(0, x_db, 2 * W + kSideGap, h);
  if (other) {
    Content ho = h;
    ho.fill = kOtherFill;
    ho.lines = {{"Identification of " + newish + "studies via other methods", false}};
    put(0, *x_oth, 2 * W + kSideGap, ho);
  }
  if (updated) {
    Content hp = h;
    hp.fill = kOtherFill;
    hp.lines = {{"Previous studies", false}};
    put(0, *x_prev, W, hp);
    Content p;
    p.add("Studies included in previous version of review " + n_eq(k.previous_studies));
    p.add("Reports of studies included in previous version of review " + n_eq(k.previous_reports));
    put(1, *x_prev, W, p);
  }

  Content ident;
  ident.add("Records identified from*:");
  ident.add("Databases " + n_eq(k.database_results));
  add_named(ident, k.databases);
  ident.add("Registers " + n_eq(k.register_results));
  add_named(ident, k.registers);
  put(1, x_db, W, ident);
  Content removed;
  removed.add("Records removed before screening:");
  removed.add("Duplicate records removed " + n_eq(k.duplicates), true);
  removed.add("Records marked as ineligible by automation tools " + n_eq(k.excluded_automatic), true);
  removed.add("Records removed for other reasons " + n_eq(k.excluded_other), true);
  put(1, x_db_side, W, removed);

  Content screened;
  screened.add("Records screened " + n_eq(k.records_screened));
  put(2, x_db, W, screened);
  Content excluded;
  excluded.add("Records excluded** " + n_eq(k.records_excluded));
  excluded.add("by a human " + n_eq(k.records_excluded_human), true);
  excluded.add("by automation tools " + n_eq(k.records_excluded_automation), true);
  put(2, x_db_side, W, excluded);

  auto retrieval = [&](double mx, double sx, std::int64_t sought, std::int64_t not_retrieved,
                       std::int64_t assessed, const std::vector<NamedCount>& reasons) {
    Content s, nr, a, ex;
    s.add("Reports sought for retrieval " + n_eq(sought));
    nr.add("Reports not retrieved " + n_eq(not_retrieved));
    a.add("Reports assessed for eligibility " + n_eq(assessed));
    if (reasons.empty()) {
      ex.add("Reports excluded " + n_eq(0));
    } else {
      ex.add("Reports excluded:");
      add_named(ex, reasons);
    }
    put(3, mx, W, s);
    put(3, sx, W, nr);
    put(4, mx, W, a);
    put(4, sx, W, ex);
  };
  retrieval(x_db, x_db_side, k.dbr_sought_reports, k.dbr_notretrieved_reports, k.dbr_assessed,
            k.dbr_excluded);
  if (other) {
    Content oi;
    oi.add("Records identified from:");
    oi.add("Websites " + n_eq(k.website_results), true);
    oi.add("Organisations " + n_eq(k.organisation_results), true);
    oi.add("Citation searching " + n_eq(k.citations_results), true);
    add_named(oi, k.other_sources);
    put(1, *x_oth, W, oi);
    retrieval(*x_oth, *x_oth_side, k.other_sought_reports, k.other_notretrieved_reports,
              k.other_assessed, k.other_excluded);
  }

  Content inc;
  if (updated) {
    inc.add("New studies included in review " + n_eq(k.new_studies));
    inc.add("Reports of new included studies " + n_eq(k.new_reports));
    Content tot;
    tot.add("Total studies included in review " + n_eq(k.total_studies));
    tot.add("Reports of total included studies " + n_eq(k.total_reports));
    put(6, x_db, W, tot);
  } else {
    inc.add("Studies included in review " + n_eq(k.total_studies));
    inc.add("Reports of included studies " + n_eq(k.total_reports));
  }
  put(5, x_db, W, inc);

  // Wrap every box, then size rows by their tallest box.
  std::array<double, kRows> row_h{};
  std::vector<DiagramBox> boxes;
  for (const auto& s : slots) {
    DiagramBox b = wrap_box(s.content, s.w, fs);
    b.x = s.x;
    b.h = static_cast<double>(b.lines.size()) * lh + 2 * kPad;
    row_h[s.row] = std::max(row_h[s.row], b.h);
    boxes.push_back(std::move(b));
  }
  std::array<double, kRows> row_y{};
  double y = kMargin;
  if (o.title) y += 2 * lh;
  for (int r = 0; r < kRows; ++r) {
    row_y[r] = y;
    if (row_h[r] > 0) y += row_h[r] + (r == 0 ? 14 : kRowGap);
  }
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    boxes[i].y = row_y[slots[i].row];
    // Flow boxes of a row share its height so arrows meet them level.
    if (slots[i].row > 0) boxes[i].h = row_h[slots[i].row];
  }

  auto cy = [&](int r) { return row_y[r] + row_h[r] / 2; };
  auto bottom = [&](int r) { return row_y[r] + row_h[r]; };
  const double db_cx = x_db + W / 2;
  // Databases/registers column: down the main boxes, right to the side boxes.
  for (int r = 1; r <= 4; ++r) {
    L.arrows.push_back({{db_cx, bottom(r)}, {db_cx, row_y[r + 1]}});
    L.arrows.push_back({{x_db + W, cy(r)}, {x_db_side, cy(r)}});
  }
  if (other) {
    const double oc = *x_oth + W / 2;
    L.arrows.push_back({{oc, bottom(1)}, {oc, row_y[3]}});
    L.arrows.push_back({{oc, bottom(3)}, {oc, row_y[4]}});
    for (int r = 3; r <= 4; ++r) L.arrows.push_back({{*x_oth + W, cy(r)}, {*x_oth_side, cy(r)}});
    L.arrows.push_back({{oc, bottom(4)}, {oc, cy(5)}, {x_db + W, cy(5)}});
  }
  if (updated) {
    L.arrows.push_back({{db_cx, bottom(5)}, {db_cx, row_y[6]}});
    const double pc = *x_prev + W / 2;
    L.arrows.push_back({{pc, bottom(1)}, {pc, cy(6)}, {x_db, cy(6)}});
  }

  L.bars.push_back({row_y[1], row_h[1], "Identification"});
  L.bars.push_back({row_y[2], bottom(4) - row_y[2], "Screening"});
  L.bars.push_back({row_y[5], (updated ? bottom(6) : bottom(5)) - row_y[5], "Included"});

  y = (updated ? bottom(6) : bottom(5)) + 16;
  L.footnote_y = y;
  if (o.footnotes) {
    const double fw = L.width - 2 * kMargin, ffs = fs * 0.82;
    for (std::string note :
         {std::string("*Consider, if feasible to do so, reporting the number of records identified "
                      "from each database or register searched (rather than the total number "
                      "across all databases/registers)."),
          std::string("**If automation tools were used, indicate how many records were excluded "
                      "by a human and how many were excluded by automation tools."),
          std::string("From: Page MJ, McKenzie JE, Bossuyt PM, Boutron I, Hoffmann TC, Mulrow CD, "
                      "et al. The PRISMA 2020 statement: an updated guideline for reporting "
                      "systematic reviews. BMJ 2021;372:n71. doi: 10.1136/bmj.n71"),
          std::string("For more information, visit: http://www.prisma-statement.org/")}) {
      L.footnotes.push_back(wrap_text(note, fw, ffs));
      y += static_cast<double>(L.footnotes.back().size()) * ffs * 1.3;
    }
  }
  L.height = y + kMargin;
  L.boxes = std::move(boxes);
  return L;
}

}  // namespace

int prisma_template_number(const PrismaCounts& counts) {
  return (counts.updated_review ? 3 : 1) + (counts.other_methods ? 1 : 0);
}

std::string prisma_template_title(const PrismaCounts& counts) {
  std::string t = "PRISMA 2020 flow diagram for ";
  t += counts.updated_review ? "updated" : "new";
  t += " systematic reviews which included searches of databases";
  t += counts.other_methods ? ", registers and other sources" : " and registers only";
  return t;
}

std::vector<DiagramBox> prisma_boxes(const PrismaCounts& counts, const PrismaDiagramOptions& options) {
  return layout(counts, options).boxes;
}

std::string render_prisma_svg(const PrismaCounts& counts, const PrismaDiagramOptions& o) {
  const Layout L = layout(counts, o);
  const double fs = o.font_size, lh = fs * 1.35;
  SvgWriter svg(L.width, L.height, prisma_template_title(counts));
  if (o.title) {
    TextStyle ts;
    ts.size = fs * 1.1;
    ts.bold = true;
    auto lines = wrap_text(prisma_template_title(counts), L.width - 2 * kMargin, ts.size, true);
    svg.text_lines(kMargin, kMargin, lines, lh, ts);
  }
  for (const auto& bar : L.bars) {
    svg.rect(kMargin, bar.y, kPhaseBar, bar.h, kPhaseFill, "none", 0, 5);
    TextStyle ts;
    ts.bold = true;
    ts.anchor = "middle";
    ts.rotate = -90;
    svg.text(kMargin + kPhaseBar / 2 + fs * 0.35, bar.y + bar.h / 2, bar.label, ts);
  }
  for (const auto& b : L.boxes) {
    svg.rect(b.x, b.y, b.w, b.h, b.fill, "#000", 1, b.centered ? 6 : 0);
    TextStyle ts;
    ts.size = fs;
    ts.bold = b.bold;
    // Text sits at the top of the box (the template's style); headers are centred.
    double top = b.centered ? b.y + (b.h - static_cast<double>(b.lines.size()) * lh) / 2 : b.y + kPad;
    for (std::size_t i = 0; i < b.lines.size(); ++i) {
      if (b.centered) {
        ts.anchor = "middle";
        svg.text_lines(b.x + b.w / 2, top + static_cast<double>(i) * lh, {b.lines[i]}, lh, ts);
      } else {
        svg.text_lines(b.x + kPad + b.line_indent[i], top + static_cast<double>(i) * lh,
                       {b.lines[i]}, lh, ts);
      }
    }
  }
  for (const auto& a : L.arrows) svg.arrow(a);
  if (o.footnotes) {
    TextStyle ts;
    ts.size = fs * 0.82;
    double y = L.footnote_y;
    for (const auto& lines : L.footnotes) {
      svg.text_lines(kMargin, y, lines, ts.size * 1.3, ts);
      y += static_cast<double>(lines.size()) * ts.size * 1.3;
    }
  }
  return svg.finish();
}

}  // namespace prismaflow::report
