#include "report/characteristics_table.hpp"

#include <gtest/gtest.h>

namespace prismaflow::report {
namespace {

TEST(CharacteristicsTable, CellsJoinTheGivenPartsOnly) {
  extract::StudyCharacteristics c;
  c.design = "parallel-group RCT";
  c.setting = "COG centres, 2014-2019";
  c.participants = "first relapse, age 1-30";
  c.n_randomised = 208;
  c.interventions = "2 blocks of blinatumomab";
  c.comparators = "2 blocks of chemotherapy";
  c.outcomes = "DFS, OS, MRD";
  c.registration = "NCT02101853";
  c.funding = "NCI";
  c.notes = "HR/IR randomisation";
  const CharacteristicsCells cells = characteristics_cells(c);
  EXPECT_EQ(cells.methods, "parallel-group RCT; COG centres, 2014-2019");
  EXPECT_EQ(cells.participants, "first relapse, age 1-30; N = 208 randomised");
  EXPECT_EQ(cells.interventions, "2 blocks of blinatumomab; Comparator: 2 blocks of chemotherapy");
  EXPECT_EQ(cells.outcomes, "DFS, OS, MRD");
  EXPECT_EQ(cells.notes, "Registration: NCT02101853; Funding: NCI; HR/IR randomisation");
}

TEST(CharacteristicsTable, EmptyPartsLeaveNoSeparators) {
  extract::StudyCharacteristics c;
  c.n_randomised = 0;
  c.comparators = "placebo";
  c.notes = "abstract only";
  const CharacteristicsCells cells = characteristics_cells(c);
  EXPECT_EQ(cells.methods, "");
  EXPECT_EQ(cells.participants, "N = 0 randomised");
  EXPECT_EQ(cells.interventions, "Comparator: placebo");
  EXPECT_EQ(cells.notes, "abstract only");
  EXPECT_EQ(characteristics_cells(extract::StudyCharacteristics{}).participants, "");
}

TEST(CharacteristicsTable, FullTableOnlyWhenSomeStudyHasCharacteristics) {
  std::vector<IncludedStudy> studies = {{"A", {}, std::nullopt}, {"B", {"cite"}, std::nullopt}};
  EXPECT_FALSE(any_characteristics(studies));
  studies[1].characteristics = extract::StudyCharacteristics{};
  EXPECT_TRUE(any_characteristics(studies));
  EXPECT_FALSE(any_characteristics({}));
}

}  // namespace
}  // namespace prismaflow::report
