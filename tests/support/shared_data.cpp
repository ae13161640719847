#include "tests/support/shared_data.hpp"

#include <cstdlib>

namespace prismaflow::test {

std::filesystem::path source_dir() { return PRISMAFLOW_SOURCE_DIR; }

std::optional<std::filesystem::path> shared_dir() {
  std::error_code ec;
  if (const char* env = std::getenv("PRISMAFLOW_SHARED"); env && *env) {
    if (std::filesystem::is_directory(env, ec)) return std::filesystem::path(env);
    return std::nullopt;
  }
  auto p = source_dir().parent_path() / "shared";
  if (std::filesystem::is_directory(p, ec)) return std::filesystem::canonical(p);
  return std::nullopt;
}

}  // namespace prismaflow::test
