#include "common/csv.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::csv {
namespace {

TEST(CsvTest, ParsesQuotedFieldsAndTracksLines) {
  auto t = parse("\xEF\xBB\xBFstudy,note\r\na,\"x, \"\"y\"\"\"\r\nb,\"two\nlines\"\nc,z\n", "f.csv");
  ASSERT_EQ(t.header, (std::vector<std::string>{"study", "note"}));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t.rows[0].line, 2u);
  EXPECT_EQ(t.rows[1].fields[1], "two\nlines");
  EXPECT_EQ(t.rows[1].line, 3u);
  EXPECT_EQ(t.rows[2].line, 5u);
}

TEST(CsvTest, SkipsBlankLinesAndFindsColumnsCaseInsensitively) {
  auto t = parse("A,B\n\n1,2\n", "f.csv");
  EXPECT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.column("b"), 1u);
  EXPECT_FALSE(t.column("c").has_value());
  EXPECT_THROW_MSG(t.require_column("title", "f.csv"), InputError, "f.csv:1: missing column 'title'");
}

TEST(CsvTest, RejectsRaggedRowsWithTheirLine) {
  EXPECT_THROW_MSG(parse("a,b\n1,2\n3\n", "data.csv"), InputError, "data.csv:3: row has 1 fields");
}

TEST(CsvTest, RejectsUnterminatedQuote) {
  EXPECT_THROW_MSG(parse("a,b\n1,\"open\n", "q.csv"), InputError, "q.csv:2: quoted field");
}

TEST(CsvTest, RejectsEmptyFile) {
  EXPECT_THROW_MSG(parse("", "e.csv"), InputError, "e.csv: file is empty");
}

TEST(CsvTest, FormatRoundTrips) {
  std::vector<std::string> fields{"plain", "with,comma", "with \"quote\"", "multi\nline", ""};
  auto t = parse("h1,h2,h3,h4,h5\n" + format_row(fields), "r.csv");
  EXPECT_EQ(t.rows[0].fields, fields);
}

TEST(CsvTest, TabDelimited) {
  auto t = parse("a\tb\n1\t2,3\n", "t.tsv", '\t');
  EXPECT_EQ(t.rows[0].fields[1], "2,3");
}

TEST(CsvTest, TrimAndLowerCells) {
  EXPECT_EQ(trim(" \t a b\t "), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(ascii_lower("N_Randomised Ä"), "n_randomised Ä") << "only ASCII letters change";
}

}  // namespace
}  // namespace prismaflow::csv
