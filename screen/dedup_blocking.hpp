// Candidate pairs for de-duplication without comparing every pair: records
// that share a blocking key (title start, title end, first author + year,
// year + volume + first page, first author + first page, DOI) are compared.
// Pure; ~linear in the number of records.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "screen/dedup_keys.hpp"

namespace prismaflow::screen {

/// Index pairs (i < j) into `keys`, each once, sorted. A block larger than
/// `max_block` is compared only with its neighbours in title order (a sorted
/// neighbourhood of `window`), so one common key cannot make it quadratic.
std::vector<std::pair<std::uint32_t, std::uint32_t>> candidate_pairs(
    const std::vector<DedupKey>& keys, std::size_t max_block = 64, std::size_t window = 8);

}  // namespace prismaflow::screen
