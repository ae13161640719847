// BulkWriteJournal: a review on its own uses the rollback journal (with
// synchronous FULL) for the scope's length and is back in WAL mode after;
// a review another connection has open, or one in memory, stays as it is;
// what is written in the scope is kept, what is rolled back is not.
#include "db/bulk_write_journal.hpp"

#include <gtest/gtest.h>

#include <string>

#include "db/database.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::db {
namespace {

std::string journal_mode(Database& db) {
  auto s = db.prepare("PRAGMA journal_mode");
  return s.step() ? s.get_text(0) : "";
}

std::int64_t synchronous(Database& db) { return db.query_int("PRAGMA synchronous").value_or(-1); }

TEST(BulkWriteJournal, SwitchesForTheScopeAndBack) {
  test::TempDir dir;
  auto db = Database::open(dir / "review.db", true);
  ASSERT_EQ(journal_mode(db), "wal");
  {
    BulkWriteJournal bulk(db);
    EXPECT_TRUE(bulk.switched());
    EXPECT_EQ(journal_mode(db), "delete");
    EXPECT_EQ(synchronous(db), 2);  // FULL
    {
      Transaction tx(db);
      db.run("INSERT INTO sources(name, kind, created_at) VALUES ('kept', 'database', 'now')");
      tx.commit();
    }
    {
      Transaction tx(db);
      db.run("INSERT INTO sources(name, kind, created_at) VALUES ('rolled back', 'database', 'now')");
    }
  }
  EXPECT_EQ(journal_mode(db), "wal");
  EXPECT_EQ(synchronous(db), 1);  // NORMAL
  auto again = Database::open(dir / "review.db");
  EXPECT_EQ(again.query_int("SELECT count(*) FROM sources WHERE name = 'kept'"), 1);
  EXPECT_EQ(again.query_int("SELECT count(*) FROM sources WHERE name = 'rolled back'"), 0);
}

TEST(BulkWriteJournal, StaysInWalWhileAnotherConnectionHasTheFile) {
  test::TempDir dir;
  auto db = Database::open(dir / "review.db", true);
  auto other = Database::open(dir / "review.db");
  {
    BulkWriteJournal bulk(db);
    EXPECT_FALSE(bulk.switched());
    EXPECT_EQ(journal_mode(db), "wal");
    EXPECT_EQ(synchronous(db), 1);
    Transaction tx(db);
    db.run("INSERT INTO sources(name, kind, created_at) VALUES ('x', 'database', 'now')");
    tx.commit();
  }
  EXPECT_EQ(other.query_int("SELECT count(*) FROM sources WHERE name = 'x'"), 1);
  EXPECT_EQ(journal_mode(db), "wal");
}

TEST(BulkWriteJournal, LeavesAnInMemoryReviewAsItIs) {
  auto db = Database::open_memory();
  BulkWriteJournal bulk(db);
  EXPECT_FALSE(bulk.switched());
  EXPECT_EQ(journal_mode(db), "memory");
}

}  // namespace
}  // namespace prismaflow::db
