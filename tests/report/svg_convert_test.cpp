// convert_svg through the real rsvg-convert, and `prismaflow report
// --png/--pdf/--formats`. The conversions need rsvg-convert (Debian
// librsvg2-bin) and are skipped with a message when it is not installed; the
// missing-converter errors are tested by hiding it with an empty PATH.
#include "report/svg_convert.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/error.hpp"
#include "common/file.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::report {
namespace {

const std::string kSvg =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" "
    "height=\"40\"><rect width=\"120\" height=\"40\" fill=\"#8fd18f\"/><text x=\"10\" y=\"25\">a &amp; b</text></svg>\n";

#define REQUIRE_RSVG()                                                                          \
  if (!svg_convert_available())                                                                 \
  GTEST_SKIP() << "rsvg-convert is not installed (Debian package librsvg2-bin); PNG/PDF output " \
                  "is not tested"

// Hides rsvg-convert for one scope by pointing PATH at an empty folder.
struct EmptyPath {
  std::string saved;
  test::TempDir dir;
  EmptyPath() : saved(std::getenv("PATH") ? std::getenv("PATH") : "") { setenv("PATH", dir.path().c_str(), 1); }
  ~EmptyPath() { setenv("PATH", saved.c_str(), 1); }
};

TEST(SvgConvert, WritesPngAndPdf) {
  REQUIRE_RSVG();
  test::TempDir tmp;
  convert_svg(kSvg, tmp / "f.png");
  convert_svg(kSvg, tmp / "f.PDF");
  const std::string png = read_file(tmp / "f.png"), pdf = read_file(tmp / "f.PDF");
  ASSERT_GT(png.size(), 24u);
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
  // IHDR width and height (big-endian) are the SVG's 120 x 40 pixels.
  EXPECT_EQ(png.substr(16, 8), std::string("\0\0\0\x78\0\0\0\x28", 8));
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
}

TEST(SvgConvert, SvgIsWrittenAsIs) {
  test::TempDir tmp;
  convert_svg(kSvg, tmp / "f.svg");
  EXPECT_EQ(read_file(tmp / "f.svg"), kSvg);
}

TEST(SvgConvert, UnknownExtensionIsAUsageError) {
  test::TempDir tmp;
  EXPECT_THROW_MSG(convert_svg(kSvg, tmp / "f.jpg"), UsageError, "cannot tell the figure format from the extension '.jpg'");
}

TEST(SvgConvert, MissingConverterIsAClearError) {
  test::TempDir tmp;
  EmptyPath hidden;
  EXPECT_FALSE(svg_convert_available());
  EXPECT_THROW_MSG(convert_svg(kSvg, tmp / "f.png"), Error, "needs rsvg-convert, which is not installed");
  EXPECT_FALSE(std::filesystem::exists(tmp / "f.png"));
}

TEST(SvgConvert, InvalidSvgFailsNamingTheFile) {
  REQUIRE_RSVG();
  test::TempDir tmp;
  EXPECT_THROW_MSG(convert_svg("<svg", tmp / "bad.png"), Error, "rsvg-convert failed to convert the figure");
}

TEST(ReportFormats, PngAndPdfOfEveryFigure) {
  REQUIRE_RSVG();
  test::TempDir tmp;
  const std::string rev = (tmp / "rev").string(), out = (tmp / "out").string();
  ASSERT_EQ(test::run_prismaflow({"init", rev}).exit_code, 0);
  auto r = test::run_prismaflow({"report", "--review", rev, "--out", out, "--formats", "svg,png", "--pdf"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(tmp / "out/figures/prisma.png").substr(1, 3), "PNG");
  EXPECT_EQ(read_file(tmp / "out/figures/prisma.pdf").substr(0, 5), "%PDF-");
  EXPECT_NE(r.err.find("wrote 5 files"), std::string::npos) << r.err;
  // verify checks the deterministic files only; the converted ones may carry dates.
  EXPECT_EQ(test::run_prismaflow({"verify", "--review", rev, "--out", out}).exit_code, 0);
}

TEST(ReportFormats, MissingConverterFailsBeforeWritingAnything) {
  test::TempDir tmp;
  const std::string rev = (tmp / "rev").string(), out = (tmp / "out").string();
  ASSERT_EQ(test::run_prismaflow({"init", rev}).exit_code, 0);
  auto r = test::run_prismaflow({"report", "--review", rev, "--out", out, "--png"}, "", {{"PATH", tmp.path().string()}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--png needs rsvg-convert, which is not on PATH; install it with 'apt-get install librsvg2-bin'"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp / "out"));
}

TEST(ReportFormats, UnknownFormatIsAUsageError) {
  test::TempDir tmp;
  auto r = test::run_prismaflow({"report", "--review", (tmp / "rev").string(), "--formats", "svg,jpeg"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown format 'jpeg'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace prismaflow::report
