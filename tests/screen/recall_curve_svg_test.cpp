#include "screen/recall_curve_svg.hpp"

#include <gtest/gtest.h>

namespace prismaflow::screen {
namespace {

TEST(RecallCurveSvg, DrawsCurvesDiagonalAndEscapedText) {
  const std::string svg = recall_curve_svg(
      {{"seed <1> & \"a\"", {0, 1, 1, 2}}, {"empty", {0, 0}}}, "ace: NB & <priors>");
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("ace: NB &amp; &lt;priors&gt;"), std::string::npos);
  EXPECT_NE(svg.find("seed &lt;1&gt; &amp; &quot;a&quot;"), std::string::npos);
  EXPECT_EQ(svg.find(">empty<"), std::string::npos);  // no relevant record: skipped
  // One polyline: (0,0) (1/3,1/2) (2/3,1/2) (1,1) in plot coordinates.
  EXPECT_NE(svg.find("points=\"60.0,390.0 203.3,215.0 346.7,215.0 490.0,40.0 \""),
            std::string::npos);
  EXPECT_NE(svg.find("random order"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(RecallCurveSvg, XmlEscape) { EXPECT_EQ(xml_escape("a<'b'>&"), "a&lt;&apos;b&apos;&gt;&amp;"); }

}  // namespace
}  // namespace prismaflow::screen
