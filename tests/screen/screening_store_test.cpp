#include "screen/screening_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/error.hpp"
#include "db/event_log.hpp"
#include "screen/automation_rules.hpp"
#include "screen/decision_import_store.hpp"
#include "screen/prisma_ledger.hpp"
#include "screen/study_links.hpp"
#include "tests/screen/screen_fixture.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::screen {
namespace {

class ScreeningStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<db::Database>(db::Database::open(dir_ / "review.db", true));
    test::seed_records(*db_);
  }
  NewDecision d(std::int64_t record, const std::string& who, Decision dec,
                Stage stage = Stage::kTitleAbstract, const std::string& reason = "") {
    return {record, stage, who, Role::kReviewer, dec, reason, "", ""};
  }
  std::int64_t count(const std::string& sql) { return db_->query_int(sql).value_or(-1); }

  test::TempDir dir_;
  std::unique_ptr<db::Database> db_;
  Protocol protocol_ = test::screening_protocol();
};

TEST_F(ScreeningStoreTest, LaterDecisionSupersedesAndUndoRestores) {
  record_decision(*db_, protocol_, d(1, "ann", Decision::kExclude, Stage::kTitleAbstract, "Wrong population"), "t");
  record_decision(*db_, protocol_, d(1, "ann", Decision::kInclude), "t");
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions WHERE superseded = 0"), 1);
  auto cur = current_decisions(*db_);
  ASSERT_EQ(cur.size(), 1u);
  EXPECT_EQ(cur[0].decision, Decision::kInclude);
  EXPECT_EQ(undo_last_decision(*db_, Stage::kTitleAbstract, "ann", "t"), 1);
  cur = current_decisions(*db_);
  ASSERT_EQ(cur.size(), 1u);
  EXPECT_EQ(cur[0].decision, Decision::kExclude);  // the earlier decision is current again
  EXPECT_EQ(db::read_events(*db_, "screening_decision").size(), 3u);
}

TEST_F(ScreeningStoreTest, SameDecisionTwiceWritesOnce) {
  record_decision(*db_, protocol_, d(2, "ann", Decision::kInclude), "t");
  auto r = record_decision(*db_, protocol_, d(2, "ann", Decision::kInclude), "t");
  EXPECT_TRUE(r.unchanged);
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions"), 1);
}

TEST_F(ScreeningStoreTest, UnknownReasonIsAddedOnce) {
  auto r = record_decision(*db_, protocol_, d(2, "ann", Decision::kExclude, Stage::kTitleAbstract, "Animal study"), "t");
  EXPECT_TRUE(r.reason_added);
  EXPECT_EQ(count("SELECT count(*) FROM exclusion_reasons WHERE origin = 'added'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM exclusion_reasons WHERE origin = 'protocol'"), 2);
}

TEST_F(ScreeningStoreTest, InvalidDecisionsAreRefused) {
  EXPECT_THROW_MSG(record_decision(*db_, protocol_, d(99, "ann", Decision::kInclude), "t"),
                   InputError, "record 99 does not exist");
  EXPECT_THROW_MSG(record_decision(*db_, protocol_, d(1, "ann", Decision::kNotRetrieved), "t"),
                   InputError, "not_retrieved is a full-text decision");
  EXPECT_THROW_MSG(record_decision(*db_, protocol_, d(1, "ann", Decision::kInclude, Stage::kFullText), "t"),
                   InputError, "not included at title/abstract");
  record_decision(*db_, protocol_, d(1, "ann", Decision::kInclude), "t");
  EXPECT_THROW_MSG(record_decision(*db_, protocol_, d(1, "ann", Decision::kExclude, Stage::kFullText), "t"),
                   InputError, "needs a reason");
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions"), 1);
}

TEST_F(ScreeningStoreTest, QueueSkipsDuplicatesDecidedAndRuleExcludedRecords) {
  EXPECT_EQ(records_awaiting(*db_, protocol_, Stage::kTitleAbstract, "ann"),
            (std::vector<std::int64_t>{1, 2, 3, 4, 5, 7}));
  auto sum = apply_automation_rules(*db_, protocol_);
  EXPECT_EQ(sum.marked, 1);
  record_decision(*db_, protocol_, d(1, "ann", Decision::kInclude), "t");
  EXPECT_EQ(records_awaiting(*db_, protocol_, Stage::kTitleAbstract, "ann"),
            (std::vector<std::int64_t>{2, 4, 5, 7}));
  EXPECT_EQ(records_awaiting(*db_, protocol_, Stage::kFullText, "ann"), (std::vector<std::int64_t>{1}));
  // Re-running the rules changes nothing; dropping them releases the record.
  EXPECT_EQ(apply_automation_rules(*db_, protocol_).kept, 1);
  Protocol no_rules = protocol_;
  no_rules.screening.automation.clear();
  EXPECT_EQ(apply_automation_rules(*db_, no_rules).released, 1);
  EXPECT_EQ(records_awaiting(*db_, no_rules, Stage::kTitleAbstract, "bob").front(), 2);
}

TEST_F(ScreeningStoreTest, TwoReviewersConflictUntilResolved) {
  Protocol two = test::screening_protocol(2);
  record_decision(*db_, two, d(2, "ann", Decision::kInclude), "t");
  EXPECT_EQ(records_awaiting(*db_, two, Stage::kTitleAbstract, "bob").front(), 1);
  EXPECT_EQ(records_awaiting(*db_, two, Stage::kTitleAbstract, "ann").front(), 1);
  auto bob = records_awaiting(*db_, two, Stage::kTitleAbstract, "bob");
  EXPECT_NE(std::find(bob.begin(), bob.end(), 2), bob.end());  // still needs bob
  record_decision(*db_, two, d(2, "bob", Decision::kExclude, Stage::kTitleAbstract, "Wrong population"), "t");
  auto conflicts = list_conflicts(*db_, two, Stage::kTitleAbstract);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].record_id, 2);
  NewDecision res = d(2, "cat", Decision::kExclude, Stage::kTitleAbstract, "Wrong population");
  res.role = Role::kResolution;
  record_decision(*db_, two, res, "t");
  EXPECT_TRUE(list_conflicts(*db_, two, Stage::kTitleAbstract).empty());
}

TEST_F(ScreeningStoreTest, ImportIsAllOrNothing) {
  std::vector<ParsedDecision> file(2);
  file[0].line = 2;
  file[0].pmid = "1002";
  file[0].reviewer = "ann";
  file[0].decision = Decision::kInclude;
  file[1].line = 3;
  file[1].record_id = 42;
  file[1].reviewer = "ann";
  file[1].decision = Decision::kExclude;
  EXPECT_THROW_MSG(import_decisions(*db_, protocol_, file, "f.csv", "t"), InputError,
                   "f.csv:3: no record with record_id 42");
  EXPECT_EQ(count("SELECT count(*) FROM screening_decisions"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM events"), 0);
  file[1].record_id = 4;
  auto sum = import_decisions(*db_, protocol_, file, "f.csv", "t");
  EXPECT_EQ(sum.written, 2);
  EXPECT_EQ(import_decisions(*db_, protocol_, file, "f.csv", "t").unchanged, 2);
  std::string csv = export_decisions_csv(*db_);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "record_id,pmid,stage,reviewer,decision,reason,note,time");
  EXPECT_NE(csv.find("2,1002,ta,ann,include"), std::string::npos);
}

TEST_F(ScreeningStoreTest, PmidLookupPrefersTheKeptRecord) {
  EXPECT_EQ(find_record_by_pmid(*db_, "1001"), 1);
  EXPECT_EQ(find_record_by_doi(*db_, "https://doi.org/10.1000/XYZ2"), 2);
  EXPECT_FALSE(find_record_by_pmid(*db_, "424242"));
}

TEST_F(ScreeningStoreTest, LedgerFromTheDatabase) {
  apply_automation_rules(*db_, protocol_);
  for (std::int64_t id : {1, 2, 4, 5, 7}) {
    record_decision(*db_, protocol_, d(id, "ann", id == 2 ? Decision::kExclude : Decision::kInclude,
                                       Stage::kTitleAbstract, id == 2 ? "Wrong population" : ""), "t");
  }
  record_decision(*db_, protocol_, d(1, "ann", Decision::kInclude, Stage::kFullText), "t");
  record_decision(*db_, protocol_, d(4, "ann", Decision::kInclude, Stage::kFullText), "t");
  record_decision(*db_, protocol_, d(5, "ann", Decision::kNotRetrieved, Stage::kFullText, "Full text not available"), "t");
  record_decision(*db_, protocol_, d(7, "ann", Decision::kExclude, Stage::kFullText, "Wrong intervention"), "t");
  link_reports(*db_, {1, 4}, "Smith 2020");
  auto c = compute_prisma_counts(*db_, protocol_);
  EXPECT_EQ(c.database_results, 6);
  EXPECT_EQ(c.duplicates, 1);
  EXPECT_EQ(c.excluded_automatic, 1);
  EXPECT_EQ(c.records_screened, 4);
  EXPECT_EQ(c.records_excluded, 1);
  EXPECT_EQ(c.dbr_sought_reports, 3);
  EXPECT_EQ(c.dbr_notretrieved_reports, 1);
  EXPECT_EQ(c.dbr_assessed, 2);
  EXPECT_EQ(c.other_assessed, 1);
  ASSERT_EQ(c.other_excluded.size(), 1u);
  EXPECT_EQ(c.new_reports, 2);
  EXPECT_EQ(c.new_studies, 1);
}

TEST_F(ScreeningStoreTest, StudyLinksMoveAndUnlink) {
  link_reports(*db_, {1, 2}, "A");
  link_reports(*db_, {2}, "B");
  auto s = list_studies(*db_);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].record_ids, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(s[1].record_ids, (std::vector<std::int64_t>{2}));
  EXPECT_THROW_MSG(link_reports(*db_, {3, 99}, "C"), InputError, "record 99 does not exist");
  EXPECT_EQ(count("SELECT count(*) FROM studies WHERE name = 'C'"), 0);
  EXPECT_EQ(unlink_reports(*db_, {2}), 1);
  EXPECT_EQ(list_studies(*db_).size(), 1u);  // B had nothing left and is gone
}

}  // namespace
}  // namespace prismaflow::screen
