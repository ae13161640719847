#include "db/event_log.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "db/database.hpp"

namespace prismaflow::db {
namespace {

TEST(EventLogTest, AppendsAndReadsInOrder) {
  auto db = Database::open_memory();
  log_event(db, {"ann", "screen", "insert", "screening_decision", "1", "", "{\"d\":1}"});
  log_event(db, {"bob", "dedup", "merge", "record", "2", "{}", "{\"kept\":3}"});
  auto all = read_events(db);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].actor, "ann");
  EXPECT_EQ(all[1].after_json, "{\"kept\":3}");
  EXPECT_EQ(read_events(db, "record").size(), 1u);
}

TEST(EventLogTest, IsAppendOnly) {
  auto db = Database::open_memory();
  log_event(db, {"ann", "init", "create", "review", "", "", "{}"});
  EXPECT_THROW(db.run("UPDATE events SET actor = 'eve'"), DbError);
  EXPECT_THROW(db.run("DELETE FROM events"), DbError);
  EXPECT_EQ(read_events(db).at(0).actor, "ann");
}

TEST(EventLogTest, RolledBackChangeLeavesNoEvent) {
  auto db = Database::open_memory();
  {
    Transaction tx(db);
    log_event(db, {"ann", "x", "insert", "study", "1", "", "{}"});
  }
  EXPECT_TRUE(read_events(db).empty());
}

}  // namespace
}  // namespace prismaflow::db
