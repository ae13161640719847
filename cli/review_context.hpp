// Opening the review a command works on: the folder given by --review (or
// the current one), its protocol (review.toml) and its database (review.db).
#pragma once

#include <filesystem>

#include "common/protocol.hpp"
#include "db/database.hpp"

namespace prismaflow::cli {

struct Review {
  std::filesystem::path dir;
  std::filesystem::path protocol_path;
  Protocol protocol;
  db::Database db;
};

/// Opens the review in `dir`. Throws ConfigError when review.toml is missing
/// or wrong, DbError when review.db is missing or from a newer version.
Review open_review(const std::filesystem::path& dir);

}  // namespace prismaflow::cli
