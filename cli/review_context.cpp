#include "cli/review_context.hpp"

#include "common/error.hpp"
#include "common/file.hpp"

namespace prismaflow::cli {

Review open_review(const std::filesystem::path& dir) {
  auto toml = dir / "review.toml";
  std::error_code ec;
  if (!std::filesystem::exists(toml, ec)) {
    throw ConfigError(toml.string() +
                      ": no review here; run 'prismaflow init DIR' first or pass --review DIR");
  }
  Protocol protocol = parse_protocol(read_file(toml), toml.string());
  auto database = db::Database::open(dir / "review.db");
  return Review{dir, toml, std::move(protocol), std::move(database)};
}

}  // namespace prismaflow::cli
