// Stopping guidance on a real review database: which records count (the
// stage's pool, one entry per record, in the order first decided), both rules
// as sentences and JSON, and `screen stopping` as a user runs it.
#include "screen/stopping_guidance.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "db/database.hpp"
#include "screen/screening_store.hpp"
#include "tests/screen/screen_fixture.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::screen {
namespace {

class StoppingGuidanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<db::Database>(db::Database::open(dir_ / "review.db", true));
    test::seed_records(*db_);
  }
  void decide(std::int64_t record, const std::string& who, Decision dec, int second,
              Stage stage = Stage::kTitleAbstract) {
    const std::string reason = dec == Decision::kExclude ? "Wrong population" : "";
    record_decision(*db_, protocol_, {record, stage, who, Role::kReviewer, dec, reason, "",
                                      "2024-01-01T00:00:" + std::to_string(10 + second) + "Z"},
                    "test");
  }

  test::TempDir dir_;
  std::unique_ptr<db::Database> db_;
  Protocol protocol_ = test::screening_protocol(2);
};

TEST_F(StoppingGuidanceTest, OneEntryPerRecordOfTheStageInTheOrderFirstDecided) {
  decide(4, "ann", Decision::kExclude, 1);
  decide(1, "ann", Decision::kInclude, 2);
  decide(4, "bob", Decision::kExclude, 3);  // a second reviewer: still one record
  decide(2, "bob", Decision::kExclude, 4);
  decide(2, "ann", Decision::kInclude, 5);  // one include makes the record found
  decide(6, "ann", Decision::kInclude, 6);  // 6 is a duplicate of 1: not in the pool
  decide(5, "ann", Decision::kMaybe, 7);    // no include or exclude yet: not decided
  const StageDecisions s = load_stage_decisions(*db_, protocol_, Stage::kTitleAbstract);
  // Records 1-5 and 7 enter screening (6 is a duplicate; no automation rule was applied).
  EXPECT_EQ(s.pool, 6);
  EXPECT_EQ(s.relevant_in_order, (std::vector<bool>{false, true, true}));
  // Full text: only records included at title/abstract by both reviewers.
  decide(1, "bob", Decision::kInclude, 8);
  const StageDecisions ft = load_stage_decisions(*db_, protocol_, Stage::kFullText);
  EXPECT_EQ(ft.pool, 1);
  EXPECT_TRUE(ft.relevant_in_order.empty());
}

TEST(StoppingAssessment, BothRulesAsSentencesAndJson) {
  StageDecisions s;
  s.pool = 100;
  s.relevant_in_order.assign(10, true);
  s.relevant_in_order.insert(s.relevant_in_order.end(), 40, false);
  StoppingOptions o;
  o.consecutive_exclusions = 30;
  StoppingAssessment a = assess_stopping(s, Stage::kTitleAbstract, o);
  EXPECT_TRUE(a.heuristic_met);
  EXPECT_FALSE(a.statistical.met);
  const std::string text = stopping_guidance_text(a);
  EXPECT_NE(text.find("50 of 100 records decided (50%), 10 included, the last 40 decisions were "
                      "exclusions"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Heuristic (at least 50% screened and 30 consecutive exclusions): met"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("recall is below 95% is p = 0.556 (the last 40 decisions"), std::string::npos) << text;
  EXPECT_NE(text.find("not met at the 95% level: keep screening"), std::string::npos) << text;
  const auto j = nlohmann::json::parse(stopping_guidance_json(a));
  EXPECT_EQ(j["stage"], "ta");
  EXPECT_EQ(j["records"], 100);
  EXPECT_EQ(j["heuristic"]["met"], true);
  EXPECT_NEAR(j["statistical"]["p_value"].get<double>(), 50.0 / 90, 1e-12);
  EXPECT_EQ(j["statistical"]["sample"], 40);
  EXPECT_EQ(j["statistical"]["met"], false);

  o.consecutive_exclusions = 100;
  s.relevant_in_order.resize(20);  // 10 found, 10 exclusions: short of both
  a = assess_stopping(s, Stage::kTitleAbstract, o);
  EXPECT_NE(stopping_guidance_text(a).find("not met yet: keep screening (30 more decisions to reach "
                                           "the minimum share, and 90 more consecutive exclusions)"),
            std::string::npos)
      << stopping_guidance_text(a);
  o.min_share_screened = 1.5;
  EXPECT_THROW_MSG(assess_stopping(s, Stage::kTitleAbstract, o), UsageError, "minimum share");
}

TEST(ScreenStoppingCommand, SaysHowFarEachRuleIsAndWritesNothing) {
  test::TempDir dir;
  ASSERT_EQ(test::run_prismaflow({"init", dir.path().string(), "--title", "T"}).exit_code, 0);
  test::write_text(dir / "review.toml", test::screening_toml());
  {
    auto db = db::Database::open(dir / "review.db");
    test::seed_records(db);
    for (std::int64_t id : {1, 2, 4})
      record_decision(db, test::screening_protocol(), {id, Stage::kTitleAbstract, "ann", Role::kReviewer,
                                                       id == 1 ? Decision::kInclude : Decision::kExclude,
                                                       id == 1 ? "" : "Wrong population", "", ""},
                      "test");
  }
  const std::string review = dir.path().string();
  auto r = test::run_prismaflow({"screen", "stopping", "--review", review, "--run", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3 of 6 records decided (50%), 1 included, the last 2 decisions were "
                       "exclusions"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Heuristic (at least 50% screened and 2 consecutive exclusions): met"),
            std::string::npos)
      << r.out;
  auto j = test::run_prismaflow({"screen", "stopping", "--review", review, "--json", "--recall", "0.9"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto parsed = nlohmann::json::parse(j.out);
  EXPECT_EQ(parsed["decided"], 3);
  EXPECT_EQ(parsed["statistical"]["recall_target"], 0.9);
  // Batch screening in relevance order shows the same guidance on stderr.
  auto next = test::run_prismaflow({"screen", "next", "--review", review, "--reviewer", "bob",
                                    "--order", "relevance"});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_NE(next.err.find("Stopping guidance at title/abstract"), std::string::npos) << next.err;
  EXPECT_NE(next.err.find("3 of 6 records decided"), std::string::npos) << next.err;
  auto bad = test::run_prismaflow({"screen", "stopping", "--review", review, "--confidence", "1"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("confidence"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace prismaflow::screen
