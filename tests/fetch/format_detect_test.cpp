#include "fetch/format_detect.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::fetch {
namespace {

TEST(FormatDetectTest, TellsFormatsApartByContent) {
  struct Case {
    std::string text;
    std::optional<ImportFormat> want;
  };
  const std::vector<Case> cases = {
      {"TY  - JOUR\nTI  - x\nER  - \n", ImportFormat::kRis},
      {"Record #1 of 2\nProvider: P\n1.\nTY  - JOUR\n", ImportFormat::kRis},
      {"\nPMID- 123\nTI  - x\n", ImportFormat::kNbib},
      {"FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n", ImportFormat::kWos},
      {"PT J\nAU Smith, J\nTI x\nER\n", ImportFormat::kWos},
      {"<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet>", ImportFormat::kPubmedXml},
      {"title,year\nA,2001\n", ImportFormat::kCsv},
      {"just some prose\nwith no structure\n", std::nullopt},
      {"<?xml version=\"1.0\"?><xml><records/></xml>", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(detect_format(c.text), c.want) << c.text;
}

TEST(FormatDetectTest, FormatNames) {
  EXPECT_EQ(parse_format_name("auto"), std::nullopt);
  EXPECT_EQ(parse_format_name("nbib"), ImportFormat::kNbib);
  EXPECT_THROW_MSG(parse_format_name("bibtex"), UsageError, "--format must be");
}

TEST(FormatDetectTest, WrongFormatIsNamed) {
  EXPECT_THROW_MSG(parse_export("PMID- 1\nTI  - A\n", "p.nbib", ImportFormat::kRis), InputError,
                   "p.nbib: this file looks like nbib, not ris; pass --format nbib");
}

TEST(FormatDetectTest, UnknownContentAsksForFormat) {
  EXPECT_THROW_MSG(parse_export("hello\nworld\n", "h.txt", std::nullopt), InputError,
                   "h.txt: cannot tell the format");
}

TEST(FormatDetectTest, ParsesAnyFormatAndReportsEncoding) {
  auto p = parse_export("\xEF\xBB\xBFTY  - JOUR\r\nTI  - Caf\xC3\xA9\r\nER  - \r\n", "c.ris", std::nullopt);
  EXPECT_EQ(p.format, ImportFormat::kRis);
  EXPECT_EQ(p.encoding, "utf-8-bom");
  ASSERT_EQ(p.result.records.size(), 1u);
  EXPECT_EQ(p.result.records[0].title, "Caf\xC3\xA9");
}

TEST(FormatDetectTest, PubmedXmlGoesThroughTheXmlParser) {
  auto p = parse_export(
      "<?xml version=\"1.0\"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID "
      "Version=\"1\">111</PMID><Article><ArticleTitle>X ray study.</ArticleTitle></Article>"
      "</MedlineCitation></PubmedArticle></PubmedArticleSet>",
      "p.xml", std::nullopt);
  EXPECT_EQ(p.format, ImportFormat::kPubmedXml);
  ASSERT_EQ(p.result.records.size(), 1u);
  EXPECT_EQ(p.result.records[0].pmid, "111");
}

}  // namespace
}  // namespace prismaflow::fetch
