#include "extract/extraction_store.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "tests/extract/included_studies_fixture.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::extract {
namespace {

class ExtractionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::add_included_studies(db);
    OutcomeSpec dfs;
    dfs.name = "dfs";
    dfs.type = "binary";
    protocol.outcomes.push_back(dfs);
  }

  OutcomeRow row(const std::string& study, double et, std::size_t line = 2) {
    OutcomeRow r;
    r.study = study;
    r.outcome = "dfs";
    r.events_t = et;
    r.total_t = 54;
    r.events_c = 31;
    r.total_c = 54;
    r.line = line;
    return r;
  }

  db::Database db = db::Database::open_memory();
  Protocol protocol;
};

TEST_F(ExtractionStoreTest, IncludedStudiesFollowFinalFullTextDecisions) {
  EXPECT_EQ(included_studies(db), (std::vector<std::string>{"Brown 2021", "Locatelli 2021"}));
}

TEST_F(ExtractionStoreTest, ImportInsertsThenUpdatesThenIsIdempotent) {
  auto s1 = import_outcome_rows(db, protocol, {row("Locatelli 2021", 17)}, "f.csv");
  EXPECT_EQ(s1.inserted, 1);
  auto s2 = import_outcome_rows(db, protocol, {row("Locatelli 2021", 18)}, "f.csv");
  EXPECT_EQ(s2.updated, 1);
  auto s3 = import_outcome_rows(db, protocol, {row("Locatelli 2021", 18)}, "f.csv");
  EXPECT_EQ(s3.unchanged, 1);
  auto rows = load_outcome_rows(db);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(*rows[0].events_t, 18);
  auto events = db::read_events(db, "outcome_data");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_NE(events[1].before_json.find("17"), std::string::npos);
}

TEST_F(ExtractionStoreTest, OneBadRowWritesNothing) {
  auto bad = row("Brown 2021", 60, 3);  // events above total
  EXPECT_THROW_MSG(import_outcome_rows(db, protocol, {row("Locatelli 2021", 17), bad}, "f.csv"),
                   InputError, "f.csv:3:");
  EXPECT_TRUE(load_outcome_rows(db).empty());
  EXPECT_TRUE(db::read_events(db).empty());
}

TEST_F(ExtractionStoreTest, StudyNotIncludedOrUnknownIsRejected) {
  EXPECT_THROW_MSG(import_outcome_rows(db, protocol, {row("Other", 1)}, "f.csv"), InputError,
                   "f.csv:2: study 'Other' is not included");
  EXPECT_THROW_MSG(import_outcome_rows(db, protocol, {row("Nobody", 1)}, "f.csv"), InputError,
                   "unknown study 'Nobody'");
}

TEST_F(ExtractionStoreTest, UnknownOutcomeListsTheProtocolsOutcomes) {
  auto r = row("Brown 2021", 1);
  r.outcome = "pfs";
  EXPECT_THROW_MSG(import_outcome_rows(db, protocol, {r}, "f.csv"), InputError,
                   "unknown outcome 'pfs'; the protocol's outcomes are: dfs");
}

TEST_F(ExtractionStoreTest, RiskOfBiasRoundTripsInDomainOrder) {
  std::vector<RiskOfBiasRow> rows = {
      {"Brown 2021", "", "overall", "some concerns", "open label", 2},
      {"Brown 2021", "", "randomisation process", "low", "", 3},
  };
  EXPECT_EQ(import_rob_rows(db, rows, "rob.csv").inserted, 2);
  auto back = load_rob_rows(db);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].domain, "randomisation process");
  EXPECT_EQ(back[1].support, "open label");
  EXPECT_THROW_MSG(import_rob_rows(db, {{"Other", "", "overall", "low", "", 4}}, "rob.csv"),
                   InputError, "rob.csv:4:");
}

}  // namespace
}  // namespace prismaflow::extract
