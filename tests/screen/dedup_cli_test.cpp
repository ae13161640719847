// `prismaflow dedup` end to end on imported files.
#include <gtest/gtest.h>

#include "common/csv.hpp"
#include "common/file.hpp"

#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

std::string import_data(const std::string& name) {
  return (source_dir() / "tests/data/import" / name).string();
}

class DedupCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_prismaflow({"init", dir_.path().string()}).exit_code, 0);
    for (auto [file, source] : std::vector<std::pair<std::string, std::string>>{
             {"embase_small.ris", "Embase"}, {"pubmed_small.nbib", "PubMed"},
             {"wos_small.ciw", "WoS"}, {"scopus_small.csv", "Scopus"}}) {
      ASSERT_EQ(run({"import", import_data(file), "--source", source}).exit_code, 0);
    }
  }
  CommandResult run(std::vector<std::string> args) {
    args.push_back("--review");
    args.push_back(dir_.path().string());
    return run_prismaflow(args);
  }
  TempDir dir_;
};

TEST_F(DedupCliTest, MergesTheAspirinPaperAcrossFourSources) {
  std::string before = run({"export", "records"}).out;
  auto r = run({"dedup"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3 new duplicates merged"), std::string::npos) << r.out;
  std::string after = run({"export", "records"}).out;
  EXPECT_NE(after, before);
  // The PubMed record (record 4, first in pubmed_small.nbib) is kept.
  std::string json = run({"export", "records", "--format", "json"}).out;
  int pointing_to_4 = 0;
  for (auto p = json.find("\"duplicate_of\": 4"); p != std::string::npos;
       p = json.find("\"duplicate_of\": 4", p + 1)) {
    ++pointing_to_4;
  }
  EXPECT_EQ(pointing_to_4, 3) << json;
  auto again = run({"dedup"});
  EXPECT_NE(again.out.find("0 new duplicates merged"), std::string::npos) << again.out;
  auto undo = run({"dedup", "undo", "--all"});
  EXPECT_EQ(undo.exit_code, 0) << undo.err;
  EXPECT_EQ(run({"export", "records"}).out, before);
}

TEST_F(DedupCliTest, ReviewExportAndImport) {
  ASSERT_EQ(run({"dedup", "--threshold", "1.0", "--review-threshold", "0.5"}).exit_code, 0);
  auto ex = run({"dedup", "review", "--export", (dir_ / "pairs.csv").string()});
  EXPECT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_NE(ex.out.find("pending pairs"), std::string::npos);
  write_text(dir_ / "bad.csv", "record_a,record_b,decision\n1,2,maybe\n");
  auto bad = run({"dedup", "review", "--import", (dir_ / "bad.csv").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.csv:2: decision 'maybe'"), std::string::npos) << bad.err;
  auto usage = run({"dedup", "undo"});
  EXPECT_EQ(usage.exit_code, 2);
}

// One article under its title in three issues (an article and two errata):
// three pairs, each held for review because the issue differs.
std::string article_in_issues() {
  std::string ris;
  for (auto [issue, page] : {std::pair{"5", "703"}, std::pair{"8", "1107"}, std::pair{"11", "1490"}}) {
    ris += std::string("TY  - JOUR\nTI  - Complement factor H mutations in atypical haemolytic uraemic syndrome\n") +
           "AU  - Esparza-Gordillo, J.\nAU  - Buil, A.\nPY  - 2005\nJF  - Human Molecular Genetics\nVL  - 14\n" +
           "IS  - " + issue + "\nSP  - " + page + "\nER  - \n\n";
  }
  return ris;
}

// The export ends with a `reason` column; --import reads files with it (a
// filled-in export) and without it (exports of earlier versions).
TEST(DedupReviewCsvTest, ExportSaysWhyAndImportTakesEitherLayout) {
  TempDir dir_;
  auto run = [&](std::vector<std::string> args) {
    args.push_back("--review");
    args.push_back(dir_.path().string());
    return run_prismaflow(args);
  };
  ASSERT_EQ(run_prismaflow({"init", dir_.path().string()}).exit_code, 0);
  write_text(dir_ / "refs.ris", article_in_issues());
  ASSERT_EQ(run({"import", (dir_ / "refs.ris").string(), "--source", "Embase"}).exit_code, 0);
  ASSERT_EQ(run({"dedup"}).exit_code, 0);
  auto ex = run({"dedup", "review", "--export", (dir_ / "pairs.csv").string()});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  std::string text = read_file(dir_ / "pairs.csv");
  std::string header = text.substr(0, text.find('\n'));
  EXPECT_EQ(header,
            "record_a,record_b,score,decision,title_a,title_b,year_a,year_b,journal_a,journal_b,"
            "authors_a,authors_b,reason");
  csv::Table table = csv::parse(text, "pairs.csv");
  auto reason = table.column("reason");
  ASSERT_TRUE(reason.has_value());
  ASSERT_GE(table.rows.size(), 2u) << text;
  std::vector<std::pair<std::string, std::string>> pairs;  // record_a, record_b
  for (const auto& row : table.rows) {
    EXPECT_EQ(row.fields.at(*reason), "issue differs and pages do not match") << text;
    pairs.emplace_back(row.fields.at(0), row.fields.at(1));
  }
  std::size_t rows = table.rows.size();
  EXPECT_EQ(rows, 3u);
  // With the reason column: the export itself, one decision filled in.
  write_text(dir_ / "with.csv",
             header + "\n" + pairs[0].first + "," + pairs[0].second + ",0.8,distinct,,,,,,,,,some reason\n");
  auto with = run({"dedup", "review", "--import", (dir_ / "with.csv").string()});
  EXPECT_EQ(with.exit_code, 0) << with.err;
  // Without it: the twelve columns earlier versions wrote.
  write_text(dir_ / "without.csv",
             "record_a,record_b,score,decision,title_a,title_b,year_a,year_b,journal_a,journal_b,authors_a,authors_b\n" +
                 pairs[1].first + "," + pairs[1].second + ",0.8,distinct,,,,,,,,\n");
  auto without = run({"dedup", "review", "--import", (dir_ / "without.csv").string()});
  EXPECT_EQ(without.exit_code, 0) << without.err;
  auto again = run({"dedup", "review", "--export", (dir_ / "left.csv").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("wrote " + std::to_string(rows - 2) + " pending pairs"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace prismaflow::test
