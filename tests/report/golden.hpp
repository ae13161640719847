// Golden-file comparison for the report tests: the expected bytes live in
// tests/data/report/; PRISMAFLOW_UPDATE_GOLDEN=1 rewrites them from the
// current output (review the diff before committing).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/shared_data.hpp"

namespace prismaflow::test {

inline void expect_golden(const std::string& name, const std::string& actual) {
  const auto path = source_dir() / "tests" / "data" / "report" / name;
  const char* update = std::getenv("PRISMAFLOW_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing; run with PRISMAFLOW_UPDATE_GOLDEN=1 to create it";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_TRUE(ss.str() == actual) << name << " differs from its golden file " << path
                                  << "; if the change is intended, rerun with "
                                     "PRISMAFLOW_UPDATE_GOLDEN=1 and review the diff";
}

}  // namespace prismaflow::test
