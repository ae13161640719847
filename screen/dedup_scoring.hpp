// How alike two records are: one score in [0, 1] built from title, authors,
// year, journal, volume and first page, with penalties for evidence that they
// are different publications (different DOIs, pages, years; an erratum
// against its article). Pure.
#pragma once

#include <string_view>

#include "screen/dedup_keys.hpp"

namespace prismaflow::screen {

/// Levenshtein similarity 1 - d / max(len) of `a` and `b`, computed only
/// down to `floor`: below it the result is some value < floor.
double edit_similarity(std::string_view a, std::string_view b, double floor = 0.0);

/// Share of words in common (|A ∩ B| / |A ∪ B| over word sets).
double word_jaccard(std::string_view a, std::string_view b);

/// Share of the smaller word set found in the other (|A ∩ B| / min(|A|, |B|)):
/// 1 when one title is the other without its subtitle.
double word_containment(std::string_view a, std::string_view b);

/// True when `abbrev` reads as an abbreviation of `full` ("j am coll cardiol"
/// of "journal of the american college of cardiology"), or they are equal.
bool journal_matches(std::string_view abbrev, std::string_view full);

/// Highest score of a pair with evidence of two publications (below the
/// default merge threshold 0.90, above the default review threshold 0.75):
/// such pairs go to `dedup review` rather than merging automatically.
inline constexpr double kUncertainScore = 0.85;

/// Highest score of a pair whose fields show two records (below the default
/// review threshold): an editorial of another issue is not worth a question.
inline constexpr double kDistinctScore = 0.5;

/// The per-field evidence behind a score (for `dedup review` and tests).
struct PairEvidence {
  double title = 0, authors = -1, year = -1, journal = -1, volume = -1, pages = -1;  ///< -1: missing
  double issue = -1;  ///< 1 equal, 0 different, -1 missing; not weighted, only a veto
  double score = 0;
  /// Why the score was held at kUncertainScore (or kDistinctScore) or below;
  /// nullptr when it was not. E.g. "issue differs and pages do not match".
  const char* held = nullptr;
};

/// Scores the pair. 1 = same record, 0 = unrelated.
PairEvidence score_pair(const DedupKey& a, const DedupKey& b);

}  // namespace prismaflow::screen
