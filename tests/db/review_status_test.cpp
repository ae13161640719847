#include "db/review_status.hpp"

#include <gtest/gtest.h>

#include "db/database.hpp"

namespace prismaflow::db {
namespace {

TEST(ReviewStatusTest, EmptyReviewIsAllZero) {
  auto db = Database::open_memory();
  auto st = read_review_status(db);
  EXPECT_TRUE(st.sources.empty());
  EXPECT_EQ(st.records, 0);
  EXPECT_EQ(st.studies, 0);
}

TEST(ReviewStatusTest, CountsRecordsDuplicatesAndDecisions) {
  auto db = Database::open_memory();
  db.exec(R"(
    INSERT INTO sources VALUES (1, 'PubMed', 'database', 'now'), (2, 'Embase', 'database', 'now');
    INSERT INTO records(record_id, source_id, title, added_at) VALUES
      (1, 1, 'a', 'now'), (2, 1, 'b', 'now'), (3, 2, 'a', 'now');
    INSERT INTO duplicate_links(duplicate_id, kept_id, method, created_at) VALUES (3, 1, 'doi', 'now');
    INSERT INTO screening_decisions(record_id, stage, reviewer, decision, decided_at) VALUES
      (1, 'ta', 'ann', 'include', 'now'), (2, 'ta', 'ann', 'exclude', 'now');
  )");
  auto st = read_review_status(db);
  ASSERT_EQ(st.sources.size(), 2u);
  EXPECT_EQ(st.sources[1].name, "PubMed");
  EXPECT_EQ(st.sources[1].records, 2);
  EXPECT_EQ(st.records, 3);
  EXPECT_EQ(st.duplicates, 1);
  EXPECT_EQ(st.unique_records, 2);
  EXPECT_EQ(st.ta_screened, 2);
  ASSERT_EQ(st.screening.size(), 1u);
  EXPECT_EQ(st.screening[0].include, 1);
  EXPECT_EQ(st.screening[0].exclude, 1);
}

TEST(ReviewStatusTest, CountsStudiesWithCharacteristicsAndRiskOfBias) {
  auto db = Database::open_memory();
  db.exec(R"(
    INSERT INTO studies(study_id, name, created_at) VALUES (1, 'A', 'now'), (2, 'B', 'now'), (3, 'C', 'now');
    INSERT INTO study_characteristics(study_id, extractor, design) VALUES (1, '', 'RCT'), (1, 'ann', 'RCT'),
      (2, 'bob', 'RCT');
    INSERT INTO risk_of_bias(study_id, extractor, domain, judgement) VALUES (3, '', 'overall', 'low'),
      (3, '', 'missing outcome data', 'low');
  )");
  auto st = read_review_status(db);
  EXPECT_EQ(st.studies, 3);
  EXPECT_EQ(st.characterised_studies, 2);
  EXPECT_EQ(st.rob_studies, 1);
}

}  // namespace
}  // namespace prismaflow::db
