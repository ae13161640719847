#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

TEST(StatusTest, EmptyReviewTextAndJson) {
  TempDir dir;
  ASSERT_EQ(run_prismaflow({"init", dir.path().string(), "--title", "T"}).exit_code, 0);
  auto text = run_prismaflow({"status", "--review", dir.path().string()});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("no records yet"), std::string::npos);
  auto js = run_prismaflow({"status", "--json", "--review", dir.path().string()});
  ASSERT_EQ(js.exit_code, 0);
  auto j = nlohmann::json::parse(js.out);
  EXPECT_EQ(j["records"], 0);
  EXPECT_EQ(j["studies"], 0);
}

TEST(StatusTest, OutsideAReviewSaysWhatToDo) {
  TempDir dir;
  auto r = run_prismaflow({"status", "--review", dir.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("prismaflow init"), std::string::npos);
}

}  // namespace
}  // namespace prismaflow::test
