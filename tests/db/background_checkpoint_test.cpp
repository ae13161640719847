#include "db/background_checkpoint.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/support/temp_dir.hpp"

namespace prismaflow::db {
namespace {

// Commits `n` transactions of a few pages each.
void write_batches(Database& db, int n) {
  const std::string blob(8000, 'x');
  for (int i = 0; i < n; ++i) {
    Transaction tx(db);
    db.run("INSERT INTO bulk(data) VALUES (?)", blob);
    tx.commit();
  }
}

TEST(BackgroundCheckpointTest, CheckpointsOnItsOwnThreadAndHandsTheAutomaticOneBack) {
  test::TempDir dir;
  auto db = Database::open(dir / "r.db", true);
  db.exec("CREATE TABLE bulk(id INTEGER PRIMARY KEY, data BLOB)");
  ASSERT_EQ(db.query_int("PRAGMA wal_autocheckpoint"), 1000);
  int written = 50;
  {
    BackgroundCheckpoint checkpoint(db, 8);
    // The writer's automatic checkpoint is off while the object lives.
    EXPECT_EQ(db.query_int("PRAGMA wal_autocheckpoint"), 0);
    write_batches(db, written);
    // The thread runs when a commit leaves 8 pages or more in the WAL; wait
    // for it (it is asynchronous) rather than assume it has run.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (checkpoint.checkpoints() == 0 && std::chrono::steady_clock::now() < give_up) {
      write_batches(db, 1);
      ++written;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_GT(checkpoint.checkpoints(), 0);
  }
  EXPECT_EQ(db.query_int("PRAGMA wal_autocheckpoint"), 1000);
  // Every committed row is there, seen from another connection too.
  EXPECT_EQ(db.query_int("SELECT count(*) FROM bulk"), written);
  auto reader = Database::open(dir / "r.db");
  EXPECT_EQ(reader.query_int("SELECT count(*) FROM bulk"), written);
  EXPECT_EQ(reader.query_int("SELECT count(*) FROM bulk WHERE length(data) <> 8000"), 0);
}

TEST(BackgroundCheckpointTest, InMemoryDatabaseNeedsNoThread) {
  auto db = Database::open_memory();
  db.exec("CREATE TABLE bulk(id INTEGER PRIMARY KEY, data BLOB)");
  BackgroundCheckpoint checkpoint(db, 1);
  write_batches(db, 5);
  EXPECT_EQ(checkpoint.checkpoints(), 0);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM bulk"), 5);
}

}  // namespace
}  // namespace prismaflow::db
