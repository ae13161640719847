#include "db/database.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "db/migrations.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::db {
namespace {

TEST(DatabaseTest, CreatesFileWithEveryMigrationRecorded) {
  test::TempDir dir;
  auto db = Database::open(dir / "r.db", true);
  EXPECT_EQ(db.schema_version(), latest_schema_version());
  EXPECT_EQ(db.query_int("SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(migrations().size()));
  auto s = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.get_text(0), "wal");
  EXPECT_EQ(db.query_int("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(db.query_int("PRAGMA page_size"), 32768);
}

TEST(DatabaseTest, ReopeningDoesNotReapplyMigrations) {
  test::TempDir dir;
  { auto db = Database::open(dir / "r.db", true); }
  auto db = Database::open(dir / "r.db");
  EXPECT_EQ(db.query_int("SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(migrations().size()));
}

TEST(DatabaseTest, MissingFileIsAClearError) {
  test::TempDir dir;
  EXPECT_THROW_MSG(Database::open(dir / "none.db"), DbError, "prismaflow init");
}

TEST(DatabaseTest, NewerSchemaIsRefused) {
  test::TempDir dir;
  {
    auto db = Database::open(dir / "r.db", true);
    db.run("INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future', 'x')");
  }
  EXPECT_THROW_MSG(Database::open(dir / "r.db"), DbError, "newer prismaflow");
}

TEST(DatabaseTest, NonDatabaseFileIsRefused) {
  test::TempDir dir;
  test::write_text(dir / "bad.db", std::string(4096, 'x'));
  EXPECT_THROW(Database::open(dir / "bad.db"), DbError);
}

TEST(TransactionTest, ThrowInsideRollsBackEverything) {
  auto db = Database::open_memory();
  try {
    Transaction tx(db);
    db.run("INSERT INTO sources(name, kind, created_at) VALUES ('PubMed', 'database', 'now')");
    db.run("INSERT INTO studies(name, created_at) VALUES ('A', 'now')");
    throw std::runtime_error("boom");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sources"), 0);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM studies"), 0);
}

TEST(TransactionTest, CommitKeepsWrites) {
  auto db = Database::open_memory();
  {
    Transaction tx(db);
    db.run("INSERT INTO studies(name, created_at) VALUES ('A', 'now')");
    tx.commit();
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM studies"), 1);
}

TEST(DatabaseTest, ForeignKeysAreEnforced) {
  auto db = Database::open_memory();
  EXPECT_THROW(db.run("INSERT INTO study_reports(record_id, study_id, linked_at) VALUES (1, 1, 'x')"),
               DbError);
}

TEST(StatementTest, BindsAndReadsEveryType) {
  auto db = Database::open_memory();
  db.exec("CREATE TEMP TABLE t(i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)");
  auto ins = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
  ins.bind(1, std::int64_t{42}).bind(2, 2.5).bind(3, "text").bind_blob(4, std::string("a\0b", 3));
  ins.bind(5, nullptr);
  ins.run();
  auto s = db.prepare("SELECT i, d, s, b, n FROM t");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.get_int(0), 42);
  EXPECT_DOUBLE_EQ(s.get_double(1), 2.5);
  EXPECT_EQ(s.get_text(2), "text");
  EXPECT_EQ(s.get_blob(3), std::string("a\0b", 3));
  EXPECT_FALSE(s.get_optional_text(4).has_value());
  EXPECT_FALSE(s.step());
}

TEST(StatementTest, ViewBindsStoreTheBytesWithoutCopyingThemFirst) {
  auto db = Database::open_memory();
  db.exec("CREATE TEMP TABLE t(s TEXT, b BLOB, e TEXT)");
  auto ins = db.prepare("INSERT INTO t VALUES (?, ?, ?)");
  std::string text = "first", bytes("x\0y", 3);
  ins.bind_view(1, text).bind_blob_view(2, bytes).bind_view(3, std::string_view());
  ins.run();
  // The statement was reset by run(): rebinding to new buffers stores those.
  text = "second";
  ins.bind_view(1, text).bind_blob_view(2, std::string_view()).bind_view(3, "");
  ins.run();
  auto s = db.prepare("SELECT s, b, e, typeof(e), typeof(b) FROM t ORDER BY rowid");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.get_text(0), "first");
  EXPECT_EQ(s.get_blob(1), std::string("x\0y", 3));
  EXPECT_EQ(s.get_text(3), "text");  // an empty view is '' rather than NULL
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.get_text(0), "second");
  EXPECT_EQ(s.get_text(4), "blob");
  EXPECT_FALSE(s.step());
}

}  // namespace
}  // namespace prismaflow::db
