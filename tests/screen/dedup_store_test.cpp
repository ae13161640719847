#include "screen/dedup_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "db/migrations.hpp"
#include "tests/support/old_database.hpp"
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
  EXPECT_EQ(pairs[0].reason, kScoreBandReason);  // nothing held it, only the thresholds
  db::Transaction tx(db_);
  decide_pair(db_, pairs[0].record_b, pairs[0].record_a, "duplicate", "ann");
  auto s = run_dedup(db_, strict);
  tx.commit();
  EXPECT_EQ(s.new_links, 1u);
}

// An article (14(5):703) and the erratum printed under its title (14(8):1107),
// as in the haematology benchmark: held for review, and the store says why.
void add_article_and_erratum(db::Database& db) {
  db.run("INSERT INTO sources(source_id, name, kind, created_at) VALUES (1, 'Embase', 'database', 'then')");
  for (auto [id, issue, pages] : {std::tuple{1, "5", "703-712"}, std::tuple{2, "8", "1107"}}) {
    db.run("INSERT INTO records(record_id, source_id, title, authors, year, journal, volume, issue, pages, added_at)"
           " VALUES (?, 1, 'Complement factor H mutations in atypical haemolytic uraemic syndrome',"
           " 'Esparza-Gordillo J; Buil A', 2005, 'Human Molecular Genetics', '14', ?, ?, 'then')",
           id, std::string(issue), std::string(pages));
  }
}

DedupRunSummary run_in_transaction(db::Database& db) {
  db::Transaction tx(db);
  auto s = run_dedup(db, {});
  tx.commit();
  return s;
}

TEST(DedupReasonTest, HeldPairsKeepTheirReason) {
  auto db = db::Database::open_memory();
  add_article_and_erratum(db);
  auto s = run_in_transaction(db);
  EXPECT_EQ(s.new_links, 0u);
  auto pairs = pending_pairs(db);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].reason, "issue differs and pages do not match");
  auto events = db::read_events(db, "dedup_candidate");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].after_json.find("issue differs"), std::string::npos) << events[0].after_json;
}

// A database as migration 2 left it: opening it adds the column and keeps
// every row; the next dedup run fills the reason of a pending pair once.
TEST(DedupReasonTest, MigrationFromVersionTwoKeepsCandidates) {
  test::TempDir dir;
  auto path = dir / "review.db";
  test::write_old_database(
      path, 3,
      {"INSERT INTO sources(source_id, name, kind, created_at) VALUES (1, 'Embase', 'database', 'then')",
       "INSERT INTO records(record_id, source_id, title, authors, year, journal, volume, issue, pages, added_at)"
       " VALUES (1, 1, 'Complement factor H mutations in atypical haemolytic uraemic syndrome',"
       " 'Esparza-Gordillo J; Buil A', 2005, 'Human Molecular Genetics', '14', '5', '703-712', 'then'),"
       " (2, 1, 'Complement factor H mutations in atypical haemolytic uraemic syndrome',"
       " 'Esparza-Gordillo J; Buil A', 2005, 'Human Molecular Genetics', '14', '8', '1107', 'then'),"
       " (3, 1, 'Statins in older adults', 'Jones M', 2020, 'BMJ', '368', NULL, 'm100', 'then')",
       "INSERT INTO dedup_candidates(record_a, record_b, score) VALUES (1, 2, 0.85)",
       "INSERT INTO dedup_candidates(record_a, record_b, score, status, decided_by, decided_at)"
       " VALUES (1, 3, 0.8, 'distinct', 'ann', 'then')"});
  auto db = db::Database::open(path);
  EXPECT_EQ(db.schema_version(), db::latest_schema_version());
  EXPECT_EQ(db.query_int("SELECT count(*) FROM dedup_candidates"), 2);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM dedup_candidates WHERE reason IS NULL"), 2);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM dedup_candidates WHERE record_a = 1 AND record_b = 3"
                         " AND status = 'distinct' AND decided_by = 'ann'"), 1);
  auto before = pending_pairs(db);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].reason, "");
  EXPECT_DOUBLE_EQ(before[0].score, 0.85);

  run_in_transaction(db);
  auto after = pending_pairs(db);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].reason, "issue differs and pages do not match");
  // The decided pair is not rewritten; a second run changes nothing.
  EXPECT_EQ(db.query_int("SELECT count(*) FROM dedup_candidates WHERE reason IS NULL"), 1);
  auto events = db::read_events(db).size();
  run_in_transaction(db);
  EXPECT_EQ(db::read_events(db).size(), events);
}

// A database as migration 3 left it, with PMC ids only in record_ids:
// opening it moves them onto their records and drops the table, and dedup
// still joins two records that share nothing but their PMC id.
TEST(DedupPmcidTest, MigrationFromVersionThreeKeepsPmcids) {
  test::TempDir dir;
  auto path = dir / "review.db";
  test::write_old_database(
      path, 4,
      {"INSERT INTO sources(source_id, name, kind, created_at) VALUES (1, 'Embase', 'database', 'then')",
       "INSERT INTO records(record_id, source_id, pmid, title, added_at) VALUES"
       " (1, 1, '111', 'Blinatumomab in first relapse of childhood leukaemia', 'then'),"
       " (2, 1, NULL, 'Bispecific T-cell engager therapy: a randomised comparison', 'then'),"
       " (3, 1, NULL, 'Statins in older adults', 'then')",
       "INSERT INTO record_ids(record_id, id_type, value) VALUES (1, 'pmid', '111'),"
       " (1, 'pmcid', 'PMC42'), (2, 'pmcid', 'PMC42'), (3, 'doi', '10.1/x')"});
  auto db = db::Database::open(path);
  EXPECT_EQ(db.schema_version(), db::latest_schema_version());
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'record_ids'"), 0);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM records WHERE pmcid = 'PMC42'"), 2);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM records WHERE record_id = 3 AND pmcid IS NULL"), 1);
  auto s = run_in_transaction(db);
  EXPECT_EQ(s.new_links, 1u);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM duplicate_links WHERE duplicate_id IN (1, 2)"
                         " AND kept_id IN (1, 2) AND undone_at IS NULL"), 1);
}

}  // namespace
}  // namespace prismaflow::screen
