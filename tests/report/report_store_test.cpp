// report_data_store and the report/verify commands against a real review:
// `prismaflow init` makes it, rows are written into its SQLite file as the
// stages would, the analyses come from the real meta-analysis engine.
#include "report/report_data_store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "analyze/analysis_store.hpp"
#include "analyze/meta_analysis.hpp"
#include "common/file.hpp"
#include "common/protocol.hpp"
#include "db/database.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::report {
namespace {

const std::map<std::string, std::string> kEnv = {{"PRISMAFLOW_NOW", "2025-03-31T12:00:00Z"}};

void build_review(const std::filesystem::path& dir) {
  auto r = test::run_prismaflow({"init", dir.string(), "--title", "Test <review> & co"}, "", kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto db = db::Database::open(dir / "review.db");
  db.exec(R"sql(
    INSERT INTO sources(source_id, name, kind, created_at) VALUES (1, 'PubMed', 'database', '2025-01-01');
    INSERT INTO searches(search_id, source_id, name, query, created_at) VALUES (1, 1, 'main', 'blinatumomab[tiab]', '2025-01-01');
    INSERT INTO search_runs(run_id, search_id, kind, status, started_at, finished_at, query_sent, count)
      VALUES (1, 1, 'initial', 'complete', '2025-01-01T00:00:00Z', '2025-01-01T00:01:00Z', 'blinatumomab[tiab]', 3);
    INSERT INTO records(record_id, source_id, run_id, pmid, title, authors, year, journal, added_at) VALUES
      (1, 1, 1, '111', 'Trial A <b>bold</b>', 'Smith J; Jones K', 2021, 'JAMA', '2025-01-01'),
      (2, 1, 1, '222', 'Trial B', 'Brown P', 2021, 'JAMA', '2025-01-01'),
      (3, 1, 1, '333', 'Trial C', 'Gupta S', 2025, 'NEJM', '2025-01-01');
    INSERT INTO studies(study_id, name, created_at) VALUES (1, 'Smith 2021', 'x'), (2, 'Brown 2021', 'x'), (3, 'Gupta 2025', 'x');
    INSERT INTO study_reports(record_id, study_id, linked_at) VALUES (1, 1, 'x'), (2, 2, 'x'), (3, 3, 'x');
    INSERT INTO screening_decisions(record_id, stage, reviewer, decision, decided_at) VALUES
      (1, 'ft', 'ann', 'include', 'x'), (2, 'ft', 'ann', 'include', 'x'), (3, 'ft', 'ann', 'include', 'x');
    INSERT INTO outcomes(outcome_id, name, label, data_type) VALUES (1, 'dfs', 'Disease-free survival events', 'binary');
    INSERT INTO outcome_data(study_id, outcome_id, events_t, total_t, events_c, total_c) VALUES
      (1, 1, 20, 54, 36, 54), (2, 1, 40, 105, 55, 103), (3, 1, 30, 700, 60, 702);
    INSERT INTO risk_of_bias(study_id, domain, judgement) VALUES (1, 'D1', 'low'), (2, 'D1', 'some concerns'), (3, 'D1', 'high');
  )sql");
  std::vector<analyze::MetaStudyInput> rows = {
      {"Smith 2021", "", analyze::BinaryCounts{20, 54, 36, 54}, 0},
      {"Brown 2021", "", analyze::BinaryCounts{40, 105, 55, 103}, 0},
      {"Gupta 2025", "", analyze::BinaryCounts{30, 700, 60, 702}, 0}};
  analyze::MetaOptions opt;
  auto result = analyze::run_meta(rows, opt);
  auto json = analyze::to_json(result);
  json["robustness"] = analyze::to_json(analyze::robustness_table(rows, opt));
  db::Transaction tx(db);
  analyze::save_analysis(db, {"dfs", "RR", "REML", "z", 95, "hash", json, "prismaflow test"});
  tx.commit();
}

TEST(ReportStore, LoadsEverySection) {
  test::TempDir tmp;
  build_review(tmp / "rev");
  auto db = db::Database::open(tmp / "rev" / "review.db");
  Protocol protocol = parse_protocol(read_file(tmp / "rev" / "review.toml"), "review.toml");
  ReportData d = load_report_data(db, protocol);
  ASSERT_EQ(d.searches.size(), 1u);
  EXPECT_EQ(d.searches[0].count, 3);
  ASSERT_EQ(d.studies.size(), 3u);
  EXPECT_EQ(d.studies[0].name, "Brown 2021");
  EXPECT_NE(d.studies[2].reports[0].find("Smith J et al. Trial A"), std::string::npos);
  ASSERT_EQ(d.outcomes.size(), 1u);
  const auto& o = d.outcomes[0];
  EXPECT_EQ(o.label, "Disease-free survival events");
  ASSERT_TRUE(o.forest.overall);
  EXPECT_EQ(o.forest.overall->k, 3);
  ASSERT_EQ(o.forest.groups.size(), 1u);
  ASSERT_EQ(o.forest.groups[0].rows.size(), 3u);
  EXPECT_EQ(o.forest.groups[0].rows[0].events_t, 20) << "per-arm data joined by study name";
  EXPECT_TRUE(o.funnel);
  EXPECT_FALSE(o.robustness.empty());
  EXPECT_EQ(d.database_sha256.size(), 64u);
}

TEST(ReportStore, ContentHashIgnoresLayoutButSeesChanges) {
  test::TempDir tmp;
  build_review(tmp / "rev");
  auto db = db::Database::open(tmp / "rev" / "review.db");
  const std::string before = database_content_sha256(db);
  db.exec("VACUUM");
  EXPECT_EQ(database_content_sha256(db), before);
  db.exec("UPDATE records SET title = 'Changed' WHERE record_id = 2");
  EXPECT_NE(database_content_sha256(db), before);
}

TEST(ReportStore, ShowsTheAgreedCharacteristicsElseTheFirstExtractors) {
  test::TempDir tmp;
  build_review(tmp / "rev");
  auto db = db::Database::open(tmp / "rev" / "review.db");
  db.exec(R"sql(
    INSERT INTO study_characteristics(study_id, extractor, design, n_randomised) VALUES
      (2, 'ann', 'RCT (ann)', 208), (2, '', 'RCT (agreed)', 208), (3, 'bob', 'RCT (bob)', NULL),
      (3, 'carl', 'RCT (carl)', 1440);
  )sql");
  Protocol protocol = parse_protocol(read_file(tmp / "rev" / "review.toml"), "review.toml");
  ReportData d = load_report_data(db, protocol);
  ASSERT_EQ(d.studies.size(), 3u);
  ASSERT_TRUE(d.studies[0].characteristics);  // Brown 2021
  EXPECT_EQ(d.studies[0].characteristics->design, "RCT (agreed)");
  ASSERT_TRUE(d.studies[1].characteristics);  // Gupta 2025
  EXPECT_EQ(d.studies[1].characteristics->design, "RCT (bob)");
  EXPECT_FALSE(d.studies[1].characteristics->n_randomised.has_value());
  EXPECT_FALSE(d.studies[2].characteristics) << "Smith 2021 has none";
}

TEST(ReportStore, ListsOnlyStudiesIncludedAtFullText) {
  test::TempDir tmp;
  build_review(tmp / "rev");
  auto db = db::Database::open(tmp / "rev" / "review.db");
  // Gupta 2025's only report is now excluded at full text.
  db.exec("UPDATE screening_decisions SET superseded = 1 WHERE record_id = 3;"
          "INSERT INTO screening_decisions(record_id, stage, reviewer, decision, reason, decided_at)"
          " VALUES (3, 'ft', 'ann', 'exclude', 'Wrong population', 'y');");
  Protocol protocol = parse_protocol(read_file(tmp / "rev" / "review.toml"), "review.toml");
  ReportData d = load_report_data(db, protocol);
  ASSERT_EQ(d.studies.size(), 2u);
  EXPECT_EQ(d.studies[0].name, "Brown 2021");
  EXPECT_EQ(d.studies[1].name, "Smith 2021");
}

TEST(ReportCommand, WritesByteIdenticalFilesAndVerifyChecksThem) {
  test::TempDir tmp;
  build_review(tmp / "rev");
  const auto rev = (tmp / "rev").string(), out1 = (tmp / "out1").string(), out2 = (tmp / "out2").string();
  std::string hash_before;
  {
    auto db = db::Database::open(tmp / "rev" / "review.db");
    hash_before = database_content_sha256(db);
  }
  auto r1 = test::run_prismaflow({"report", "--review", rev, "--out", out1}, "", kEnv);
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  auto r2 = test::run_prismaflow({"report", "--review", rev, "--out", out2}, "", {{"PRISMAFLOW_NOW", "2030-01-01T00:00:00Z"}});
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  for (const char* f : {"report.html", "report.md", "figures/prisma.svg", "figures/forest-dfs.svg", "figures/funnel-dfs.svg"}) {
    ASSERT_TRUE(std::filesystem::exists(tmp / "out1" / f)) << f;
    EXPECT_EQ(read_file(tmp / "out1" / f), read_file(tmp / "out2" / f)) << f;
  }
  const std::string html = read_file(tmp / "out1" / "report.html");
  EXPECT_EQ(html.find("<b>bold</b>"), std::string::npos);
  EXPECT_NE(html.find("Test &lt;review&gt; &amp; co"), std::string::npos);
  {
    auto db = db::Database::open(tmp / "rev" / "review.db");
    EXPECT_EQ(database_content_sha256(db), hash_before) << "report must not change the database";
  }

  auto ok = test::run_prismaflow({"verify", "--review", rev, "--out", out1});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  std::ofstream(tmp / "out1" / "figures" / "forest-dfs.svg", std::ios::app) << "<!-- edited -->";
  std::filesystem::remove(tmp / "out1" / "report.md");
  auto bad = test::run_prismaflow({"verify", "--review", rev, "--out", out1});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("differs  " + (tmp / "out1" / "figures" / "forest-dfs.svg").string()), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("missing  " + (tmp / "out1" / "report.md").string()), std::string::npos) << bad.out;
  EXPECT_EQ(bad.out.find("report.html"), std::string::npos) << "unchanged files are not listed";
}

TEST(ReportCommand, UnreadableStoredAnalysisFailsWithoutWriting) {
  test::TempDir tmp;
  build_review(tmp / "rev");
  {
    auto db = db::Database::open(tmp / "rev" / "review.db");
    db.exec("UPDATE analyses SET result_json = '{\"k\": 3}'");
  }
  auto r = test::run_prismaflow({"report", "--review", (tmp / "rev").string(), "--out", (tmp / "out").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("analysis of outcome 'dfs'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rerun 'prismaflow analyze'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp / "out" / "report.html"));
}

TEST(ReportCommand, Help) {
  for (const char* cmd : {"report", "verify"}) {
    auto r = test::run_prismaflow({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find(std::string("prismaflow ") + cmd + " [--out DIR]"), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace prismaflow::report
