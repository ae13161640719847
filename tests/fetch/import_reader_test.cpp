// ExportReader: the decoded, format-checked file handed out in batches, with
// the same records, skipped records and errors as a whole-file parse.
#include "fetch/import_reader.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::fetch {
namespace {

std::string data(const std::string& name) {
  return read_file(std::string(PRISMAFLOW_SOURCE_DIR) + "/tests/data/import/" + name);
}

// Every batch of the reader, by size.
std::vector<std::size_t> batch_sizes(ExportReader& reader, std::size_t max, std::vector<Record>& all) {
  std::vector<std::size_t> sizes;
  for (;;) {
    std::size_t before = all.size();
    if (!reader.next(max, all)) break;
    sizes.push_back(all.size() - before);
  }
  return sizes;
}

// RIS is read a batch at a time; the other formats are parsed whole once and
// handed out in the same batches. Either way the records equal parse_export's.
TEST(ImportReaderTest, BatchesHoldTheWholeParseInOrder) {
  for (const std::string name : {"embase_small.ris", "pubmed_small.nbib", "wos_small.ciw", "scopus_small.csv"}) {
    std::string bytes = data(name);
    auto whole = parse_export(bytes, name, std::nullopt);
    ExportReader reader(bytes, name, std::nullopt);
    EXPECT_EQ(reader.format(), whole.format) << name;
    EXPECT_EQ(reader.encoding(), whole.encoding) << name;
    std::vector<Record> all;
    auto sizes = batch_sizes(reader, 2, all);
    ASSERT_EQ(all.size(), whole.result.records.size()) << name;
    for (std::size_t s : sizes) {
      EXPECT_GE(s, 1u) << name;
      EXPECT_LE(s, 2u) << name;
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
      EXPECT_EQ(all[i].title, whole.result.records[i].title) << name;
      EXPECT_EQ(all[i].source_record_id, whole.result.records[i].source_record_id) << name;
    }
    EXPECT_EQ(reader.n_records(), all.size());
    EXPECT_FALSE(reader.next(2, all));
  }
}

TEST(ImportReaderTest, SkippedRecordsAndErrorsAsInAWholeParse) {
  std::string bytes = data("one_bad.ris");
  EXPECT_THROW_MSG(
      {
        ExportReader strict(bytes, "one_bad.ris", std::nullopt);
        std::vector<Record> all;
        while (strict.next(1, all)) {
        }
      },
      InputError, "one_bad.ris:6: record has no title");
  ParseOptions skip;
  skip.skip_bad = true;
  ExportReader reader(bytes, "one_bad.ris", std::nullopt, {}, skip);
  std::vector<Record> all;
  batch_sizes(reader, 1, all);
  EXPECT_EQ(all.size(), 2u);
  ASSERT_EQ(reader.skipped().size(), 1u);
  EXPECT_EQ(reader.skipped()[0].line, 6u);
}

// The file is checked before any record is read; a file whose every record
// is malformed fails at its end, after the batches before.
TEST(ImportReaderTest, BadFilesFailUpFrontOrAtTheEnd) {
  EXPECT_THROW_MSG(ExportReader("", "e.ris", std::nullopt), InputError, "e.ris: the file is empty");
  EXPECT_THROW_MSG(ExportReader("PMID- 1\nTI  - A\n", "p.nbib", ImportFormat::kRis), InputError,
                   "looks like nbib, not ris");
  ParseOptions skip;
  skip.skip_bad = true;
  ExportReader none("TY  - JOUR\nAU  - X, Y\nER  - \n", "n.ris", std::nullopt, {}, skip);
  std::vector<Record> all;
  EXPECT_THROW_MSG(none.next(10, all), InputError, "n.ris: no records found when reading it as ris (every record was malformed)");
}

}  // namespace
}  // namespace prismaflow::fetch
