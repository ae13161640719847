#include "screen/prisma_ledger.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/csv.hpp"
#include "screen/prisma_check.hpp"
#include "screen/prisma_csv.hpp"

namespace prismaflow::screen {
namespace {

Consensus final_(Decision d, const std::string& reason = "", bool automation = false) {
  Consensus c;
  c.state = ConsensusState::kFinal;
  c.decision = d;
  c.reason = reason;
  c.by_automation = automation;
  return c;
}

RecordState rec(std::int64_t id, const std::string& source, const std::string& kind) {
  RecordState r;
  r.record_id = id;
  r.source = source;
  r.source_kind = kind;
  return r;
}

// A small review worked by hand (see the expected values below):
// PubMed 1-6, Embase 7-8, ClinicalTrials.gov 9 (register), citation searching 10.
std::vector<RecordState> hand_made() {
  std::vector<RecordState> v;
  for (int i = 1; i <= 6; ++i) v.push_back(rec(i, "PubMed", "database"));
  v.push_back(rec(7, "Embase", "database"));
  v.push_back(rec(8, "Embase", "database"));
  v.push_back(rec(9, "ClinicalTrials.gov", "register"));
  v.push_back(rec(10, "Citation searching", "other"));
  v[6].duplicate = true;      // 7 duplicates 1
  v[7].deleted = true;        // 8 retracted
  v[5].rule_excluded = true;  // 6 a review, excluded by a rule
  v[5].ta = final_(Decision::kExclude, "publication type: Review", true);
  v[0].ta = final_(Decision::kInclude);
  v[1].ta = final_(Decision::kInclude);
  v[2].ta = final_(Decision::kExclude);
  v[3].ta = final_(Decision::kInclude);
  v[4].ta = final_(Decision::kExclude, "", true);  // excluded at screening by a tool
  v[8].ta = final_(Decision::kInclude);
  v[9].ta = final_(Decision::kInclude);
  v[0].ft = final_(Decision::kInclude);
  v[0].study_id = 100;
  v[0].in_meta_analysis = true;
  v[1].ft = final_(Decision::kInclude);
  v[1].study_id = 100;  // a second report of the same study
  v[1].in_meta_analysis = true;
  v[3].ft = final_(Decision::kExclude, "Wrong population");
  v[8].ft = final_(Decision::kNotRetrieved, "Full text not available");
  v[9].ft = final_(Decision::kInclude);
  for (auto& r : v) {
    r.has_ta_decision = r.ta.state != ConsensusState::kPending;
    r.has_ft_decision = r.ft.state != ConsensusState::kPending;
  }
  return v;
}

TEST(PrismaLedgerTest, CountsOfAHandMadeReview) {
  auto c = compute_counts(hand_made());
  EXPECT_FALSE(c.updated_review);
  EXPECT_TRUE(c.other_methods);
  EXPECT_EQ(c.database_results, 8);
  ASSERT_EQ(c.databases.size(), 2u);
  EXPECT_EQ(c.databases[0].name, "PubMed");
  EXPECT_EQ(c.databases[0].n, 6);
  EXPECT_EQ(c.register_results, 1);
  EXPECT_EQ(c.citations_results, 1);
  EXPECT_EQ(c.website_results, 0);
  EXPECT_EQ(c.duplicates, 1);
  EXPECT_EQ(c.excluded_other, 1);
  EXPECT_EQ(c.excluded_automatic, 1);
  EXPECT_EQ(c.records_screened, 6);
  EXPECT_EQ(c.records_excluded, 2);
  EXPECT_EQ(c.records_excluded_human, 1);
  EXPECT_EQ(c.records_excluded_automation, 1);
  EXPECT_EQ(c.dbr_sought_reports, 4);
  EXPECT_EQ(c.dbr_notretrieved_reports, 1);
  EXPECT_EQ(c.dbr_assessed, 3);
  ASSERT_EQ(c.dbr_excluded.size(), 1u);
  EXPECT_EQ(c.dbr_excluded[0].name, "Wrong population");
  EXPECT_EQ(c.other_sought_reports, 1);
  EXPECT_EQ(c.other_assessed, 1);
  EXPECT_EQ(c.new_reports, 3);
  EXPECT_EQ(c.new_studies, 2);  // study 100 (two reports) + record 10
  EXPECT_EQ(c.total_studies, 2);
  EXPECT_EQ(c.total_reports, 3);
  EXPECT_EQ(c.total_studies_ma, 1);
  EXPECT_EQ(c.total_reports_ma, 2);
  EXPECT_TRUE(check_prisma(hand_made()).empty());
}

TEST(PrismaLedgerTest, UpdatedReviewSplitsPreviousAndNew) {
  auto v = hand_made();
  v.push_back(rec(11, "PubMed", "database"));
  v.back().review_version = 2;
  v.back().ta = final_(Decision::kInclude);
  v.back().ft = final_(Decision::kInclude);
  v.back().study_id = 100;  // a new report of a previously included study
  auto c = compute_counts(v);
  EXPECT_TRUE(c.updated_review);
  EXPECT_EQ(c.previous_studies, 2);
  EXPECT_EQ(c.previous_reports, 3);
  EXPECT_EQ(c.database_results, 1);  // only the new version's records
  EXPECT_EQ(c.new_reports, 1);
  EXPECT_EQ(c.new_studies, 1);
  EXPECT_EQ(c.total_reports, 4);
  EXPECT_EQ(c.total_studies, 2);  // the new report adds no study
}

TEST(PrismaCheckTest, NamesTheRecordsThatBreakAnIdentity) {
  auto v = hand_made();
  v[1].ft = Consensus{};  // record 2 sought but not assessed yet
  v[2].ta = Consensus{};  // record 3 not screened yet
  v[2].ft = final_(Decision::kExclude, "");  // ... yet excluded at full text, without a reason
  v[2].has_ft_decision = true;
  auto violations = check_prisma(v);
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].records, std::vector<std::int64_t>{3});
  EXPECT_EQ(violations[0].expected, 6);
  EXPECT_EQ(violations[0].actual, 5);
  EXPECT_EQ(violations[1].records, std::vector<std::int64_t>{3});  // full text without ta include
  EXPECT_EQ(violations[2].records, std::vector<std::int64_t>{2});
  EXPECT_NE(format_violations(violations).find("record(s)"), std::string::npos);
}

TEST(PrismaCsvTest, JsonAndCsvUseThePackageFieldNames) {
  auto c = compute_counts(hand_made());
  auto j = nlohmann::json::parse(prisma_json(c));
  EXPECT_EQ(j["database_results"], 8);
  EXPECT_EQ(j["records_screened"], 6);
  EXPECT_EQ(j["dbr_excluded"][0]["name"], "Wrong population");
  EXPECT_EQ(j["new_studies"], 2);
  auto t = csv::parse(prisma_csv(c), "prisma.csv");
  ASSERT_EQ(t.header, (std::vector<std::string>{"data", "node", "box", "description", "boxtext",
                                                 "tooltips", "url", "n"}));
  std::map<std::string, std::string> n;
  for (const auto& r : t.rows) n[r.fields[0]] = r.fields[7];
  EXPECT_EQ(n["database_results"], "8");
  EXPECT_EQ(n["database_specific_results"], "PubMed, 6; Embase, 2");
  EXPECT_EQ(n["dbr_sought_reports"], "4");
  EXPECT_EQ(n["dbr_excluded"], "Wrong population, 1");
  EXPECT_EQ(n["total_reports"], "3");
}

TEST(PrismaLedgerTest, OtherMethodBoxesByName) {
  EXPECT_EQ(other_method_box("Citation searching"), "citations");
  EXPECT_EQ(other_method_box("Reference lists"), "citations");
  EXPECT_EQ(other_method_box("WHO organisation contacts"), "organisations");
  EXPECT_EQ(other_method_box("Google Scholar website"), "websites");
}

}  // namespace
}  // namespace prismaflow::screen
