// The binary as a user meets it: help texts, exit codes, "did you mean".
#include <gtest/gtest.h>

#include "tests/support/run_command.hpp"

namespace prismaflow::test {
namespace {

TEST(CliTest, NoArgumentsPrintsOverviewAndExits2) {
  auto r = run_prismaflow({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Commands:"), std::string::npos);
}

TEST(CliTest, HelpListsEveryCommand) {
  auto r = run_prismaflow({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* c : {"init", "status", "export", "help"}) {
    EXPECT_NE(r.out.find(c), std::string::npos) << c;
  }
}

TEST(CliTest, UnknownCommandSuggestsTheClosest) {
  auto r = run_prismaflow({"stauts"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'status'"), std::string::npos) << r.err;
}

TEST(CliTest, EveryCommandHasHelpAndHelpCommandMatches) {
  for (const char* c : {"init", "status", "export"}) {
    auto a = run_prismaflow({c, "--help"});
    auto b = run_prismaflow({"help", c});
    EXPECT_EQ(a.exit_code, 0) << c;
    EXPECT_NE(a.out.find("Usage: prismaflow"), std::string::npos) << c;
    EXPECT_EQ(a.out, b.out) << c;
  }
}

TEST(CliTest, UnknownOptionIsAUsageError) {
  auto r = run_prismaflow({"status", "--frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--help"), std::string::npos);
}

TEST(CliTest, VersionPrints) {
  auto r = run_prismaflow({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("prismaflow ", 0), 0u);
}

}  // namespace
}  // namespace prismaflow::test
