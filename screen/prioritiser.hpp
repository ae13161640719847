// Prioritised screening (issue 6): orders the records awaiting a decision by
// predicted relevance, using a model trained on the decisions made so far, as
// ASReview does. It changes the order only: every candidate is returned, no
// decision is made or hidden. Each call is recorded in ranking_runs (model,
// settings, a hash of the training decisions) so a report can say how
// prioritisation was used (PRISMA 2020 item 8, RAISE).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/protocol.hpp"
#include "screen/stage.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

/// How to rank. `model` is "nb" (multinomial naive Bayes), "logistic",
/// "ensemble", "svm" or "auto" (naive Bayes settings chosen on the decisions
/// so far, with its own features; the run's settings then name the leader);
/// empty takes default_ranking_config()'s (screen/ranking_config.hpp), which
/// also gives every other setting.
/// `uncertain_share` in [0, 1) is the share of picks taken from the records
/// the model is least sure about (probability nearest 0.5) instead of the most
/// relevant ones (unset: the protocol's, else 0). `seed` fixes the random
/// order used before training is possible. `protocol` is review.toml's
/// [screening.ranking]: it changes the defaults, and `model` and
/// `uncertain_share`, when set, override it.
struct RankingOptions {
  std::string model;
  std::optional<double> uncertain_share;
  std::uint64_t seed = 42;
  RankingSpec protocol;
};

/// One candidate in ranked order. `score` is the predicted probability of
/// inclusion in [0, 1], or 0 in the random fallback.
struct RankedRecord {
  std::int64_t record_id;
  double score;
  bool uncertain_pick = false;
};

/// Orders `candidates` (record ids awaiting a decision) by predicted relevance,
/// training on the current (superseded = 0) include/exclude decisions at `stage`
/// in screening_decisions (maybe and not_retrieved are not labels; title+abstract+keywords
/// from the records table). The TF-IDF matrix of all records is cached beside
/// the database (screen/feature_cache_file.hpp) and rebuilt only when a
/// record's text or the record set changes. Until there is at least one include and one exclude it returns a
/// random order with `seed`. Records the model, settings and a hash of the training
/// decisions in ranking_runs (one row per call). Never drops or hides a candidate.
/// Throws UsageError for an unknown model or a share outside [0, 1), DbError on
/// database failure.
std::vector<RankedRecord> prioritise(db::Database& db, Stage stage,
                                     const std::vector<std::int64_t>& candidates,
                                     const RankingOptions& options);

}  // namespace prismaflow::screen
