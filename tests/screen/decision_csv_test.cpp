#include "screen/decision_csv.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::screen {
namespace {

TEST(DecisionCsvTest, ParsesEveryColumn) {
  auto v = parse_decision_csv(
      "record_id,pmid,stage,reviewer,decision,reason,note,time\n"
      "12,,ta,ann,exclude,Wrong population,\"adults, not children\",2024-01-02T03:04:05Z\n"
      ",999,ft,resolution:bob,not_retrieved,Full text not available,,\n",
      "d.csv");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].line, 2u);
  EXPECT_EQ(*v[0].record_id, 12);
  EXPECT_EQ(v[0].decision, Decision::kExclude);
  EXPECT_EQ(v[0].note, "adults, not children");
  EXPECT_EQ(v[0].time, "2024-01-02T03:04:05Z");
  EXPECT_FALSE(v[1].record_id);
  EXPECT_EQ(v[1].pmid, "999");
  EXPECT_EQ(v[1].stage, Stage::kFullText);
  EXPECT_EQ(v[1].role, Role::kResolution);
  EXPECT_EQ(v[1].reviewer, "bob");
}

TEST(DecisionCsvTest, ErrorsNameTheLine) {
  const std::string head = "record_id,pmid,stage,reviewer,decision,reason,note,time\n";
  EXPECT_THROW_MSG(parse_decision_csv(head + "1,,ta,ann,include,,,\n2,,xx,ann,include,,,\n", "d.csv"),
                   InputError, "d.csv:3: unknown stage 'xx'");
  EXPECT_THROW_MSG(parse_decision_csv(head + "1,,ta,ann,perhaps,,,\n", "d.csv"), InputError,
                   "d.csv:2: unknown decision 'perhaps'");
  EXPECT_THROW_MSG(parse_decision_csv(head + ",,ta,ann,include,,,\n", "d.csv"), InputError,
                   "d.csv:2: neither record_id nor pmid");
  EXPECT_THROW_MSG(parse_decision_csv(head + "x1,,ta,ann,include,,,\n", "d.csv"), InputError,
                   "d.csv:2: record_id 'x1' is not a positive number");
  EXPECT_THROW_MSG(parse_decision_csv(head + "1,,ta,,include,,,\n", "d.csv"), InputError,
                   "d.csv:2: reviewer is empty");
  EXPECT_THROW_MSG(parse_decision_csv("stage,reviewer,decision\nta,ann,include\n", "d.csv"),
                   InputError, "needs a record_id or pmid column");
}

TEST(DecisionCsvTest, RoundTripsAnExportedRow) {
  DecisionRow d;
  d.record_id = 5;
  d.stage = Stage::kFullText;
  d.reviewer = "ann";
  d.role = Role::kResolution;
  d.decision = Decision::kExclude;
  d.reason = "Wrong comparator";
  d.note = "said \"no\"";
  d.decided_at = "2024-05-06T00:00:00Z";
  std::string text;
  for (std::size_t i = 0; i < decision_csv_columns().size(); ++i) {
    text += (i ? "," : "") + decision_csv_columns()[i];
  }
  auto v = parse_decision_csv(text + "\n" + format_decision_row(d, "77"), "x.csv");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(*v[0].record_id, 5);
  EXPECT_EQ(v[0].pmid, "77");
  EXPECT_EQ(v[0].role, Role::kResolution);
  EXPECT_EQ(v[0].reason, "Wrong comparator");
  EXPECT_EQ(v[0].note, "said \"no\"");
}

TEST(DecisionCsvTest, RayyanNotesBecomeOneDecisionPerReviewer) {
  auto text = read_file(test::source_dir() / "tests/data/screen/rayyan_articles.csv");
  auto v = parse_rayyan_csv(text, "rayyan.csv", Stage::kTitleAbstract);
  ASSERT_EQ(v.size(), 3u);  // r3 has labels but no decision
  EXPECT_EQ(v[0].reviewer, "alice");
  EXPECT_EQ(v[0].decision, Decision::kInclude);
  EXPECT_EQ(v[0].pmid, "1001");
  EXPECT_EQ(v[1].reviewer, "bob");
  EXPECT_EQ(v[1].decision, Decision::kExclude);
  EXPECT_EQ(v[1].reason, "Wrong population");
  EXPECT_EQ(v[1].note, "Rayyan reasons: Wrong population, Wrong outcomes");
  EXPECT_EQ(v[2].decision, Decision::kMaybe);
  EXPECT_EQ(v[2].doi, "10.1000/xyz2");
  EXPECT_THROW_MSG(parse_rayyan_csv("title,notes\nT,\"RAYYAN-INCLUSION: {\"\"a\"\"=>\"\"Perhaps\"\"}\"\n",
                                    "r.csv", Stage::kTitleAbstract),
                   InputError, "r.csv:2: unknown Rayyan decision 'Perhaps'");
}

TEST(DecisionCsvTest, AsreviewLabelsBecomeTheReviewersDecisions) {
  auto text = read_file(test::source_dir() / "tests/data/screen/asreview_export.csv");
  auto v = parse_asreview_csv(text, "asr.csv", Stage::kTitleAbstract, "ann");
  ASSERT_EQ(v.size(), 2u);  // the unlabelled record is skipped
  EXPECT_EQ(v[0].decision, Decision::kInclude);
  EXPECT_EQ(v[0].pmid, "1001");
  EXPECT_EQ(v[1].decision, Decision::kExclude);
  EXPECT_EQ(v[1].doi, "10.1000/XYZ2");
  EXPECT_EQ(v[1].reviewer, "ann");
  EXPECT_THROW_MSG(parse_asreview_csv("title,pmid\nT,1\n", "a.csv", Stage::kTitleAbstract, "ann"),
                   InputError, "no 'included' column");
}

}  // namespace
}  // namespace prismaflow::screen
