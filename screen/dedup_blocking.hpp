// Candidate pairs for de-duplication without comparing every pair: records
// that share a blocking key (title start, title end, first author + year,
// year + volume + first page, first author + first page, DOI) are compared.
// Blocks are found by sorting 64-bit key hashes, so no key string is built;
// a block larger than a cap is compared only along a sorted neighbourhood,
// so the number of pairs, and the time, grow linearly with the records. Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "screen/dedup_keys.hpp"

namespace prismaflow::screen {

/// What blocking did (for the scale bench and tests).
struct BlockingStats {
  std::size_t emitted = 0;          ///< pairs emitted by all key kinds, repeats included
  std::size_t pairs = 0;            ///< distinct pairs returned
  std::size_t largest_block = 0;    ///< records sharing the most common key
  std::size_t windowed_blocks = 0;  ///< blocks over `max_block`, compared by neighbourhood
};

/// Index pairs (i < j) into `keys`, each once, sorted. A block of up to
/// `max_block` records is compared all against all; a larger one only with
/// its neighbours in title order (a sorted neighbourhood of `window`), so one
/// common key cannot make it quadratic: each record takes part in at most
/// max(max_block - 1, 2 * window) pairs per key kind. `stats`, when given,
/// receives the counts.
std::vector<std::pair<std::uint32_t, std::uint32_t>> candidate_pairs(
    const std::vector<DedupKey>& keys, std::size_t max_block = 8, std::size_t window = 2,
    BlockingStats* stats = nullptr);

}  // namespace prismaflow::screen
