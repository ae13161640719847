// The on-disk home of the cached TF-IDF matrix (screen/feature_cache.hpp): one
// file beside review.db, `.prismaflow-cache/ranking-features.bin`, holding a
// key (a hash of the feature settings and every record's text) and the
// matrix. It is a cache, not review data: deleting it only costs a rebuild,
// and it stays out of review.db so the database's content hash does not move.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "screen/feature_cache.hpp"

namespace prismaflow::screen {

/// Where the cache of the review whose database is `db_path` lives.
std::filesystem::path feature_cache_path(const std::filesystem::path& db_path);

/// The cached features if the file exists, is well formed and was written
/// under `key`; std::nullopt otherwise. Never throws.
std::optional<RecordFeatures> load_feature_cache(const std::filesystem::path& path,
                                                 const std::string& key);

/// Replaces the cache with `features` under `key` (atomically). Returns false,
/// writing nothing, when the folder cannot be written: the caller carries on
/// without a cache.
bool store_feature_cache(const std::filesystem::path& path, const std::string& key,
                         const RecordFeatures& features);

}  // namespace prismaflow::screen
