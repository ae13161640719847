#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

TEST(InitTest, CreatesProtocolAndDatabase) {
  TempDir dir;
  auto r = run_prismaflow({"init", (dir / "rev").string(), "--title", "Blinatumomab"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "rev" / "review.toml"));
  EXPECT_TRUE(std::filesystem::exists(dir / "rev" / "review.db"));
}

TEST(InitTest, TwiceIsAClearError) {
  TempDir dir;
  ASSERT_EQ(run_prismaflow({"init", (dir / "rev").string()}).exit_code, 0);
  auto r = run_prismaflow({"init", (dir / "rev").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("already holds a review"), std::string::npos) << r.err;
}

TEST(InitTest, UnwritablePlaceIsAClearError) {
  TempDir dir;
  std::filesystem::create_directory(dir / "ro");
  std::filesystem::permissions(dir / "ro", std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_exec);
  // Root ignores permission bits; a path below a regular file fails for everyone.
  write_text(dir / "file", "x");
  auto r = run_prismaflow({"init", (dir / "file" / "rev").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot create the folder"), std::string::npos) << r.err;
  std::filesystem::permissions(dir / "ro", std::filesystem::perms::owner_all);
}

TEST(InitTest, MissingDirIsAUsageError) {
  auto r = run_prismaflow({"init"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace prismaflow::test

namespace prismaflow::test {
namespace {

TEST(InitTest, AdoptsAnExistingProtocol) {
  TempDir dir;
  write_text(dir / "review.toml", "[review]\ntitle = \"Adopted\"\n");
  auto r = run_prismaflow({"init", dir.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Using the existing protocol"), std::string::npos);
  auto st = run_prismaflow({"status", "--review", dir.path().string()});
  EXPECT_NE(st.out.find("Adopted"), std::string::npos);
}

TEST(InitTest, BrokenExistingProtocolIsReportedAndNothingIsCreated) {
  TempDir dir;
  write_text(dir / "review.toml", "[review]\ntitle = \n");
  auto r = run_prismaflow({"init", dir.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("review.toml:2"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "review.db"));
}

}  // namespace
}  // namespace prismaflow::test
