// The binary as a user meets it: help texts, exit codes, "did you mean".
#include <gtest/gtest.h>

#include <sstream>

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

// The command names listed by `prismaflow --help`.
std::vector<std::string> listed_commands() {
  auto r = run_prismaflow({"--help"});
  std::vector<std::string> names;
  auto pos = r.out.find("Commands:\n");
  std::istringstream lines(r.out.substr(pos + 10));
  std::string line;
  while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.push_back(name);
  }
  return names;
}

TEST(CliTest, EveryCommandHasHelpAndHelpCommandMatches) {
  auto names = listed_commands();
  ASSERT_GE(names.size(), 4u);
  for (const auto& name : names) {
    if (name == "help") continue;
    const char* c = name.c_str();
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
