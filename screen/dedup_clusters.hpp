// From records' keys to a de-duplication plan: exact identifiers (PMID, PMCID,
// DOI), then blocked candidate pairs scored by score_pair(); pairs at or above
// the merge threshold join clusters (union-find, never across a pair the
// reviewers called distinct), the uncertain band is listed for review, and
// each cluster keeps one record chosen deterministically. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "screen/dedup_blocking.hpp"
#include "screen/dedup_keys.hpp"

namespace prismaflow::screen {

struct DedupSettings {
  double merge_threshold = 0.90;   ///< score >= this merges automatically
  double review_threshold = 0.75;  ///< [review, merge) goes to `dedup review`
  // Blocking caps (dedup_blocking.hpp). On the labelled sets 8 and 2 keep
  // every merge and every true pair of the review band that 64 and 8 found
  // (6 and 2 lose true pairs: all-against-all in small author-year blocks is
  // what finds copies whose titles begin differently; a wider window is not).
  // Generated records get 0.4, 1.2 and 2.5 candidate pairs each at 10^4,
  // 10^5 and 10^6 (4.3 at 10^6 with 16 and 4).
  std::size_t max_block = 8;       ///< blocks up to this size are compared all against all
  std::size_t window = 2;          ///< larger blocks: neighbours in title order compared
};

/// A pair of indices into the key vector, with its score and what matched.
struct MatchedPair {
  std::size_t a = 0, b = 0;
  double score = 0;
  std::string method;  ///< "pmid", "pmcid", "doi", "score", "reviewed"
  /// Review pairs: why the pair is a question rather than a merge, a static
  /// string (PairEvidence::held, kSharedDoiReason or kScoreBandReason).
  const char* reason = nullptr;
};

/// Reason of a review pair lifted into the band by a shared DOI.
inline constexpr const char* kSharedDoiReason = "same DOI, titles differ";
/// Reason of a review pair whose score alone fell between the thresholds.
inline constexpr const char* kScoreBandReason = "score between the review and merge thresholds";

struct DedupPlan {
  std::vector<MatchedPair> merges;  ///< pairs that joined clusters, in merge order
  std::vector<MatchedPair> review;  ///< uncertain pairs, not merged
  std::vector<std::size_t> kept;    ///< per record: index of its cluster's kept record
  BlockingStats blocking;           ///< how many candidate pairs blocking produced
  std::size_t scored = 0;           ///< candidate pairs scored (not already joined by ids)
};

/// Plans the de-duplication of `keys`. `must_link` pairs (reviewed as
/// duplicates) merge first; `cannot_link` pairs (reviewed as distinct, or
/// undone) never end up in one cluster.
DedupPlan plan_dedup(const std::vector<DedupKey>& keys, const DedupSettings& settings = {},
                     const std::vector<std::pair<std::size_t, std::size_t>>& must_link = {},
                     const std::vector<std::pair<std::size_t, std::size_t>>& cannot_link = {});

/// The member of `members` to keep: one with a PMID first, then the most
/// complete, then the lowest id.
std::size_t choose_kept(const std::vector<DedupKey>& keys, const std::vector<std::size_t>& members);

}  // namespace prismaflow::screen
