// The screen, study and prisma commands as a user runs them: exit codes,
// messages naming file and line, and an unchanged database after bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "db/database.hpp"
#include "tests/screen/screen_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

const std::string kHeader = "record_id,pmid,stage,reviewer,decision,reason,note,time\n";

class ScreenCliTest : public ::testing::Test {
 protected:
  void SetUp() override { make_review(1); }
  void make_review(int reviewers, bool blind = true) {
    ASSERT_EQ(run_prismaflow({"init", dir_.path().string(), "--title", "T"}).exit_code, 0);
    write_text(dir_ / "review.toml", screening_toml(reviewers, blind));
    auto db = db::Database::open(dir_ / "review.db");
    seed_records(db);
  }
  CommandResult run(std::vector<std::string> args) {
    args.push_back("--review");
    args.push_back(dir_.path().string());
    return run_prismaflow(args);
  }
  std::int64_t count(const std::string& sql) {
    auto db = db::Database::open(dir_ / "review.db");
    return db.query_int(sql).value_or(-1);
  }
  std::string file(const std::string& name, const std::string& text) {
    write_text(dir_ / name, text);
    return (dir_ / name).string();
  }
  TempDir dir_;
};

TEST_F(ScreenCliTest, ImportExportRoundTrip) {
  auto f = file("d.csv", kHeader + "1,,ta,ann,include,,,\n,1002,ta,ann,exclude,Animal study,n1,\n");
  auto r = run({"screen", "import", f});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 decision(s) recorded"), std::string::npos);
  EXPECT_NE(r.out.find("reason added to the list (not in review.toml): Animal study"), std::string::npos);
  auto e = run({"screen", "export"});
  ASSERT_EQ(e.exit_code, 0);
  EXPECT_EQ(e.out.substr(0, kHeader.size()), kHeader);
  EXPECT_NE(e.out.find("2,1002,ta,ann,exclude,Animal study,n1,"), std::string::npos);
  // Re-importing the export changes nothing.
  auto again = run({"screen", "import", file("e.csv", e.out)});
  EXPECT_NE(again.out.find("0 decision(s) recorded, 2 unchanged"), std::string::npos) << again.out;
}

TEST_F(ScreenCliTest, BadRowsAreReportedByLineAndNothingIsWritten) {
  const auto events_before = count("SELECT count(*) FROM events");  // init logs its own
  auto unknown = run({"screen", "import", file("d.csv", kHeader + "1,,ta,ann,include,,,\n77,,ta,ann,include,,,\n")});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("d.csv:3: no record with record_id 77"), std::string::npos) << unknown.err;
  auto stage = run({"screen", "import", file("s.csv", kHeader + "1,,ta,ann,include,,,\n2,,qa,ann,include,,,\n")});
  EXPECT_EQ(stage.exit_code, 1);
  EXPECT_NE(stage.err.find("s.csv:3: unknown stage 'qa'"), std::string::npos) << stage.err;
  auto ft = run({"screen", "import", file("f.csv", kHeader + "2,,ft,ann,include,,,\n")});
  EXPECT_EQ(ft.exit_code, 1);
  EXPECT_NE(ft.err.find("f.csv:2: record 2 is not included at title/abstract"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM events"), events_before);
}

TEST_F(ScreenCliTest, RayyanAndAsreviewImports) {
  auto r = run({"screen", "import", (source_dir() / "tests/data/screen/rayyan_articles.csv").string(),
                "--format", "rayyan"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions WHERE reviewer IN ('alice','bob')"), 3);
  auto noname = run({"screen", "import", "x.csv", "--format", "asreview"});
  EXPECT_EQ(noname.exit_code, 2);
  auto a = run({"screen", "import", (source_dir() / "tests/data/screen/asreview_export.csv").string(),
                "--format", "asreview", "--reviewer", "asr"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions WHERE reviewer = 'asr' AND record_id = 2 AND decision = 'exclude'"), 1);
}

TEST_F(ScreenCliTest, NextListsTheQueue) {
  auto r = run({"screen", "next", "--reviewer", "ann", "--count", "2", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["record_id"], 1);
  EXPECT_EQ(j[1]["pmid"], "1002");
  auto noreviewer = run({"screen", "next"});
  EXPECT_EQ(noreviewer.exit_code, 2);
  EXPECT_NE(noreviewer.err.find("--reviewer"), std::string::npos);
  auto rnd = run({"screen", "next", "--reviewer", "ann", "--order", "random", "--count", "0", "--json"});
  ASSERT_EQ(rnd.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(rnd.out).size(), 6u);  // same records, another order
}

TEST_F(ScreenCliTest, NextByRelevanceTakesTheRankingModelAndRecordsIt) {
  auto f = file("d.csv", kHeader + "1,,ta,bob,include,,,\n2,,ta,bob,exclude,Animal study,,\n");
  ASSERT_EQ(run({"screen", "import", f}).exit_code, 0);
  auto r = run({"screen", "next", "--reviewer", "ann", "--order", "relevance", "--model",
                "logistic", "--uncertain-share", "0.2", "--count", "0", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The four undecided records (one reviewer per record: bob's two are final), reordered.
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 4u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ranking_runs WHERE model = 'logistic' AND "
                  "settings_json LIKE '%\"uncertain_share\":0.2%'"),
            1);
  auto bad = run({"screen", "next", "--reviewer", "ann", "--order", "relevance", "--model", "forest"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown model 'forest'"), std::string::npos) << bad.err;
  auto share = run({"screen", "next", "--reviewer", "ann", "--uncertain-share", "1.5"});
  EXPECT_EQ(share.exit_code, 2);
}

// review.toml's [screening.ranking] sets how the team ranks; an option on
// the command line still wins, and a wrong value names the file and line.
TEST_F(ScreenCliTest, NextByRelevanceFollowsTheProtocolsRankingSettings) {
  auto f = file("d.csv", kHeader + "1,,ta,bob,include,,,\n2,,ta,bob,exclude,Animal study,,\n");
  ASSERT_EQ(run({"screen", "import", f}).exit_code, 0);
  write_text(dir_ / "review.toml", screening_toml(1, true) +
                                       "\n[screening.ranking]\nalpha = 0.25\nngram = 1\n"
                                       "split_title_abstract = true\nuncertain_share = 0.1\n");
  auto r = run({"screen", "next", "--reviewer", "ann", "--order", "relevance", "--count", "0", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 4u);
  auto recorded = [&] {
    auto db = db::Database::open(dir_ / "review.db");
    auto st = db.prepare("SELECT settings_json FROM ranking_runs ORDER BY ranking_id DESC LIMIT 1");
    EXPECT_TRUE(st.step());
    return nlohmann::json::parse(st.get_text(0));
  };
  const auto j = recorded();
  EXPECT_EQ(j["nb_alpha"], 0.25);
  EXPECT_EQ(j["features"]["ngram_max"], 1);
  EXPECT_EQ(j["features"]["fields"], "title|abstract+keywords");
  EXPECT_EQ(j["uncertain_share"], 0.1);
  auto over = run({"screen", "next", "--reviewer", "ann", "--order", "relevance", "--model", "logistic",
                   "--uncertain-share", "0", "--count", "1"});
  ASSERT_EQ(over.exit_code, 0) << over.err;
  const auto k = recorded();
  EXPECT_EQ(k["model"], "logistic");
  EXPECT_EQ(k["uncertain_share"], 0.0);
  EXPECT_EQ(k["features"]["ngram_max"], 1);  // the protocol's features stay

  const std::int64_t runs = count("SELECT COUNT(*) FROM ranking_runs");
  write_text(dir_ / "review.toml", screening_toml(1, true) + "\n[screening.ranking]\nmin_df = 0\n");
  auto bad = run({"screen", "next", "--reviewer", "ann", "--order", "relevance"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("review.toml:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("[screening.ranking] min_df: must be a whole number from 1"),
            std::string::npos) << bad.err;
  EXPECT_EQ(count("SELECT COUNT(*) FROM ranking_runs"), runs);  // nothing recorded
}

TEST_F(ScreenCliTest, InteractiveScreenerRefusesWithoutATerminal) {
  auto r = run({"screen", "--reviewer", "ann"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("screen next"), std::string::npos);
  EXPECT_EQ(run({"screen", "frobnicate"}).exit_code, 2);
}

TEST_F(ScreenCliTest, AutomateMarksRecordsIneligible) {
  auto r = run({"screen", "automate"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 new"), std::string::npos);
  auto p = run({"prisma", "--json"});
  EXPECT_EQ(nlohmann::json::parse(p.out)["excluded_automatic"], 1);
}

TEST_F(ScreenCliTest, TeamConflictsResolveAndAgreement) {
  write_text(dir_ / "review.toml", screening_toml(2));
  auto f = file("d.csv", kHeader +
                             "1,,ta,ann,include,,,\n1,,ta,bob,include,,,\n"
                             "2,,ta,ann,include,,,\n2,,ta,bob,exclude,Wrong population,,\n"
                             "4,,ta,ann,exclude,,,\n4,,ta,bob,exclude,,,\n");
  ASSERT_EQ(run({"screen", "import", f}).exit_code, 0);
  auto c = run({"screen", "conflicts", "--json"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  auto cj = nlohmann::json::parse(c.out);
  ASSERT_EQ(cj.size(), 1u);
  EXPECT_EQ(cj[0]["record_id"], 2);
  auto a = run({"screen", "agreement", "--stage", "ta", "--json"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto aj = nlohmann::json::parse(a.out);
  ASSERT_EQ(aj.size(), 1u);
  EXPECT_EQ(aj[0]["n"], 3);
  EXPECT_NEAR(aj[0]["percent_agreement"].get<double>(), 200.0 / 3.0, 1e-9);
  // ann: inc, inc, exc; bob: inc, exc, exc -> po 2/3, pe (2/3*1/3 + 1/3*2/3) = 4/9, kappa 0.4.
  EXPECT_NEAR(aj[0]["kappa"].get<double>(), 0.4, 1e-9);
  auto bad = run({"screen", "resolve", "99", "--stage", "ta", "--decision", "include", "--reviewer", "cat"});
  EXPECT_EQ(bad.exit_code, 1);
  auto missing = run({"screen", "resolve", "2", "--decision", "include", "--reviewer", "cat"});
  EXPECT_EQ(missing.exit_code, 2);
  auto res = run({"screen", "resolve", "2", "--stage", "ta", "--decision", "exclude", "--reason",
                  "Wrong population", "--reviewer", "cat"});
  ASSERT_EQ(res.exit_code, 0) << res.err;
  EXPECT_EQ(nlohmann::json::parse(run({"screen", "conflicts", "--json"}).out).size(), 0u);
}

TEST_F(ScreenCliTest, PrismaCountsCheckAndFiles) {
  run({"screen", "automate"});
  auto f = file("d.csv", kHeader + "1,,ta,ann,include,,,\n2,,ta,ann,exclude,,,\n4,,ta,ann,include,,,\n");
  ASSERT_EQ(run({"screen", "import", f}).exit_code, 0);
  auto check = run({"prisma", "--check"});
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.out.find("records screened = identified - removed before screening"), std::string::npos);
  EXPECT_NE(check.out.find(": 5"), std::string::npos) << check.out;  // record 5 not screened
  auto more = file("m.csv", kHeader + "5,,ta,ann,exclude,,,\n7,,ta,ann,exclude,,,\n"
                                      "1,,ft,ann,include,,,\n4,,ft,ann,exclude,Wrong intervention,,\n");
  ASSERT_EQ(run({"screen", "import", more}).exit_code, 0);
  auto ok = run({"prisma", "--check"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  auto j = nlohmann::json::parse(run({"prisma", "--json"}).out);
  EXPECT_EQ(j["database_results"], 6);
  EXPECT_EQ(j["duplicates"], 1);
  EXPECT_EQ(j["records_screened"], 4);
  EXPECT_EQ(j["records_excluded"], 2);
  EXPECT_EQ(j["dbr_sought_reports"], 2);
  EXPECT_EQ(j["dbr_assessed"], 2);
  EXPECT_EQ(j["new_studies"], 1);
  auto csv = run({"prisma", "--csv"});
  EXPECT_EQ(csv.out.substr(0, 40), "data,node,box,description,boxtext,toolti");
  EXPECT_NE(csv.out.find("dbr_excluded,node14,box9"), std::string::npos);
  auto svg = run({"prisma", "--svg", (dir_ / "flow.svg").string()});
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  std::ifstream in(dir_ / "flow.svg");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("<svg"), std::string::npos);
  EXPECT_EQ(run({"prisma", "--json", "--csv"}).exit_code, 2);
}

TEST_F(ScreenCliTest, StudyLinkListUnlink) {
  auto r = run({"study", "link", "1", "4", "--study", "Smith 2020"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(run({"study", "list"}).out.find("Smith 2020: 1 4"), std::string::npos);
  auto bad = run({"study", "link", "1", "99", "--study", "X"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("record 99 does not exist"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM studies"), 1);
  EXPECT_EQ(run({"study", "link", "1"}).exit_code, 2);
  ASSERT_EQ(run({"study", "unlink", "4"}).exit_code, 0);
  EXPECT_NE(run({"study", "list"}).out.find("Smith 2020: 1\n"), std::string::npos);
}

// Two reviewers' processes writing at the same time lose no decision (WAL,
// busy timeout and BEGIN IMMEDIATE in db/).
TEST_F(ScreenCliTest, ConcurrentReviewersLoseNoDecision) {
  constexpr int kRounds = 8;
  auto worker = [&](const std::string& who) {
    for (int i = 0; i < kRounds; ++i) {
      std::string rows;
      for (int id : {1, 2, 4, 5}) {
        rows += std::to_string(id) + ",,ta," + who + "," + (i % 2 ? "include" : "exclude") + ",,round " +
                std::to_string(i) + ",\n";
      }
      auto name = who + std::to_string(i) + ".csv";
      write_text(dir_ / name, kHeader + rows);
      auto r = run_prismaflow({"screen", "import", (dir_ / name).string(), "--review", dir_.path().string()});
      EXPECT_EQ(r.exit_code, 0) << r.err;
    }
  };
  std::thread a(worker, "ann"), b(worker, "bob");
  a.join();
  b.join();
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions"), 2 * kRounds * 4);
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions WHERE superseded = 0"), 8);
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE entity = 'screening_decision'"), 2 * kRounds * 4);
}

}  // namespace
}  // namespace prismaflow::test
