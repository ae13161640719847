#include "fetch/csv_records.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::fetch {
namespace {

TEST(CsvRecordsTest, ScopusHeadersAreFoundByName) {
  auto text = read_file(std::string(PRISMAFLOW_SOURCE_DIR) + "/tests/data/import/scopus_small.csv");
  auto r = parse_csv_records(text, "scopus_small.csv");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].authors.size(), 2u);
  EXPECT_EQ(r.records[0].pages, "1100-1108");
  EXPECT_EQ(r.records[0].journal, "The Lancet");
  EXPECT_EQ(r.records[0].source_record_id, "2-s2.0-1");
  EXPECT_EQ(r.records[1].title, "Diet, salt and blood pressure");
  EXPECT_EQ(r.records[2].year, 2022);
}

TEST(CsvRecordsTest, MapNamesUnusualColumns) {
  std::string text = "Ref,Heading,When\nr1,First paper,2001\nr2,Second paper,2002\n";
  EXPECT_THROW_MSG(parse_csv_records(text, "x.csv"), InputError, "x.csv:1: no title column");
  auto map = parse_column_map("title=Heading, year=When,id=Ref");
  auto r = parse_csv_records(text, "x.csv", map);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].title, "Second paper");
  EXPECT_EQ(r.records[1].year, 2002);
  EXPECT_EQ(r.records[1].source_record_id, "r2");
}

TEST(CsvRecordsTest, BadMapsAreUsageOrInputErrors) {
  EXPECT_THROW_MSG(parse_column_map("titel=Title"), UsageError, "unknown field 'titel'");
  EXPECT_THROW_MSG(parse_column_map("title"), UsageError, "FIELD=COLUMN");
  EXPECT_THROW_MSG(parse_csv_records("A,B\n1,2\n", "y.csv", {{"title", "Nope"}}), InputError,
                   "no column 'Nope'");
}

TEST(CsvRecordsTest, EmptyRowIsMalformed) {
  EXPECT_THROW_MSG(parse_csv_records("title,year\nA,2001\n,2002\n", "z.csv"), InputError,
                   "z.csv:3: record has no title");
}

}  // namespace
}  // namespace prismaflow::fetch
