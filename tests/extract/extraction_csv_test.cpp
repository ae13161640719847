#include "extract/extraction_csv.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::extract {
namespace {

TEST(ExtractionCsvTest, ParsesBinaryRowsWithLines) {
  auto rows = parse_outcome_csv(
      "study,outcome,events_t,total_t,events_c,total_c,note\n"
      "Locatelli 2021,dfs,17,54,31,54,Table 2\n"
      "Brown 2021,dfs,48,105,59,103,\"derived: summed first events\"\n",
      "x.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].study, "Locatelli 2021");
  EXPECT_EQ(*rows[0].events_c, 31);
  EXPECT_EQ(rows[1].line, 3u);
  EXPECT_EQ(rows[1].note, "derived: summed first events");
  EXPECT_FALSE(rows[0].mean_t.has_value());
}

TEST(ExtractionCsvTest, ExportThenImportIsLossless) {
  OutcomeRow a;
  a.study = "A, with comma";
  a.outcome = "os";
  a.extractor = "ann";
  a.events_t = 3;
  a.total_t = 10;
  a.events_c = 0.1 + 0.2;  // not representable in short decimal form
  a.total_c = 12;
  OutcomeRow b;
  b.study = "B";
  b.outcome = "hr";
  b.estimate = 0.62;
  b.ci_lower = 0.39;
  b.ci_upper = 0.98;
  b.effect_measure = "HR";
  std::string text = format_outcome_csv({a, b});
  auto back = parse_outcome_csv(text, "r.csv");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].study, a.study);
  EXPECT_EQ(*back[0].events_c, *a.events_c);
  EXPECT_EQ(back[1].effect_measure, "HR");
  EXPECT_EQ(format_outcome_csv(back), text);
}

TEST(ExtractionCsvTest, NonNumberNamesColumnAndLine) {
  EXPECT_THROW_MSG(parse_outcome_csv("study,outcome,events_t\nA,dfs,twelve\n", "d.csv"),
                   InputError, "d.csv:2: column 'events_t' holds 'twelve'");
}

TEST(ExtractionCsvTest, UnknownColumnIsRejected) {
  EXPECT_THROW_MSG(parse_outcome_csv("study,outcome,event_t\nA,dfs,1\n", "d.csv"), InputError,
                   "d.csv:1: unknown column 'event_t'");
}

TEST(ExtractionCsvTest, EmptyStudyIsRejected) {
  EXPECT_THROW_MSG(parse_outcome_csv("study,outcome\n,dfs\n", "d.csv"), InputError,
                   "d.csv:2: the study column is empty");
}

TEST(ExtractionCsvTest, RiskOfBiasRowsAreChecked) {
  auto rows = parse_rob_csv("study,domain,judgement\nA,Overall,Some concerns\n", "rob.csv");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].domain, "overall");
  EXPECT_EQ(rows[0].judgement, "some concerns");
  EXPECT_THROW_MSG(parse_rob_csv("study,domain,judgement\nA,blinding,low\n", "rob.csv"),
                   InputError, "rob.csv:2: unknown RoB 2 domain 'blinding'");
  EXPECT_THROW_MSG(parse_rob_csv("study,domain,judgement\nA,overall,unclear\n", "rob.csv"),
                   InputError, "rob.csv:2: judgement 'unclear'");
}

TEST(ExtractionCsvTest, KindIsToldByHeader) {
  EXPECT_EQ(detect_extraction_file("study,outcome\n", "a.csv"), ExtractionFile::kOutcomes);
  EXPECT_EQ(detect_extraction_file("study,domain,judgement\n", "b.csv"), ExtractionFile::kRiskOfBias);
  EXPECT_EQ(detect_extraction_file("study,Participants,notes\n", "d.csv"),
            ExtractionFile::kCharacteristics);
  EXPECT_EQ(detect_extraction_file("study,design\n", "e.csv"), ExtractionFile::kCharacteristics);
  EXPECT_THROW_MSG(detect_extraction_file("x,y\n", "c.csv"), InputError, "c.csv:1: header has neither");
}

}  // namespace
}  // namespace prismaflow::extract
