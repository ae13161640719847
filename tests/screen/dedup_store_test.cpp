#include "screen/dedup_store.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "fetch/record_store.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::screen {
namespace {

class DedupStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Transaction tx(db_);
    auto src = fetch::ensure_source(db_, "Embase", "database");
    fetch::RecordWriter w(db_);
    auto add = [&](std::string title, std::string pmid) {
      fetch::Record r;
      r.title = std::move(title);
      r.pmid = std::move(pmid);
      r.year = 2019;
      r.journal = "Lancet";
      r.volume = "393";
      r.pages = "1100-1108";
      r.authors.push_back(fetch::Author{"Smith", "John", "J", "", "", {}, ""});
      return w.insert(r, fetch::RecordOrigin{src, std::nullopt, std::nullopt, 1});
    };
    a_ = add("Aspirin for primary prevention of cardiovascular events", "");
    b_ = add("Aspirin for primary prevention of cardiovascular events.", "30000001");
    c_ = add("Statins in older adults: a cohort study of outcomes", "");
    db_.run("INSERT INTO screening_decisions(record_id, stage, reviewer, decision, decided_at)"
            " VALUES (?, 'ta', 'ann', 'exclude', 'now'), (?, 'ta', 'ann', 'include', 'now')", a_, b_);
    tx.commit();
  }
  DedupRunSummary run() {
    db::Transaction tx(db_);
    auto s = run_dedup(db_, {});
    tx.commit();
    return s;
  }
  test::TempDir dir_;
  db::Database db_ = db::Database::open(dir_ / "review.db", true);
  std::int64_t a_ = 0, b_ = 0, c_ = 0;
};

TEST_F(DedupStoreTest, LinksMovesDecisionsAndFlagsConflicts) {
  auto s = run();
  EXPECT_EQ(s.new_links, 1u);
  EXPECT_EQ(db_.query_int("SELECT kept_id FROM duplicate_links WHERE duplicate_id = ?", a_), b_);
  EXPECT_EQ(s.decisions_moved, 1u);
  ASSERT_EQ(s.conflicts.size(), 1u);
  EXPECT_EQ(s.conflicts[0].record_id, b_);
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM records"), 3);  // nothing deleted
  EXPECT_FALSE(db::read_events(db_, "duplicate_link").empty());
  EXPECT_EQ(db::read_events(db_, "screening_decision").size(), 1u);
}

TEST_F(DedupStoreTest, SecondRunChangesNothing) {
  run();
  auto events = db::read_events(db_).size();
  auto again = run();
  EXPECT_EQ(again.new_links, 0u);
  EXPECT_EQ(db::read_events(db_).size(), events);
}

TEST_F(DedupStoreTest, UndoRestoresDecisionsAndSticks) {
  run();
  db::Transaction tx(db_);
  UndoTarget t;
  t.record_id = a_;
  EXPECT_EQ(undo_dedup(db_, t), 1u);
  tx.commit();
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM duplicate_links WHERE undone_at IS NULL"), 0);
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM duplicate_links"), 1);  // kept for audit
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM screening_decisions WHERE record_id = ?", a_), 1);
  EXPECT_EQ(run().new_links, 0u);  // the undone pair is now distinct
  db::Transaction tx2(db_);
  EXPECT_THROW_MSG(undo_dedup(db_, t), InputError, "no active duplicate link");
}

TEST_F(DedupStoreTest, ReviewedDuplicatesMerge) {
  DedupSettings strict;
  strict.merge_threshold = 1.01;
  strict.review_threshold = 0.5;
  {
    db::Transaction tx(db_);
    auto s = run_dedup(db_, strict);
    tx.commit();
    EXPECT_EQ(s.new_links, 0u);
    EXPECT_GE(s.review_pending, 1u);
  }
  auto pairs = pending_pairs(db_);
  ASSERT_FALSE(pairs.empty());
  EXPECT_EQ(pairs[0].record_a, a_);
  db::Transaction tx(db_);
  decide_pair(db_, pairs[0].record_b, pairs[0].record_a, "duplicate", "ann");
  auto s = run_dedup(db_, strict);
  tx.commit();
  EXPECT_EQ(s.new_links, 1u);
}

}  // namespace
}  // namespace prismaflow::screen
