#include "screen/consensus.hpp"

#include <gtest/gtest.h>

namespace prismaflow::screen {
namespace {

DecisionRow row(std::int64_t id, const std::string& reviewer, Decision d, Role role = Role::kReviewer,
                const std::string& reason = "", Stage stage = Stage::kTitleAbstract) {
  DecisionRow r;
  r.decision_id = id;
  r.record_id = 1;
  r.stage = stage;
  r.reviewer = reviewer;
  r.role = role;
  r.decision = d;
  r.reason = reason;
  return r;
}

TEST(ConsensusTest, NoDecisionIsPending) {
  EXPECT_EQ(consensus_of({}, 1).state, ConsensusState::kPending);
}

TEST(ConsensusTest, OneReviewerConfiguredMakesADecisionFinal) {
  auto c = consensus_of({row(1, "ann", Decision::kExclude, Role::kReviewer, "Wrong population")}, 1);
  EXPECT_EQ(c.state, ConsensusState::kFinal);
  EXPECT_EQ(c.decision, Decision::kExclude);
  EXPECT_EQ(c.reason, "Wrong population");
}

TEST(ConsensusTest, TwoReviewersNeededWaitsForTheSecond) {
  EXPECT_EQ(consensus_of({row(1, "ann", Decision::kInclude)}, 2).state, ConsensusState::kPending);
  auto agree = consensus_of({row(1, "ann", Decision::kInclude), row(2, "bob", Decision::kInclude)}, 2);
  EXPECT_EQ(agree.state, ConsensusState::kFinal);
  EXPECT_EQ(agree.decision, Decision::kInclude);
  auto disagree = consensus_of({row(1, "ann", Decision::kInclude), row(2, "bob", Decision::kExclude)}, 2);
  EXPECT_EQ(disagree.state, ConsensusState::kConflict);
  EXPECT_EQ(disagree.conflict, "reviewers disagree");
}

TEST(ConsensusTest, UnanimousMaybeNeedsAResolution) {
  auto c = consensus_of({row(1, "ann", Decision::kMaybe)}, 1);
  EXPECT_EQ(c.state, ConsensusState::kConflict);
}

TEST(ConsensusTest, ResolutionWinsOverReviewers) {
  auto c = consensus_of({row(1, "ann", Decision::kInclude), row(2, "bob", Decision::kExclude),
                         row(3, "cat", Decision::kExclude, Role::kResolution, "Wrong outcomes")},
                        2);
  EXPECT_EQ(c.state, ConsensusState::kFinal);
  EXPECT_TRUE(c.by_resolution);
  EXPECT_EQ(c.decision, Decision::kExclude);
  EXPECT_EQ(c.reason, "Wrong outcomes");
}

TEST(ConsensusTest, AutomationExclusionIsFinalUnlessResolved) {
  auto c = consensus_of({row(1, "rule:pt", Decision::kExclude, Role::kAutomation, "publication type: Review")}, 2);
  EXPECT_EQ(c.state, ConsensusState::kFinal);
  EXPECT_TRUE(c.by_automation);
  auto r = consensus_of({row(1, "rule:pt", Decision::kExclude, Role::kAutomation),
                         row(2, "ann", Decision::kInclude, Role::kResolution)},
                        1);
  EXPECT_EQ(r.decision, Decision::kInclude);
}

TEST(ConsensusTest, FullTextReasonsMustAgree) {
  auto c = consensus_of({row(1, "ann", Decision::kExclude, Role::kReviewer, "A", Stage::kFullText),
                         row(2, "bob", Decision::kExclude, Role::kReviewer, "B", Stage::kFullText)},
                        2);
  EXPECT_EQ(c.state, ConsensusState::kConflict);
  // At title/abstract the reason is not counted, so the exclusion stands.
  auto ta = consensus_of({row(1, "ann", Decision::kExclude, Role::kReviewer, "A"),
                          row(2, "bob", Decision::kExclude, Role::kReviewer, "B")},
                         2);
  EXPECT_EQ(ta.state, ConsensusState::kFinal);
}

}  // namespace
}  // namespace prismaflow::screen
