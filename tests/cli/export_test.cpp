#include <gtest/gtest.h>

#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

TEST(ExportTest, EmptyReviewCsvHasTheContractHeader) {
  TempDir dir;
  ASSERT_EQ(run_prismaflow({"init", dir.path().string()}).exit_code, 0);
  auto r = run_prismaflow({"export", "records", "--format", "csv", "--review", dir.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("record_id,pmid,doi,title,year,journal,source,duplicate_of", 0), 0u);
}

TEST(ExportTest, WrongFormatIsAUsageError) {
  TempDir dir;
  ASSERT_EQ(run_prismaflow({"init", dir.path().string()}).exit_code, 0);
  auto r = run_prismaflow({"export", "records", "--format", "xls", "--review", dir.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("csv, ris or json"), std::string::npos);
}

}  // namespace
}  // namespace prismaflow::test
