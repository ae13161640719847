#include "extract/study_characteristics.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::extract {
namespace {

TEST(StudyCharacteristicsCsv, ParsesAnySubsetOfColumnsWithLines) {
  auto rows = parse_characteristics_csv(
      "Study,Design,Participants,N_randomised,Notes\n"
      "Brown 2021, RCT ,\"HR/IR first relapse, age 1-30\",208,\n"
      "Hogan 2023,RCT,LR first relapse,,\"two papers, one trial\"\n",
      "c.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].study, "Brown 2021");
  EXPECT_EQ(rows[0].design, "RCT") << "cells are trimmed";
  EXPECT_EQ(rows[0].participants, "HR/IR first relapse, age 1-30");
  EXPECT_EQ(rows[0].n_randomised, 208);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_FALSE(rows[1].n_randomised.has_value());
  EXPECT_EQ(rows[1].notes, "two papers, one trial");
  EXPECT_EQ(rows[1].interventions, "") << "absent column";
  EXPECT_EQ(rows[1].line, 3u);
}

TEST(StudyCharacteristicsCsv, ExportThenImportIsLossless) {
  StudyCharacteristics a;
  a.study = "Locatelli 2021";
  a.design = "RCT, \"open\" label";
  a.setting = "13 countries";
  a.participants = "HR first relapse\nages 28 days-18 years";
  a.n_randomised = 108;
  a.interventions = "blinatumomab";
  a.comparators = "HC3";
  a.outcomes = "EFS; OS; MRD";
  a.registration = "NCT02393859";
  a.funding = "Amgen";
  a.notes = "third consolidation";
  StudyCharacteristics b;
  b.study = "Locatelli 2021";
  b.extractor = "ann";
  const std::string csv = format_characteristics_csv({a, b});
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "study,extractor,design,setting,participants,n_randomised,interventions,comparators,"
            "outcomes,registration,funding,notes");
  auto back = parse_characteristics_csv(csv, "round.csv");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(format_characteristics_csv(back), csv);
  EXPECT_EQ(back[0].participants, a.participants);
  EXPECT_EQ(back[0].n_randomised, 108);
  EXPECT_EQ(back[1].extractor, "ann");
  EXPECT_FALSE(back[1].n_randomised.has_value());
}

TEST(StudyCharacteristicsCsv, BadInputNamesFileLineAndWhatToDo) {
  EXPECT_THROW_MSG(parse_characteristics_csv("study,design,arms\nA,RCT,2\n", "c.csv"), InputError,
                   "c.csv:1: unknown column 'arms'; study characteristics columns are study, extractor");
  EXPECT_THROW_MSG(parse_characteristics_csv("study,design\n,RCT\n", "c.csv"), InputError,
                   "c.csv:2: the study column is empty");
  for (const char* bad : {"about 200", "-3", "20.5"}) {
    EXPECT_THROW_MSG(parse_characteristics_csv(std::string("study,n_randomised\nA,") + bad + "\n", "c.csv"),
                     InputError, "c.csv:2: column 'n_randomised' holds");
  }
  EXPECT_THROW_MSG(parse_characteristics_csv("study,design\nA,RCT\nB,RCT\nA,cluster RCT\n", "c.csv"),
                   InputError, "c.csv:4: study 'A' appears twice as the agreed row");
  EXPECT_THROW_MSG(parse_characteristics_csv("design\nRCT\n", "c.csv"), InputError, "c.csv");
  // The same study for two extractors is two rows, not a repeat.
  EXPECT_EQ(parse_characteristics_csv("study,extractor,design\nA,ann,RCT\nA,bob,RCT\n", "c.csv").size(), 2u);
}

TEST(StudyCharacteristicsCompare, ListsEachFieldTwoExtractorsDisagreeOn) {
  StudyCharacteristics ann, bob, agreed, solo;
  ann.study = bob.study = agreed.study = "Brown 2021";
  ann.extractor = "ann";
  bob.extractor = "bob";
  ann.design = bob.design = "RCT";
  ann.n_randomised = 208;
  bob.n_randomised = 210;
  ann.outcomes = "DFS, OS";
  bob.outcomes = "DFS";
  agreed.design = "cluster RCT";  // the agreed row is not compared
  solo.study = "Hogan 2023";
  solo.extractor = "ann";
  const auto d = compare_characteristics({ann, agreed, bob, solo});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].study, "Brown 2021");
  EXPECT_EQ(d[0].field, "n_randomised");
  EXPECT_EQ(d[0].value_a, "208");
  EXPECT_EQ(d[0].value_b, "210");
  EXPECT_EQ(d[1].field, "outcomes");
  EXPECT_EQ(d[1].extractor_a, "ann");
  EXPECT_EQ(d[1].value_b, "DFS");
  bob.n_randomised.reset();
  bob.outcomes = ann.outcomes;
  const auto e = compare_characteristics({ann, bob});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].value_b, "(empty)");
  EXPECT_TRUE(compare_characteristics({ann, ann}).empty());
}

TEST(StudyCharacteristicsCsv, HeaderTellsTheKind) {
  EXPECT_TRUE(is_characteristics_header({"study", "Interventions"}));
  EXPECT_TRUE(is_characteristics_header({"study", "design"}));
  EXPECT_FALSE(is_characteristics_header({"study", "outcome", "events_t"}));
  EXPECT_FALSE(is_characteristics_header({"study", "notes"}));
}

}  // namespace
}  // namespace prismaflow::extract
