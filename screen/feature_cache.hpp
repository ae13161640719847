// The TF-IDF matrix of a review's records as bytes, so prioritised screening
// can keep it in the database between calls (ranking_store.hpp) instead of
// re-tokenising every record each time `screen next --order relevance` runs.
// Exact: values are stored as the doubles tfidf() produced, so a ranking from
// the cache equals one from a fresh build.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

/// Row r of `matrix` holds the features of record `record_ids[r]`.
struct RecordFeatures {
  std::vector<std::int64_t> record_ids;
  SparseMatrix matrix;
};

/// A zstd-compressed binary form of `features`.
std::string serialise_features(const RecordFeatures& features);

/// The inverse of serialise_features(); std::nullopt when `bytes` is not a
/// well-formed serialisation (a stale or damaged cache is rebuilt, not an error).
std::optional<RecordFeatures> deserialise_features(std::string_view bytes);

}  // namespace prismaflow::screen
