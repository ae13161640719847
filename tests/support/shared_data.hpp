// Access to ../shared (real third-party fixtures, validation data). Tests
// that need it call PRISMAFLOW_REQUIRE_SHARED(), which skips the test with a
// clear message when the folder is absent, as in a user's plain clone.
#pragma once

#include <filesystem>
#include <optional>

#include <gtest/gtest.h>

namespace prismaflow::test {

/// The shared/ folder beside the project ($PRISMAFLOW_SHARED overrides), if present.
std::optional<std::filesystem::path> shared_dir();

/// The project's source folder (tests/data lives below it).
std::filesystem::path source_dir();

}  // namespace prismaflow::test

#define PRISMAFLOW_REQUIRE_SHARED(var)                                                   \
  auto var##_opt = ::prismaflow::test::shared_dir();                                     \
  if (!var##_opt) GTEST_SKIP() << "../shared is absent: skipping a test of real data";  \
  const std::filesystem::path var = *var##_opt
