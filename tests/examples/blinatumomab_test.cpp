// The bundled example end to end, as the README's main command runs it:
// its PRISMA counts follow from the shipped records and decisions, and its
// pooled results agree with R metafor 3.8 (rma(measure = "RR", method = "DL")
// on the same counts; values computed once with metafor and written here).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/csv.hpp"
#include "common/file.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

class BlinatumomabExampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto script = (source_dir() / "examples/blinatumomab/run.sh").string();
    result_ = new CommandResult(
        run_command({"bash", script, prismaflow_binary(), (dir_->path() / "out").string()}));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete dir_;
  }
  static std::string review() { return (dir_->path() / "out" / "review").string(); }
  static nlohmann::json json_of(const std::vector<std::string>& args) {
    auto r = run_prismaflow(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  static TempDir* dir_;
  static CommandResult* result_;
};
TempDir* BlinatumomabExampleTest::dir_ = nullptr;
CommandResult* BlinatumomabExampleTest::result_ = nullptr;

TEST_F(BlinatumomabExampleTest, RunsEndToEndAndWritesTheReport) {
  ASSERT_EQ(result_->exit_code, 0) << result_->out << result_->err;
  EXPECT_TRUE(std::filesystem::exists(dir_->path() / "out/report/report.html"));
  EXPECT_TRUE(std::filesystem::exists(dir_->path() / "out/prisma.svg"));
  EXPECT_NE(result_->out.find("published"), std::string::npos);
}

TEST_F(BlinatumomabExampleTest, PrismaCountsFollowFromTheData) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  auto c = json_of({"prisma", "--json", "--review", review()});
  EXPECT_EQ(c["database_results"], 18);  // PubMed 8 + Embase 6 + CENTRAL 4
  EXPECT_EQ(c["duplicates"], 8);         // 4 Embase and 4 CENTRAL copies of PubMed records
  EXPECT_EQ(c["records_screened"], 10);
  EXPECT_EQ(c["records_excluded"], 4);
  EXPECT_EQ(c["dbr_sought_reports"], 6);
  EXPECT_EQ(c["dbr_notretrieved_reports"], 0);
  EXPECT_EQ(c["dbr_assessed"], 6);
  ASSERT_EQ(c["dbr_excluded"].size(), 1u);
  EXPECT_EQ(c["dbr_excluded"][0]["n"], 1);
  EXPECT_EQ(c["total_studies"], 4);
  EXPECT_EQ(c["total_reports"], 5);  // Locatelli 2021 has a 2023 follow-up report
  auto check = run_prismaflow({"prisma", "--check", "--review", review()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(BlinatumomabExampleTest, PooledRiskRatiosAgreeWithMetafor) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  struct Expected {
    const char* outcome;
    int k;
    double estimate, ci_lower, ci_upper, tau2, q;
  };
  // metafor 3.8-1: rma(measure="RR", ai, n1i, ci, n2i, method="DL") on extraction/outcomes.csv.
  const Expected expected[] = {
      {"ae", 2, -0.2336162001, -0.3896607135, -0.0775716867, 0.0045835883, 1.4133329061},
      {"dfs", 4, -0.5219013132, -0.8907353563, -0.1530672700, 0.1092538029, 14.1685167138},
      {"mrd", 2, 0.6741619967, 0.3330638008, 1.0152601925, 0.0387958369, 2.7765278109},
      {"os", 3, -0.5128762933, -0.8123273323, -0.2134252543, 0.0, 1.2948043041},
  };
  auto all = json_of({"analyze", "--json", "--review", review()});
  ASSERT_EQ(all.size(), 4u);
  for (const auto& e : expected) {
    const nlohmann::json* found = nullptr;
    for (const auto& r : all)
      if (r["outcome"] == e.outcome) found = &r;
    ASSERT_NE(found, nullptr) << e.outcome;
    const auto& r = *found;
    EXPECT_EQ(r["k"], e.k) << e.outcome;
    EXPECT_NEAR(r["estimate"].get<double>(), e.estimate, 1e-8) << e.outcome;
    EXPECT_NEAR(r["ci_lower"].get<double>(), e.ci_lower, 1e-8) << e.outcome;
    EXPECT_NEAR(r["ci_upper"].get<double>(), e.ci_upper, 1e-8) << e.outcome;
    EXPECT_NEAR(r["tau2"].get<double>(), e.tau2, 1e-8) << e.outcome;
    EXPECT_NEAR(r["q"].get<double>(), e.q, 1e-7) << e.outcome;
  }
}

TEST_F(BlinatumomabExampleTest, ReRunningAnalyzeChangesNothing) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  auto before = json_of({"status", "--json", "--review", review()});
  auto r = run_prismaflow({"analyze", "--review", review()}, "", {{"PRISMAFLOW_NOW", "2025-04-01T00:00:00Z"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto after = json_of({"status", "--json", "--review", review()});
  EXPECT_EQ(before, after);
}

TEST_F(BlinatumomabExampleTest, StudyCharacteristicsReachTheReport) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  auto r = run_prismaflow({"extract", "export", "--characteristics", "--review", review()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const csv::Table t = csv::parse(r.out, "export");
  const std::size_t n = t.require_column("n_randomised", "export");
  const std::size_t e = t.require_column("extractor", "export");
  long total = 0, agreed = 0;
  for (const auto& row : t.rows) {
    if (!row.fields[e].empty()) continue;  // an extractor's own row (ExtractorsAreCompared)
    ++agreed;
    total += std::stol(row.fields[n]);
  }
  EXPECT_EQ(agreed, 4);
  EXPECT_EQ(total, 2011) << "the published meta-analysis' patients";
  auto status = json_of({"status", "--json", "--review", review()});
  EXPECT_EQ(status["characterised_studies"], 4);
  EXPECT_EQ(status["rob_studies"], 4);
  const std::string html = read_file(dir_->path() / "out/report/report.html");
  for (const char* s : {"<th>Participants</th>", "N = 1440 randomised", "Registration: NCT03914625",
                        "Comparator: HC3 consolidation chemotherapy before HSCT",
                        // PRISMA 16b: the one report excluded at full text, with its reason.
                        "PMID 39047240. doi:10.1056/nejmoa2312948</td><td>Wrong population</td>",
                        // Summary of findings: the abstract's 2,011 patients, absolute effects per 1,000.
                        "<td>Disease-free survival (events)</td><td>4 studies (2,011 participants)</td>",
                        "<td>240 per 1,000</td>"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
}

TEST_F(BlinatumomabExampleTest, BadCharacteristicsFileChangesNothing) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  const auto before = run_prismaflow({"extract", "export", "--characteristics", "--review", review()});
  const auto bad = dir_->path() / "bad-characteristics.csv";
  write_file_atomic(bad, "study,design,n_randomised\nBrown 2021,RCT,210\nGupta 2025,RCT,about 1440\n");
  auto r = run_prismaflow({"extract", "import", bad.string(), "--review", review()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad-characteristics.csv:3: column 'n_randomised' holds 'about 1440'"), std::string::npos)
      << r.err;
  write_file_atomic(bad, "study,design\nBrown 2021,cluster RCT\nNobody 1999,RCT\n");
  r = run_prismaflow({"extract", "import", bad.string(), "--review", review()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad-characteristics.csv:3: study 'Nobody 1999' is not an included study"),
            std::string::npos)
      << r.err;
  const auto after = run_prismaflow({"extract", "export", "--characteristics", "--review", review()});
  EXPECT_EQ(before.out, after.out) << "Brown 2021 (line 2) must not have been written";
  r = run_prismaflow({"extract", "export", "--rob", "--characteristics", "--review", review()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST_F(BlinatumomabExampleTest, ExtractorsCharacteristicsAreCompared) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  auto r = run_prismaflow({"extract", "compare", "--characteristics", "--review", review()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto two = dir_->path() / "two-extractors.csv";
  write_file_atomic(two,
                    "study,extractor,design,n_randomised\n"
                    "Hogan 2023,ann,RCT,255\n"
                    "Hogan 2023,bob,RCT,250\n");
  r = run_prismaflow({"extract", "import", two.string(), "--review", review()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_prismaflow({"extract", "compare", "--characteristics", "--review", review()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "study,field,extractor_a,value_a,extractor_b,value_b\n"
                   "Hogan 2023,n_randomised,ann,255,bob,250\n");
  r = run_prismaflow({"extract", "compare", "--rob", "--review", review()});
  EXPECT_EQ(r.exit_code, 0) << "the example's judgements are all agreed rows: " << r.out;
}

}  // namespace
}  // namespace prismaflow::test
