// run_meta() against metafor 3.8: every field of every combination in
// shared/validation/meta, plus edge cases on small fixtures of our own.
#include "analyze/meta_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "analyze/meta_csv.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "tests/analyze/reference_compare.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::analyze {
namespace {

MetaOptions options_for(const std::string& key) {
  auto a = key.find('/'), b = key.rfind('/');
  return {*parse_measure(key.substr(0, a)), *parse_method(key.substr(a + 1, b - a - 1)),
          *parse_test(key.substr(b + 1)), 95};
}

TEST(MetaReference, EveryResultAgreesWithMetafor) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto files = test::reference_files(shared);
  ASSERT_FALSE(files.empty()) << "no reference files under " << shared;
  int compared = 0;
  for (const auto& file : files) {
    auto ref = test::load_json(file);
    auto csv_path = file;
    csv_path.replace_extension(".csv");
    auto rows = parse_meta_csv(read_file(csv_path), csv_path.string());
    for (const auto& [key, expected] : ref["results"].items()) {
      if (expected.contains("error")) continue;  // metafor could not fit: any answer is accepted
      MetaOptions o = options_for(key);
      MetaResult r = run_meta(rows, o, csv_path.string());
      auto problems = test::compare_with_reference(expected, to_json(r));
      for (const auto& p : problems) ADD_FAILURE() << file.stem().string() << ":" << key << ": " << p;
      ++compared;
    }
  }
  EXPECT_GT(compared, 0);
}

MetaStudyInput bin(const std::string& name, double a, double n1, double c, double n2, std::size_t line = 0) {
  return {name, "", BinaryCounts{a, n1, c, n2}, line};
}
MetaStudyInput gen(const std::string& name, double y, double v) { return {name, "", GenericEffect{y, v}, 0}; }

TEST(MetaEdgeCases, SingleStudyIsThePooledResult) {
  for (Method m : {Method::FE, Method::DL, Method::REML, Method::PM, Method::SJ, Method::HE, Method::ML, Method::EB}) {
    MetaResult r = run_meta({gen("only", 0.3, 0.04)}, {Measure::GEN, m, TestKind::Z, 95});
    EXPECT_EQ(r.k, 1);
    EXPECT_DOUBLE_EQ(r.estimate, 0.3);
    EXPECT_DOUBLE_EQ(r.se, 0.2);
    EXPECT_EQ(r.tau2, 0);
    EXPECT_EQ(r.q, 0);
    EXPECT_EQ(r.q_df, 0);
    EXPECT_EQ(r.q_p, 1);
    EXPECT_EQ(r.i2, 0);
    EXPECT_EQ(r.i2_tau, 0);
    EXPECT_EQ(r.h2, 1);
    EXPECT_FALSE(r.pi_lower.has_value());
    EXPECT_DOUBLE_EQ(*r.studies[0].weight, 100);
  }
}

TEST(MetaEdgeCases, SingleStudyWithKnhaFallsBackToZWithAWarning) {
  MetaResult r = run_meta({gen("only", 0.3, 0.04)}, {Measure::GEN, Method::REML, TestKind::KNHA, 95});
  EXPECT_FALSE(r.df.has_value());
  EXPECT_NEAR(r.ci_upper, 0.3 + 1.959963984540054 * 0.2, 1e-12);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("knha"), std::string::npos);
}

TEST(MetaEdgeCases, TwoStudiesHaveNoPredictionInterval) {
  MetaResult r = run_meta({gen("a", 0.1, 0.02), gen("b", 0.5, 0.03)}, {Measure::GEN, Method::DL, TestKind::KNHA, 95});
  EXPECT_EQ(r.k, 2);
  EXPECT_FALSE(r.pi_lower.has_value());
  EXPECT_FALSE(r.pi_upper.has_value());
  ASSERT_TRUE(r.df.has_value());
  EXPECT_EQ(*r.df, 1);
  EXPECT_GT(r.tau2, 0);  // Q = 0.16/0.05 = 3.2 > 1
}

TEST(MetaEdgeCases, IdenticalEffectsGiveZeroTau2ForEveryEstimator) {
  std::vector<MetaStudyInput> rows = {gen("a", 0.2, 0.01), gen("b", 0.2, 0.05), gen("c", 0.2, 0.1)};
  for (Method m : {Method::DL, Method::REML, Method::PM, Method::SJ, Method::HE, Method::ML, Method::EB}) {
    MetaResult r = run_meta(rows, {Measure::GEN, m, TestKind::Z, 95});
    EXPECT_EQ(r.tau2, 0) << to_string(m);
    EXPECT_NEAR(r.estimate, 0.2, 1e-15);
    EXPECT_EQ(r.i2, 0);
    EXPECT_EQ(r.h2, 1);
  }
}

TEST(MetaEdgeCases, HugeAndTinyVariancesStayFinite) {
  std::vector<MetaStudyInput> rows = {gen("tiny", 0.1, 1e-12), gen("huge", 3.0, 1e8), gen("mid", -0.4, 0.5),
                                      gen("mid2", 0.9, 0.2)};
  for (Method m : {Method::FE, Method::DL, Method::REML, Method::PM, Method::SJ, Method::HE, Method::ML, Method::EB}) {
    MetaResult r = run_meta(rows, {Measure::GEN, m, TestKind::Z, 95});
    EXPECT_TRUE(std::isfinite(r.estimate) && std::isfinite(r.se) && std::isfinite(r.tau2)) << to_string(m);
    double total = 0;
    for (const auto& s : r.studies) total += *s.weight;
    EXPECT_NEAR(total, 100, 1e-9) << to_string(m);
  }
}

TEST(MetaEdgeCases, EveryStudyWithAZeroCellGetsTheContinuityCorrection) {
  std::vector<MetaStudyInput> rows = {bin("a", 0, 10, 2, 10), bin("b", 1, 12, 0, 11), bin("c", 0, 8, 3, 9)};
  MetaResult r = run_meta(rows, {Measure::OR, Method::FE, TestKind::Z, 95});
  // study a: cells 0.5, 10.5, 2.5, 8.5
  EXPECT_NEAR(*r.studies[0].yi, std::log(0.5 * 8.5 / (10.5 * 2.5)), 1e-14);
  EXPECT_NEAR(*r.studies[0].vi, 1 / 0.5 + 1 / 10.5 + 1 / 2.5 + 1 / 8.5, 1e-14);
  EXPECT_EQ(r.k, 3);
}

TEST(MetaEdgeCases, DoubleZeroStudiesAreDroppedForRatiosButKeptForRD) {
  std::vector<MetaStudyInput> rows = {bin("zero", 0, 10, 0, 10), bin("all", 10, 10, 12, 12), bin("b", 2, 20, 5, 20),
                                      bin("c", 3, 30, 6, 30)};
  MetaResult rr = run_meta(rows, {Measure::RR, Method::DL, TestKind::Z, 95});
  EXPECT_EQ(rr.k, 2);
  EXPECT_FALSE(rr.studies[0].yi.has_value());
  EXPECT_FALSE(rr.studies[1].weight.has_value());
  MetaResult rd = run_meta(rows, {Measure::RD, Method::DL, TestKind::Z, 95});
  EXPECT_EQ(rd.k, 4);
  EXPECT_NEAR(*rd.studies[0].yi, 0, 1e-15);
  MetaResult mh = run_meta(rows, {Measure::RR, Method::MH, TestKind::Z, 95});
  EXPECT_EQ(mh.k, 4);  // every table stays in the MH sums
  EXPECT_EQ(*mh.studies[0].weight, 0);
  EXPECT_GT(*mh.studies[1].weight, 0);  // all-event table: no yi, but MH RR weight c*n1/N > 0
  EXPECT_EQ(mh.q_df, 1);
}

TEST(MetaEdgeCases, AllDoubleZeroStudiesCannotBePooledAsRatios) {
  std::vector<MetaStudyInput> rows = {bin("a", 0, 10, 0, 10, 2), bin("b", 0, 5, 0, 6, 3)};
  EXPECT_THROW_MSG(run_meta(rows, {Measure::OR, Method::REML, TestKind::Z, 95}, "d.csv"), InputError,
                   "use --measure RD");
  MetaResult rd = run_meta(rows, {Measure::RD, Method::REML, TestKind::Z, 95});
  EXPECT_EQ(rd.k, 2);
}

TEST(MetaEdgeCases, HedgesCorrectionIsTheExactGammaRatio) {
  MetaStudyInput s{"s", "", ContinuousArms{10, 2, 5, 8, 2, 5}, 0};
  MetaResult r = run_meta({s}, {Measure::SMD, Method::FE, TestKind::Z, 95});
  double m = 8;
  double j = std::tgamma(m / 2) / (std::sqrt(m / 2) * std::tgamma((m - 1) / 2));
  EXPECT_NEAR(*r.studies[0].yi, j * 1.0, 1e-14);  // (10-8)/2 = 1
  EXPECT_NEAR(*r.studies[0].vi, 0.4 + j * j / 20, 1e-14);
}

TEST(MetaInputErrors, BadValuesNameFileLineAndStudy) {
  EXPECT_THROW_MSG(run_meta({bin("Smith", 12, 10, 1, 10, 7)}, {Measure::RR, Method::FE, TestKind::Z, 95}, "x.csv"),
                   InputError, "x.csv:7: study 'Smith': events_t (12) is larger than total_t (10)");
  MetaStudyInput sd{"Jones", "", ContinuousArms{1, -2, 10, 1, 1, 10}, 4};
  EXPECT_THROW_MSG(run_meta({sd}, {Measure::MD, Method::FE, TestKind::Z, 95}, "y.csv"), InputError,
                   "y.csv:4: study 'Jones': SD must be positive");
  MetaStudyInput n{"Lee", "", ContinuousArms{1, 2, 0, 1, 1, 10}, 5};
  EXPECT_THROW_MSG(run_meta({n}, {Measure::MD, Method::FE, TestKind::Z, 95}, "y.csv"), InputError,
                   "y.csv:5: study 'Lee': n must be positive");
  EXPECT_THROW_MSG(run_meta({gen("g", 0.1, 0)}, {Measure::GEN, Method::FE, TestKind::Z, 95}, "g.csv"), InputError,
                   "vi must be positive");
  EXPECT_THROW_MSG(run_meta({gen("g", 0.1, 0.2)}, {Measure::RR, Method::FE, TestKind::Z, 95}, "g.csv"), InputError,
                   "measure RR needs binary data");
}

TEST(MetaInputErrors, MethodsThatDoNotApplyAreUsageErrors) {
  EXPECT_THROW_MSG(run_meta({gen("g", 0.1, 0.2)}, {Measure::GEN, Method::MH, TestKind::Z, 95}), UsageError,
                   "--method MH needs a binary measure");
  EXPECT_THROW_MSG(run_meta({bin("a", 1, 10, 2, 10)}, {Measure::RR, Method::PETO, TestKind::Z, 95}), UsageError,
                   "--measure OR");
  EXPECT_THROW_MSG(run_meta({bin("a", 1, 10, 2, 10)}, {Measure::OR, Method::MH, TestKind::KNHA, 95}), UsageError,
                   "knha");
  EXPECT_THROW_MSG(run_meta({gen("g", 0.1, 0.2)}, {Measure::GEN, Method::FE, TestKind::Z, 100}), UsageError,
                   "--level");
}

TEST(MetaNames, ParseIsCaseInsensitiveAndRoundTrips) {
  for (Method m : all_methods()) EXPECT_EQ(parse_method(to_string(m)), m);
  EXPECT_EQ(parse_measure("smd"), Measure::SMD);
  EXPECT_EQ(parse_test("KNHA"), TestKind::KNHA);
  EXPECT_FALSE(parse_method("XX").has_value());
  EXPECT_TRUE(is_random_effects(Method::EB));
  EXPECT_FALSE(is_random_effects(Method::PETO));
}

}  // namespace
}  // namespace prismaflow::analyze
