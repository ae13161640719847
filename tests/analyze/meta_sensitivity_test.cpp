// Leave-one-out and Egger's test against metafor (shared/validation/meta),
// and subgroup and robustness analyses on small fixtures.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "analyze/meta_analysis.hpp"
#include "analyze/meta_csv.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "tests/analyze/reference_compare.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::analyze {
namespace {

MetaOptions options_for(const std::string& key) {
  auto a = key.find('/');
  return {*parse_measure(key.substr(0, a)), *parse_method(key.substr(a + 1)), TestKind::Z, 95};
}

template <typename Fn>
int check_section(const std::filesystem::path& shared, const char* section, Fn fit) {
  int compared = 0;
  for (const auto& file : test::reference_files(shared)) {
    auto ref = test::load_json(file);
    if (!ref.contains(section)) continue;
    auto csv_path = file;
    csv_path.replace_extension(".csv");
    auto rows = parse_meta_csv(read_file(csv_path), csv_path.string());
    for (const auto& [key, expected] : ref[section].items()) {
      auto problems = test::compare_with_reference(expected, fit(rows, options_for(key)));
      for (const auto& p : problems) ADD_FAILURE() << file.stem().string() << ":" << section << "/" << key << ": " << p;
      ++compared;
    }
  }
  return compared;
}

TEST(MetaReference, LeaveOneOutAgreesWithMetafor) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  int n = check_section(shared, "leave1out", [](const auto& rows, const MetaOptions& o) {
    return to_json(leave_one_out(rows, o));
  });
  EXPECT_GT(n, 0);
}

TEST(MetaReference, EggerAgreesWithMetafor) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  int n = check_section(shared, "egger", [](const auto& rows, const MetaOptions& o) {
    return to_json(egger_test(rows, o));
  });
  EXPECT_GT(n, 0);
}

MetaStudyInput gen(const std::string& name, const std::string& group, double y, double v) {
  return {name, group, GenericEffect{y, v}, 0};
}

TEST(LeaveOneOut, OmittingAStudyEqualsFittingTheRest) {
  std::vector<MetaStudyInput> rows = {gen("a", "", 0.1, 0.02), gen("b", "", 0.5, 0.03), gen("c", "", -0.2, 0.05)};
  MetaOptions o{Measure::GEN, Method::REML, TestKind::KNHA, 95};
  auto l = leave_one_out(rows, o);
  ASSERT_EQ(l.omitted.size(), 3u);
  MetaOptions z = o;
  z.test = TestKind::Z;
  MetaResult without_b = run_meta({rows[0], rows[2]}, z);
  EXPECT_EQ(l.omitted[1].study, "b");
  EXPECT_DOUBLE_EQ(l.omitted[1].estimate, without_b.estimate);
  EXPECT_DOUBLE_EQ(l.omitted[1].tau2, without_b.tau2);
  EXPECT_THROW_MSG(leave_one_out({rows[0]}, o), Error, "at least 2");
}

TEST(Egger, WarnsBelowTenStudiesAndNeedsThree) {
  std::vector<MetaStudyInput> rows;
  for (int i = 0; i < 5; ++i) rows.push_back(gen("s" + std::to_string(i), "", 0.1 * i, 0.01 * (i + 1)));
  auto e = egger_test(rows, {Measure::GEN, Method::DL, TestKind::Z, 95});
  EXPECT_EQ(e.k, 5);
  ASSERT_FALSE(e.warnings.empty());
  EXPECT_NE(e.warnings[0].find("k = 5 < 10"), std::string::npos);
  EXPECT_EQ(*e.lm.df, 3);
  EXPECT_FALSE(e.rma.df.has_value());
  rows.resize(2);
  EXPECT_THROW_MSG(egger_test(rows, {Measure::GEN, Method::DL, TestKind::Z, 95}), Error, "at least 3");
}

TEST(Egger, LmStatisticEqualsClassicEggerRegression) {
  // Classic Egger: regress y/se on 1/se (OLS); its intercept t equals the lm sei-slope t.
  std::vector<double> y = {0.3, 0.1, 0.5, 0.9, -0.2, 0.4}, v = {0.01, 0.04, 0.09, 0.2, 0.03, 0.06};
  std::vector<MetaStudyInput> rows;
  for (std::size_t i = 0; i < y.size(); ++i) rows.push_back(gen("s" + std::to_string(i), "", y[i], v[i]));
  auto e = egger_test(rows, {Measure::GEN, Method::FE, TestKind::Z, 95});
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    double se = std::sqrt(v[i]), xi = 1 / se, yi = y[i] / se;
    n += 1, sx += xi, sy += yi, sxx += xi * xi, sxy += xi * yi;
  }
  double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx), icpt = (sy - slope * sx) / n, rss = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    double se = std::sqrt(v[i]);
    rss += std::pow(y[i] / se - icpt - slope / se, 2);
  }
  double se_icpt = std::sqrt(rss / (n - 2) * sxx / (n * sxx - sx * sx));
  EXPECT_NEAR(e.lm.statistic, icpt / se_icpt, 1e-10);
  EXPECT_NEAR(e.lm.limit_estimate, slope, 1e-10);
}

TEST(Subgroups, TestForSubgroupDifferencesUsesTheSubgroupEstimates) {
  std::vector<MetaStudyInput> rows = {gen("a", "young", 0.1, 0.02), gen("b", "young", 0.3, 0.03),
                                      gen("c", "old", 0.8, 0.05), gen("d", "old", 0.6, 0.04)};
  MetaOptions o{Measure::GEN, Method::FE, TestKind::Z, 95};
  auto s = subgroup_analysis(rows, o);
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[0].name, "young");
  EXPECT_EQ(s.groups[0].result.k, 2);
  double w1 = 1 / std::pow(s.groups[0].result.se, 2), w2 = 1 / std::pow(s.groups[1].result.se, 2);
  double m1 = s.groups[0].result.estimate, m2 = s.groups[1].result.estimate;
  double mean = (w1 * m1 + w2 * m2) / (w1 + w2);
  EXPECT_NEAR(s.q_between, w1 * std::pow(m1 - mean, 2) + w2 * std::pow(m2 - mean, 2), 1e-12);
  EXPECT_EQ(s.df, 1);
  // With FE, Q_total = Q_within + Q_between.
  MetaResult all = run_meta(rows, o);
  EXPECT_NEAR(all.q, s.groups[0].result.q + s.groups[1].result.q + s.q_between, 1e-10);
  for (auto& r : rows) r.subgroup.clear();
  EXPECT_THROW_MSG(subgroup_analysis(rows, o), InputError, "add a 'subgroup' column");
}

TEST(Robustness, EveryMethodAndTestIsListed) {
  std::vector<MetaStudyInput> rows = {{"a", "", BinaryCounts{4, 123, 11, 139}, 0},
                                      {"b", "", BinaryCounts{6, 306, 29, 303}, 0},
                                      {"c", "", BinaryCounts{3, 231, 11, 220}, 0}};
  auto t = robustness_table(rows, {Measure::OR, Method::REML, TestKind::Z, 95});
  ASSERT_EQ(t.rows.size(), 20u);
  int fitted = 0;
  for (const auto& row : t.rows) {
    if (row.result) {
      ++fitted;
      EXPECT_EQ(row.result->method, row.method);
      EXPECT_EQ(row.result->test, row.test);
    } else {
      EXPECT_FALSE(row.note.empty());
    }
  }
  EXPECT_EQ(fitted, 18);  // MH and PETO have no knha
  auto md = robustness_table({gen("a", "", 1, 1), gen("b", "", 2, 1)}, {Measure::GEN, Method::DL, TestKind::Z, 95});
  int notes = 0;
  for (const auto& row : md.rows) notes += row.result ? 0 : 1;
  EXPECT_EQ(notes, 4);
}

}  // namespace
}  // namespace prismaflow::analyze
