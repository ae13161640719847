// parse_meta_csv(): shapes, the optional subgroup column, and messages that
// name file and line.
#include "analyze/meta_csv.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::analyze {
namespace {

std::string fixture(const std::string& name) {
  return read_file(test::source_dir() / "tests" / "data" / "analyze" / name);
}

TEST(MetaCsv, ReadsBinaryRowsWithSubgroupsAndLines) {
  auto rows = parse_meta_csv(fixture("binary_subgroups.csv"), "b.csv");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].study, "Alpha 2001");
  EXPECT_EQ(rows[0].subgroup, "adults");
  EXPECT_EQ(rows[2].subgroup, "children");
  EXPECT_EQ(rows[2].line, 4u);
  const auto& b = std::get<BinaryCounts>(rows[1].data);
  EXPECT_EQ(b.events_t, 6);
  EXPECT_EQ(b.total_c, 303);
}

TEST(MetaCsv, ReadsContinuousAndGenericShapes) {
  auto c = parse_meta_csv("study,mean_t,sd_t,n_t,mean_c,sd_c,n_c\nA,1.5,0.5,10,1.25,0.75,12\n", "c.csv");
  const auto& arms = std::get<ContinuousArms>(c[0].data);
  EXPECT_EQ(arms.mean_c, 1.25);
  EXPECT_EQ(arms.n_c, 12);
  auto g = parse_meta_csv(fixture("generic.csv"), "g.csv");
  ASSERT_EQ(g.size(), 4u);
  EXPECT_EQ(std::get<GenericEffect>(g[2].data).yi, -0.05);
  EXPECT_TRUE(g[0].subgroup.empty());
}

TEST(MetaCsv, ReadsFifteenDigitNumbersExactly) {
  auto g = parse_meta_csv("study,yi,vi\nX,0.165514438477573,1e-3\n", "g.csv");
  EXPECT_EQ(std::get<GenericEffect>(g[0].data).yi, 0.165514438477573);
  EXPECT_EQ(std::get<GenericEffect>(g[0].data).vi, 0.001);
}

TEST(MetaCsv, ErrorsNameFileAndLine) {
  EXPECT_THROW_MSG(parse_meta_csv(fixture("missing_column.csv"), "m.csv"), InputError,
                   "m.csv:1: missing header column 'total_c'");
  EXPECT_THROW_MSG(parse_meta_csv(fixture("non_numeric.csv"), "n.csv"), InputError,
                   "n.csv:3: column 'sd_t' is 'two', not a number");
  EXPECT_THROW_MSG(parse_meta_csv("study,yi,vi\n", "e.csv"), InputError, "e.csv:1: no data rows");
  EXPECT_THROW_MSG(parse_meta_csv("name,yi,vi\nA,1,1\n", "s.csv"), InputError, "missing header column 'study'");
  EXPECT_THROW_MSG(parse_meta_csv("study,foo\nA,1\n", "s.csv"), InputError, "no known data shape");
  EXPECT_THROW_MSG(parse_meta_csv("study,yi,vi\nA,,1\n", "s.csv"), InputError, "s.csv:2: column 'yi' is empty");
  EXPECT_THROW_MSG(parse_meta_csv("study,yi,vi\n,1,1\n", "s.csv"), InputError, "s.csv:2: the study label is empty");
}

}  // namespace
}  // namespace prismaflow::analyze
