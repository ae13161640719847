#include "extract/extraction_validate.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::extract {
namespace {

OutcomeRow binary(double et, double nt, double ec, double nc) {
  OutcomeRow r;
  r.study = "S";
  r.outcome = "o";
  r.line = 7;
  r.events_t = et;
  r.total_t = nt;
  r.events_c = ec;
  r.total_c = nc;
  return r;
}

TEST(ValidateTest, AcceptsGoodBinaryRowIncludingZeroEvents) {
  EXPECT_NO_THROW(validate_outcome_row(binary(0, 10, 3, 12), DataType::kBinary, "f.csv"));
}

TEST(ValidateTest, EventsAboveTotalNamesFileLineAndStudy) {
  EXPECT_THROW_MSG(validate_outcome_row(binary(11, 10, 3, 12), DataType::kBinary, "f.csv"),
                   InputError, "f.csv:7: study 'S', outcome 'o': events_t (11) is above total_t (10)");
}

TEST(ValidateTest, FractionalCountsAreRejected) {
  EXPECT_THROW_MSG(validate_outcome_row(binary(1.5, 10, 3, 12), DataType::kBinary, "f.csv"),
                   InputError, "whole number");
}

TEST(ValidateTest, MissingBinaryCellIsNamed) {
  auto r = binary(1, 10, 3, 12);
  r.total_c.reset();
  EXPECT_THROW_MSG(validate_outcome_row(r, DataType::kBinary, "f.csv"), InputError, "needs total_c");
}

TEST(ValidateTest, WrongShapeForTypeIsNamed) {
  auto r = binary(1, 10, 3, 12);
  r.mean_t = 2;
  EXPECT_THROW_MSG(validate_outcome_row(r, DataType::kBinary, "f.csv"), InputError,
                   "column mean_t is for continuous data");
}

TEST(ValidateTest, SdMustBePositive) {
  OutcomeRow r;
  r.study = "S";
  r.outcome = "o";
  r.mean_t = 1; r.sd_t = 0; r.n_t = 10; r.mean_c = 2; r.sd_c = 1; r.n_c = 10;
  EXPECT_THROW_MSG(validate_outcome_row(r, DataType::kContinuous, "f.csv"), InputError,
                   "sd_t = 0 must be positive");
}

TEST(ValidateTest, CiMustSurroundEstimate) {
  OutcomeRow r;
  r.study = "S";
  r.outcome = "o";
  r.estimate = 0.62; r.ci_lower = 0.7; r.ci_upper = 0.98; r.effect_measure = "HR";
  EXPECT_THROW_MSG(validate_outcome_row(r, DataType::kGeneric, "f.csv"), InputError,
                   "is not around the estimate 0.62");
  r.ci_lower = 0.39;
  EXPECT_NO_THROW(validate_outcome_row(r, DataType::kGeneric, "f.csv"));
}

TEST(CompareTest, ListsDisagreementsPerField) {
  auto a = binary(1, 10, 3, 12);
  a.extractor = "ann";
  auto b = binary(1, 10, 4, 12);
  b.extractor = "bob";
  auto diffs = compare_extractors({a, b});
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].field, "events_c");
  EXPECT_EQ(diffs[0].value_a, "3");
  EXPECT_EQ(diffs[0].value_b, "4");
}

TEST(RowsForAnalysisTest, AgreedRowWinsAndAgreementIsAccepted) {
  auto a = binary(1, 10, 3, 12);
  a.extractor = "ann";
  auto b = binary(1, 10, 4, 12);
  b.extractor = "bob";
  EXPECT_THROW_MSG(rows_for_analysis({a, b}), InputError, "disagree on events_c");
  auto agreed = binary(1, 10, 4, 12);
  auto rows = rows_for_analysis({a, b, agreed});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(*rows[0].events_c, 4);
  b.events_c = 3;
  EXPECT_EQ(rows_for_analysis({a, b}).size(), 1u);
}

TEST(ValidateTest, RiskOfBiasDisagreementsPerDomain) {
  std::vector<RiskOfBiasRow> rows = {
      {"A", "ann", "overall", "low", "", 2},           {"A", "bob", "overall", "high", "", 3},
      {"A", "ann", "missing outcome data", "low", "", 4}, {"A", "bob", "missing outcome data", "low", "", 5},
      {"A", "", "overall", "some concerns", "", 6},    {"B", "ann", "overall", "high", "", 7}};
  const auto d = compare_rob_extractors(rows);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].study, "A");
  EXPECT_EQ(d[0].field, "overall");
  EXPECT_EQ(d[0].value_a, "low");
  EXPECT_EQ(d[0].extractor_b, "bob");
  EXPECT_EQ(d[0].value_b, "high");
}

}  // namespace
}  // namespace prismaflow::extract
