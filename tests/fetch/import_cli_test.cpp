// `prismaflow import` end to end: counts per source, re-import no-op, and
// every bad input leaving the database unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

std::string data(const std::string& name) {
  return (source_dir() / "tests/data/import" / name).string();
}

class ImportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_prismaflow({"init", dir_.path().string()}).exit_code, 0);
  }
  CommandResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "import");
    args.push_back("--review");
    args.push_back(dir_.path().string());
    return run_prismaflow(args);
  }
  std::string export_csv() {
    return run_prismaflow({"export", "records", "--review", dir_.path().string()}).out;
  }
  TempDir dir_;
};

TEST_F(ImportCliTest, ImportsEachFormatWithCountsPerSource) {
  auto r = run({data("embase_small.ris"), "--source", "Embase"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Embase (database): imported 3 records"), std::string::npos) << r.out;
  EXPECT_EQ(run({data("pubmed_small.nbib"), "--source", "PubMed"}).exit_code, 0);
  EXPECT_EQ(run({data("wos_small.ciw"), "--source", "WoS"}).exit_code, 0);
  r = run({data("scopus_small.csv"), "--source", "Scopus", "--format", "csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string csv = export_csv();
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 3 + 2 + 2 + 3);
  EXPECT_NE(csv.find("emb-001"), std::string::npos);       // RIS ID as source_id
  EXPECT_NE(csv.find("30000001"), std::string::npos);      // PMID
  EXPECT_NE(csv.find("WOS:000460000000001"), std::string::npos);
  EXPECT_NE(csv.find("2-s2.0-3"), std::string::npos);      // CSV id column
}

TEST_F(ImportCliTest, ReimportIsANoOp) {
  ASSERT_EQ(run({data("embase_small.ris"), "--source", "Embase"}).exit_code, 0);
  std::string before = export_csv();
  auto r = run({data("embase_small.ris"), "--source", "Embase"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("already imported"), std::string::npos);
  EXPECT_EQ(export_csv(), before);
}

TEST_F(ImportCliTest, BadInputExitsOneNamesThePlaceAndChangesNothing) {
  ASSERT_EQ(run({data("embase_small.ris"), "--source", "Embase"}).exit_code, 0);
  std::string before = export_csv();
  write_text(dir_ / "empty.ris", "");
  {
    std::ofstream bin(dir_ / "image.ris", std::ios::binary);
    bin << std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  }
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{data("truncated.ris"), "--source", "X"}, "truncated.ris:7: the record starting here is not closed"},
      {{data("one_bad.ris"), "--source", "X"}, "one_bad.ris:6: record has no title"},
      {{(dir_ / "empty.ris").string(), "--source", "X"}, "empty.ris: the file is empty"},
      {{(dir_ / "image.ris").string(), "--source", "X"}, "image.ris: this is a binary file"},
      {{data("pubmed_small.nbib"), "--source", "X", "--format", "ris"}, "looks like nbib, not ris"},
      {{data("no_title.csv"), "--source", "X"}, "no_title.csv:1: no title column"},
  };
  for (const auto& c : cases) {
    auto r = run(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(export_csv(), before) << c.message;
  }
}

// The file is parsed while it is stored: a bad record after 2,000 good ones
// (batches already written) still fails the whole import and changes nothing.
TEST_F(ImportCliTest, ABadRecordLateInALargeFileChangesNothing) {
  ASSERT_EQ(run({data("embase_small.ris"), "--source", "Embase"}).exit_code, 0);
  std::string before = export_csv();
  std::string ris;
  for (int i = 0; i < 2500; ++i) ris += "TY  - JOUR\nTI  - Record " + std::to_string(i) + "\nER  - \n";
  ris += "TY  - JOUR\nAU  - Nobody, N.\nER  - \n";
  write_text(dir_ / "late.ris", ris);
  auto r = run({(dir_ / "late.ris").string(), "--source", "Late"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("late.ris:7501: record has no title"), std::string::npos) << r.err;
  EXPECT_EQ(export_csv(), before);
  auto skip = run({(dir_ / "late.ris").string(), "--source", "Late", "--skip-bad"});
  EXPECT_EQ(skip.exit_code, 0) << skip.err;
  EXPECT_NE(skip.out.find("imported 2500 records"), std::string::npos) << skip.out;
  EXPECT_NE(skip.out.find("late.ris:7501: record has no title"), std::string::npos) << skip.out;
}

TEST_F(ImportCliTest, SkipBadImportsTheRestAndListsTheSkipped) {
  auto r = run({data("one_bad.ris"), "--source", "X", "--skip-bad"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("imported 2 records"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("skipped " + data("one_bad.ris") + ":6"), std::string::npos) << r.out;
}

TEST_F(ImportCliTest, WithoutFileImportsTheProtocolList) {
  std::filesystem::copy_file(data("embase_small.ris"), dir_ / "embase.ris");
  std::filesystem::copy_file(data("wos_small.ciw"), dir_ / "wos.ciw");
  std::ofstream(dir_ / "review.toml", std::ios::app)
      << "\n[[import]]\nfile = \"embase.ris\"\nsource = \"Embase\"\n"
         "\n[[import]]\nfile = \"wos.ciw\"\nsource = \"Web of Science\"\nformat = \"wos\"\n";
  auto r = run({});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Web of Science (database): imported 2 records"), std::string::npos) << r.out;
}

TEST_F(ImportCliTest, EveryRealExportImports) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  // Counted independently of the parsers: ER lines (RIS), PMID- lines (nbib),
  // PT lines (WoS), each checked against the file's title tags.
  const std::map<std::string, int> expected = {
      {"ris/citesource_psycinfo_ebsco_64.ris", 64}, {"ris/citesource_wos_79_bom.ris", 79},
      {"ris/rispy_bom_minimal.ris", 1}, {"ris/rispy_extraneous_header_numbered.ris", 2},
      {"ris/rispy_utf_chars_cyrillic.ris", 1}, {"ris/synthesisr_dimensions_bom.ris", 17},
      {"ris/synthesisr_ebsco_asp.ris", 4}, {"ris/synthesisr_ovid_cab_numbered.ris", 4},
      {"ris/synthesisr_scopus.ris", 3}, {"nbib/revtools_restoration_pubmed.nbib", 104},
      {"nbib/synthesisr_pubmed_medline.txt", 3}, {"wos/rispy_example_wos_plaintext.ris", 2},
      {"wos/synthesisr_wos_plaintext.ciw", 5}, {"wos/synthesisr_wos_plaintext.txt", 4}};
  int n = 0, total = 0;
  for (const auto& [file, count] : expected) {
    auto r = run({(shared / "fixtures/imports" / file).string(), "--source", "S" + std::to_string(++n)});
    EXPECT_EQ(r.exit_code, 0) << file << ": " << r.err;
    EXPECT_NE(r.out.find("imported " + std::to_string(count) + " records"), std::string::npos)
        << file << ": " << r.out;
    total += count;
  }
  auto json = run_prismaflow({"export", "records", "--format", "json", "--review", dir_.path().string()}).out;
  int records = 0;
  for (auto p = json.find("\"record_id\""); p != std::string::npos; p = json.find("\"record_id\"", p + 1)) ++records;
  EXPECT_EQ(records, total);
}

}  // namespace
}  // namespace prismaflow::test
