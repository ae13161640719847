// to_json(MetaResult) is a contract: exactly its keys, nulls as null, and
// meta_result_from_json() reads it back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "analyze/meta_analysis.hpp"
#include "common/error.hpp"

namespace prismaflow::analyze {
namespace {

std::vector<MetaStudyInput> rows() {
  return {{"a", "", GenericEffect{0.1, 0.02}, 2}, {"b", "", GenericEffect{0.5, 0.03}, 3}};
}

TEST(MetaJson, HasExactlyTheContractKeys) {
  auto j = to_json(run_meta(rows(), {Measure::GEN, Method::REML, TestKind::Z, 95}));
  std::set<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.insert(k);
  std::set<std::string> contract = {"k", "measure", "method", "test", "estimate", "se", "ci_lower",
                                    "ci_upper", "statistic", "p", "tau2", "q", "q_df", "q_p", "i2",
                                    "i2_tau", "h2", "pi_lower", "pi_upper", "studies"};
  EXPECT_EQ(keys, contract);
  EXPECT_TRUE(j["pi_lower"].is_null());  // k = 2
  EXPECT_EQ(j["measure"], "GEN");
  EXPECT_EQ(j["test"], "z");
  ASSERT_EQ(j["studies"].size(), 2u);
  std::set<std::string> study_keys;
  for (const auto& [k, v] : j["studies"][0].items()) study_keys.insert(k);
  EXPECT_EQ(study_keys, (std::set<std::string>{"study", "yi", "vi", "weight"}));
}

TEST(MetaJson, RoundTrips) {
  MetaResult r = run_meta(rows(), {Measure::GEN, Method::DL, TestKind::KNHA, 95});
  MetaResult back = meta_result_from_json(nlohmann::json::parse(to_json(r).dump()));
  EXPECT_EQ(back.k, r.k);
  EXPECT_EQ(back.method, Method::DL);
  EXPECT_EQ(back.test, TestKind::KNHA);
  EXPECT_EQ(back.estimate, r.estimate);
  EXPECT_EQ(back.p, r.p);
  EXPECT_EQ(back.df, r.df);
  EXPECT_EQ(back.studies[1].weight, r.studies[1].weight);
  EXPECT_EQ(to_json(back), to_json(r));
}

TEST(MetaJson, MissingFieldIsAnError) {
  auto j = to_json(run_meta(rows(), {Measure::GEN, Method::FE, TestKind::Z, 95}));
  j.erase("se");
  EXPECT_THROW(meta_result_from_json(j), Error);
}

TEST(MetaJson, SectionsUseTheReferenceLayout) {
  std::vector<MetaStudyInput> r = rows();
  r.push_back({"c", "", GenericEffect{-0.2, 0.05}, 4});
  auto l = to_json(leave_one_out(r, {Measure::GEN, Method::DL, TestKind::Z, 95}));
  ASSERT_TRUE(l.contains("omitted"));
  EXPECT_EQ(l["omitted"].size(), 3u);
  EXPECT_TRUE(l["omitted"][0].contains("q_df"));
  auto e = to_json(egger_test(r, {Measure::GEN, Method::DL, TestKind::Z, 95}));
  EXPECT_TRUE(e["rma"]["df"].is_null());
  EXPECT_EQ(e["lm"]["df"], 1);
  EXPECT_TRUE(e["lm"].contains("limit_ci_upper"));
}

}  // namespace
}  // namespace prismaflow::analyze
