#include "extract/characteristics_store.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "tests/extract/included_studies_fixture.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/old_database.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::extract {
namespace {

class CharacteristicsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { test::add_included_studies(db); }

  static StudyCharacteristics row(const std::string& study, std::int64_t n, std::size_t line = 2) {
    StudyCharacteristics r;
    r.study = study;
    r.design = "RCT";
    r.n_randomised = n;
    r.line = line;
    return r;
  }

  std::int64_t events(const std::string& action) {
    return *db.query_int("SELECT count(*) FROM events WHERE entity = 'study_characteristics' AND action = ?",
                         action);
  }

  db::Database db = db::Database::open_memory();
};

TEST_F(CharacteristicsStoreTest, ImportInsertsThenUpdatesThenIsIdempotent) {
  auto s1 = import_characteristics_rows(db, {row("Locatelli 2021", 108), row("Brown 2021", 208)}, "c.csv");
  EXPECT_EQ(s1.inserted, 2);
  auto s2 = import_characteristics_rows(db, {row("Locatelli 2021", 109), row("Brown 2021", 208)}, "c.csv");
  EXPECT_EQ(s2.updated, 1);
  EXPECT_EQ(s2.unchanged, 1);
  auto s3 = import_characteristics_rows(db, {row("Locatelli 2021", 109)}, "c.csv");
  EXPECT_EQ(s3.unchanged, 1);
  EXPECT_EQ(events("insert"), 2);
  EXPECT_EQ(events("update"), 1);
  auto back = load_characteristics_rows(db);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].study, "Brown 2021");
  EXPECT_EQ(back[1].n_randomised, 109);
  EXPECT_EQ(back[1].design, "RCT");
}

TEST_F(CharacteristicsStoreTest, AgreedRowSortsBeforeExtractorsAndRoundTrips) {
  StudyCharacteristics ann = row("Brown 2021", 208);
  ann.extractor = "ann";
  ann.participants = "first relapse";
  StudyCharacteristics agreed = row("Brown 2021", 208);
  agreed.n_randomised.reset();
  agreed.notes = "agreed";
  import_characteristics_rows(db, {ann, agreed}, "c.csv");
  auto back = load_characteristics_rows(db);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].extractor, "");
  EXPECT_FALSE(back[0].n_randomised.has_value()) << "NULL stays NULL";
  EXPECT_EQ(back[1].participants, "first relapse");
  EXPECT_EQ(format_characteristics_csv(back), format_characteristics_csv({agreed, ann}));
}

TEST_F(CharacteristicsStoreTest, AStudyNotIncludedWritesNothing) {
  EXPECT_THROW_MSG(import_characteristics_rows(db, {row("Locatelli 2021", 108), row("Other", 5, 3)}, "c.csv"),
                   InputError, "c.csv:3: study 'Other' is not an included study");
  EXPECT_THROW_MSG(import_characteristics_rows(db, {row("Nobody 1999", 5, 7)}, "c.csv"), InputError,
                   "c.csv:7: study 'Nobody 1999' is not an included study; link and include its reports "
                   "first (included: Brown 2021, Locatelli 2021)");
  EXPECT_TRUE(load_characteristics_rows(db).empty());
  EXPECT_EQ(events("insert"), 0);
}

// A review as migration 4 left it (before study_characteristics): opening
// it adds the table, keeps the risk of bias, and characteristics import.
TEST(CharacteristicsMigrationTest, VersionFourReviewGainsTheTable) {
  prismaflow::test::TempDir dir;
  const auto path = dir / "review.db";
  prismaflow::test::write_old_database(
      path, 5,
      {"INSERT INTO sources VALUES (1, 'PubMed', 'database', 'then')",
       "INSERT INTO records(record_id, source_id, title, added_at) VALUES (1, 1, 'Locatelli', 'then')",
       "INSERT INTO studies(study_id, name, created_at) VALUES (1, 'Locatelli 2021', 'then')",
       "INSERT INTO study_reports VALUES (1, 1, 'then')",
       "INSERT INTO screening_decisions(record_id, stage, reviewer, decision, decided_at)"
       " VALUES (1, 'ft', 'ann', 'include', 'then')",
       "INSERT INTO risk_of_bias(study_id, domain, judgement) VALUES (1, 'overall', 'low')"});
  auto db = db::Database::open(path);
  EXPECT_EQ(db.schema_version(), db::latest_schema_version());
  EXPECT_EQ(db.query_int("SELECT count(*) FROM risk_of_bias"), 1);
  EXPECT_TRUE(load_characteristics_rows(db).empty());
  StudyCharacteristics r;
  r.study = "Locatelli 2021";
  r.n_randomised = 108;
  EXPECT_EQ(import_characteristics_rows(db, {r}, "c.csv").inserted, 1);
  EXPECT_EQ(load_characteristics_rows(db).at(0).n_randomised, 108);
}

}  // namespace
}  // namespace prismaflow::extract
