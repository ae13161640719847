// The PRISMA 2020 flow diagram drawn from counts (../shared/docs/prisma2020.md):
// the template is chosen from the data (databases/registers only, plus the
// other-methods column, plus the previous-studies column of updated reviews),
// labels are the statement's own, and every box is sized from the width of
// its text so nothing overflows however long a database name or reason is.
#pragma once

#include <string>
#include <vector>

#include "screen/prisma_counts.hpp"

namespace prismaflow::report {

struct PrismaDiagramOptions {
  double font_size = 11;
  double box_width = 240;   ///< every flow box; text wraps inside it
  bool footnotes = true;    ///< the template's *, ** and citation footnotes
  bool title = false;       ///< draw the template's title above the diagram
};

/// Which of the four PRISMA 2020 templates fits `counts` (1..4): 1 new review,
/// databases/registers only; 2 new review with other methods; 3 and 4 the
/// updated-review versions of 1 and 2.
int prisma_template_number(const screen::PrismaCounts& counts);

/// The statement's title of that template, e.g. "PRISMA 2020 flow diagram for
/// new systematic reviews which included searches of databases and registers only".
std::string prisma_template_title(const screen::PrismaCounts& counts);

/// One drawn box: its place, its wrapped lines and the inner width those
/// lines must fit (exposed so tests can check that no text overflows).
struct DiagramBox {
  double x = 0, y = 0, w = 0, h = 0;
  double text_width = 0;  ///< width available to each line (box minus padding/indent)
  std::vector<std::string> lines;
  std::vector<double> line_indent;  ///< extra left indent per line
  bool bold = false;
  bool centered = false;
  std::string fill = "#fff";
};

/// Every box of the diagram for `counts`, laid out (phase bars excluded).
std::vector<DiagramBox> prisma_boxes(const screen::PrismaCounts& counts,
                                     const PrismaDiagramOptions& options = {});

/// The flow diagram as a standalone SVG document. Pure and deterministic:
/// the same counts give byte-identical output. Every name is XML-escaped.
std::string render_prisma_svg(const screen::PrismaCounts& counts,
                              const PrismaDiagramOptions& options = {});

}  // namespace prismaflow::report
