// `prismaflow meta` as a user runs it: exit codes, JSON on stdout, messages
// naming file:line, and the sections.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::test {
namespace {

std::string data(const std::string& name) {
  return (source_dir() / "tests" / "data" / "analyze" / name).string();
}

TEST(CmdMeta, PrintsContractJson) {
  auto r = run_prismaflow({"meta", data("generic.csv"), "--measure", "GEN", "--method", "REML", "--test", "knha", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["k"], 4);
  EXPECT_EQ(j["method"], "REML");
  EXPECT_EQ(j["test"], "knha");
  EXPECT_EQ(j["studies"].size(), 4u);
  EXPECT_FALSE(j["pi_lower"].is_null());
}

TEST(CmdMeta, PrintsARevManLikeTable) {
  auto r = run_prismaflow({"meta", data("binary_subgroups.csv"), "--measure", "RR", "--method", "MH"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Risk Ratio (RR), M-H, Fixed, 95% CI"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Total (95% CI)"), std::string::npos);
  EXPECT_NE(r.out.find("Test for overall effect: Z = "), std::string::npos);
}

TEST(CmdMeta, SectionsInTextAndJson) {
  auto r = run_prismaflow({"meta", data("binary_subgroups.csv"), "--measure", "OR", "--method", "DL", "--subgroups",
                           "--robustness", "--leave1out", "--egger"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Test for subgroup differences"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Robustness"), std::string::npos);
  EXPECT_NE(r.out.find("Leave-one-out"), std::string::npos);
  EXPECT_NE(r.out.find("Egger"), std::string::npos);
  auto s = run_prismaflow({"meta", data("binary_subgroups.csv"), "--measure", "OR", "--method", "DL", "--subgroups", "--json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  auto j = nlohmann::json::parse(s.out);
  EXPECT_EQ(j["groups"].size(), 2u);
  EXPECT_EQ(j["test"]["df"], 1);
  auto l = run_prismaflow({"meta", data("generic.csv"), "--measure", "GEN", "--method", "DL", "--leave1out", "--json"});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  EXPECT_EQ(nlohmann::json::parse(l.out)["omitted"].size(), 4u);
}

TEST(CmdMeta, BadDataExitsOneNamingFileAndLine) {
  auto r = run_prismaflow({"meta", data("events_above_total.csv"), "--measure", "RR", "--method", "FE"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("events_above_total.csv:3: study 'Beta 2003': events_t (31) is larger than total_t (30)"),
            std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto sd = run_prismaflow({"meta", data("zero_sd.csv"), "--measure", "SMD", "--method", "REML"});
  EXPECT_EQ(sd.exit_code, 1);
  EXPECT_NE(sd.err.find("zero_sd.csv:3: study 'B': SD must be positive"), std::string::npos) << sd.err;
  auto col = run_prismaflow({"meta", data("missing_column.csv"), "--measure", "RR", "--method", "FE"});
  EXPECT_EQ(col.exit_code, 1);
  EXPECT_NE(col.err.find("missing_column.csv:1: missing header column 'total_c'"), std::string::npos) << col.err;
  auto nn = run_prismaflow({"meta", data("non_numeric.csv"), "--measure", "MD", "--method", "FE"});
  EXPECT_EQ(nn.exit_code, 1);
  EXPECT_NE(nn.err.find("non_numeric.csv:3: column 'sd_t' is 'two', not a number"), std::string::npos) << nn.err;
  auto shape = run_prismaflow({"meta", data("generic.csv"), "--measure", "OR", "--method", "FE"});
  EXPECT_EQ(shape.exit_code, 1);
  EXPECT_NE(shape.err.find("generic.csv:2: study 'A': measure OR needs binary data"), std::string::npos) << shape.err;
}

TEST(CmdMeta, UsageErrorsExitTwo) {
  auto r = run_prismaflow({"meta", data("generic.csv"), "--measure", "GEN"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--method is required"), std::string::npos) << r.err;
  auto bad = run_prismaflow({"meta", data("generic.csv"), "--measure", "GEN", "--method", "XYZ"});
  EXPECT_EQ(bad.exit_code, 2);
  auto mh = run_prismaflow({"meta", data("generic.csv"), "--measure", "GEN", "--method", "MH"});
  EXPECT_EQ(mh.exit_code, 2);
  auto two = run_prismaflow({"meta", data("generic.csv"), "--measure", "GEN", "--method", "DL", "--json", "--egger",
                             "--leave1out"});
  EXPECT_EQ(two.exit_code, 2);
  auto help = run_prismaflow({"meta", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--measure"), std::string::npos);
}

TEST(CmdMeta, MissingFileExitsOne) {
  auto r = run_prismaflow({"meta", "/nonexistent/x.csv", "--measure", "GEN", "--method", "DL"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("x.csv"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace prismaflow::test
