// The prioritiser on a real temporary review database.
#include "screen/prioritiser.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "db/database.hpp"
#include "screen/feature_cache_file.hpp"
#include "screen/ranking_store.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::screen {
namespace {

class PrioritiserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<db::Database>(db::Database::open(dir_ / "review.db", true));
    db_->run("INSERT INTO sources(source_id, name, kind, created_at) VALUES (1, 'pubmed', "
             "'database', '2024-01-01T00:00:00Z')");
    // Ten statin trials (relevant) and ten bird papers (irrelevant), interleaved.
    for (int i = 1; i <= 20; ++i) {
      const bool statin = i % 2 == 1;
      const std::string title = statin ? "Statin therapy trial in heart failure patients " +
                                             std::to_string(i)
                                       : "Songbird migration and plumage in spring " +
                                             std::to_string(i);
      const std::string abstract = statin ? "Randomised trial of statin cholesterol lowering"
                                          : "Field observation of bird song and nesting";
      db_->run("INSERT INTO records(record_id, source_id, title, abstract, keywords, added_at) "
               "VALUES (?, 1, ?, ?, ?, '2024-01-01T00:00:00Z')",
               std::int64_t{i}, title, abstract, statin ? "cardiology" : "ornithology");
    }
  }
  void decide(std::int64_t id, const char* decision, const char* reviewer = "ann",
              int superseded = 0, const char* role = "reviewer") {
    db_->run("INSERT INTO screening_decisions(record_id, stage, reviewer, role, decision, "
             "decided_at, superseded) VALUES (?, 'ta', ?, ?, ?, ?, ?)",
             id, reviewer, role, decision, "2024-01-01T00:00:" + std::to_string(10 + id) + "Z",
             superseded);
  }
  std::int64_t runs() { return *db_->query_int("SELECT COUNT(*) FROM ranking_runs"); }
  static std::vector<std::int64_t> ids(const std::vector<RankedRecord>& r) {
    std::vector<std::int64_t> out;
    for (const auto& x : r) out.push_back(x.record_id);
    return out;
  }

  test::TempDir dir_;
  std::unique_ptr<db::Database> db_;
};

TEST_F(PrioritiserTest, WithoutBothKindsOfDecisionTheOrderIsRandomButFixedBySeed) {
  decide(1, "include");  // one include, no exclude: still the fallback
  std::vector<std::int64_t> candidates;
  for (std::int64_t i = 2; i <= 20; ++i) candidates.push_back(i);
  const auto a = prioritise(*db_, Stage::kTitleAbstract, candidates, {"nb", 0.0, 7, {}});
  const auto b = prioritise(*db_, Stage::kTitleAbstract, candidates, {"nb", 0.0, 7, {}});
  std::vector<std::int64_t> reversed(candidates.rbegin(), candidates.rend());
  const auto c = prioritise(*db_, Stage::kTitleAbstract, reversed, {"nb", 0.0, 7, {}});
  const auto d = prioritise(*db_, Stage::kTitleAbstract, candidates, {"nb", 0.0, 8, {}});
  EXPECT_EQ(ids(a), ids(b));
  EXPECT_EQ(ids(a), ids(c));  // the caller's listing order does not matter
  EXPECT_NE(ids(a), ids(d));
  EXPECT_NE(ids(a), candidates);
  auto sorted = ids(a);
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, candidates);
  EXPECT_EQ(runs(), 4);
  EXPECT_EQ(db_->query_int("SELECT COUNT(*) FROM ranking_runs WHERE model = 'random' AND "
                           "n_included = 1 AND n_excluded = 0"),
            4);
}

TEST_F(PrioritiserTest, AfterDecisionsRelevantRecordsRiseAndEveryCandidateComesBackOnce) {
  decide(1, "include");
  decide(3, "include");
  decide(2, "exclude");
  decide(4, "exclude");
  decide(6, "maybe");                      // not a label
  decide(8, "include", "ann", 1);          // superseded: not a label
  decide(10, "include", "bob");            // reviewers disagree: left out
  decide(10, "exclude", "cy");
  std::vector<std::int64_t> candidates;
  for (std::int64_t i = 5; i <= 20; ++i) candidates.push_back(i);
  for (const char* model : {"nb", "logistic"}) {
    const auto ranked = prioritise(*db_, Stage::kTitleAbstract, candidates, {model, 0.0, 42, {}});
    ASSERT_EQ(ranked.size(), candidates.size());
    const std::vector<std::int64_t> order = ids(ranked);
    const std::set<std::int64_t> seen(order.begin(), order.end());
    EXPECT_EQ(seen.size(), candidates.size());
    // The first eight are exactly the eight statin records among the candidates.
    for (std::size_t k = 0; k < 8; ++k) EXPECT_EQ(ranked[k].record_id % 2, 1) << model << " " << k;
    EXPECT_GT(ranked.front().score, 0.5);
    EXPECT_LT(ranked.back().score, 0.5);
    for (std::size_t k = 1; k < ranked.size(); ++k) EXPECT_GE(ranked[k - 1].score, ranked[k].score);
  }
  auto st = db_->prepare("SELECT model, n_included, n_excluded, decisions_sha256, settings_json "
                         "FROM ranking_runs ORDER BY ranking_id");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_text(0), "nb");
  EXPECT_EQ(st.get_int(1), 2);
  EXPECT_EQ(st.get_int(2), 2);
  EXPECT_EQ(st.get_text(3), labels_sha256({{1, true}, {2, false}, {3, true}, {4, false}}));
  EXPECT_NE(st.get_text(4).find("\"ngram_max\":2"), std::string::npos);
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_text(0), "logistic");
  EXPECT_EQ(*db_->query_int("SELECT COUNT(*) FROM events WHERE entity = 'ranking_run'"), 2);
}

TEST_F(PrioritiserTest, AutoRanksWithALeaderChosenOnTheDecisionsAndRecordsIt) {
  for (std::int64_t id : {1, 3, 5}) decide(id, "include");
  for (std::int64_t id : {2, 4, 6}) decide(id, "exclude");
  std::vector<std::int64_t> candidates;
  for (std::int64_t i = 7; i <= 20; ++i) candidates.push_back(i);
  const auto ranked = prioritise(*db_, Stage::kTitleAbstract, candidates, {"auto", 0.0, 42, {}});
  ASSERT_EQ(ranked.size(), candidates.size());
  for (std::size_t k = 0; k < 7; ++k) EXPECT_EQ(ranked[k].record_id % 2, 1) << k;
  auto st = db_->prepare("SELECT model, settings_json FROM ranking_runs");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_text(0), "auto");
  const auto j = nlohmann::json::parse(st.get_text(1));
  EXPECT_EQ(j["features"]["min_df"], 1);  // auto's own features
  ASSERT_TRUE(j.contains("leader"));
  const std::size_t leader = j["leader"]["candidate"];
  EXPECT_LT(leader, j["portfolio"]["candidates"].size());
  EXPECT_EQ(j["leader"]["nb_alpha"], j["portfolio"]["candidates"][leader]["nb_alpha"]);
  EXPECT_EQ(j["leader"]["merit"].size(), j["portfolio"]["candidates"].size());  // 3 inclusions: chosen
}

TEST_F(PrioritiserTest, FeaturesAreCachedBesideTheDatabaseAndRebuiltWhenTextChanges) {
  decide(1, "include");
  decide(2, "exclude");
  std::vector<std::int64_t> candidates;
  for (std::int64_t i = 3; i <= 20; ++i) candidates.push_back(i);
  const auto cache = feature_cache_path(dir_ / "review.db");
  EXPECT_FALSE(std::filesystem::exists(cache));
  const auto first = prioritise(*db_, Stage::kTitleAbstract, candidates, {});
  ASSERT_TRUE(std::filesystem::exists(cache));
  const auto written = std::filesystem::last_write_time(cache);
  const auto again = prioritise(*db_, Stage::kTitleAbstract, candidates, {});
  EXPECT_EQ(std::filesystem::last_write_time(cache), written);  // read, not rebuilt
  ASSERT_EQ(again.size(), first.size());
  for (std::size_t k = 0; k < first.size(); ++k) {
    EXPECT_EQ(again[k].record_id, first[k].record_id);
    EXPECT_EQ(again[k].score, first[k].score);  // the cache is exact
  }
  // Record 20 (a bird paper) now reads like the included statin trial: the
  // cache no longer matches, the features are rebuilt and it is predicted relevant.
  db_->run("UPDATE records SET title = 'Statin therapy trial in heart failure patients', "
           "abstract = 'Randomised trial of statin cholesterol lowering', keywords = "
           "'cardiology' WHERE record_id = 20");
  const auto changed = prioritise(*db_, Stage::kTitleAbstract, candidates, {});
  auto score_of_20 = [](const std::vector<RankedRecord>& r) {
    return std::find_if(r.begin(), r.end(), [](const RankedRecord& x) { return x.record_id == 20; })
        ->score;
  };
  EXPECT_LT(score_of_20(first), 0.5);
  EXPECT_GT(score_of_20(changed), 0.5);
  // A damaged cache file is rebuilt, not trusted.
  test::write_text(cache, "garbage");
  const auto rebuilt = prioritise(*db_, Stage::kTitleAbstract, candidates, {});
  ASSERT_EQ(rebuilt.size(), changed.size());
  for (std::size_t k = 0; k < rebuilt.size(); ++k)
    EXPECT_EQ(rebuilt[k].record_id, changed[k].record_id);
}

TEST_F(PrioritiserTest, UncertainShareMarksItsPicks) {
  decide(1, "include");
  decide(2, "exclude");
  std::vector<std::int64_t> candidates;
  for (std::int64_t i = 3; i <= 20; ++i) candidates.push_back(i);
  const auto ranked = prioritise(*db_, Stage::kTitleAbstract, candidates, {"nb", 0.25, 1, {}});
  ASSERT_EQ(ranked.size(), candidates.size());
  const auto picks = std::count_if(ranked.begin(), ranked.end(),
                                   [](const RankedRecord& r) { return r.uncertain_pick; });
  EXPECT_EQ(picks, 18 / 4);  // floor(18 * 0.25)
  EXPECT_FALSE(ranked[0].uncertain_pick);
  EXPECT_TRUE(ranked[3].uncertain_pick);
}

TEST_F(PrioritiserTest, BadOptionsWriteNothing) {
  EXPECT_THROW_MSG(prioritise(*db_, Stage::kTitleAbstract, {1, 2}, {"forest", 0.0, 1, {}}), UsageError,
                   "unknown model 'forest'");
  EXPECT_THROW_MSG(prioritise(*db_, Stage::kTitleAbstract, {1, 2}, {"nb", 1.5, 1, {}}), UsageError,
                   "[0, 1)");
  EXPECT_EQ(runs(), 0);
}

}  // namespace
}  // namespace prismaflow::screen
