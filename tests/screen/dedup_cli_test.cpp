// `prismaflow dedup` end to end on imported files.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace prismaflow::test
