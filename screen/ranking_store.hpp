// What prioritised screening reads from and writes to the review database:
// the training labels (current include/exclude decisions at a stage), the
// text of records, and one ranking_runs row per ranking for the report.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "screen/stage.hpp"
#include "screen/tfidf.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

/// A record's label for training: its id and whether it was included.
struct TrainingLabel {
  std::int64_t record_id;
  bool included;
};

/// The labels at `stage`, ordered by record id. Only current (superseded = 0)
/// include/exclude decisions by reviewers count: maybe and not_retrieved are
/// not labels, and automation rules are not relevance judgements. A
/// resolution decision settles its record; otherwise reviewers must agree,
/// and a record on which they disagree is left out until it is resolved.
std::vector<TrainingLabel> load_training_labels(db::Database& db, Stage stage);

/// Title, abstract and keywords of each record in `ids` (space-joined), keyed
/// by id. Ids not in the records table are absent from the result.
std::unordered_map<std::int64_t, std::string> load_record_texts(
    db::Database& db, const std::vector<std::int64_t>& ids);

/// Title, and abstract and keywords (space-joined), of every record, deleted
/// or not, in record id order: the corpus the ranking features are fitted on.
std::vector<std::pair<std::int64_t, DocumentText>> load_all_record_texts(db::Database& db);

/// SHA-256 of the labels as "id,include|exclude" lines in id order: names the
/// exact training set of a ranking without copying it.
std::string labels_sha256(const std::vector<TrainingLabel>& labels);

/// What one ranking used, as stored in ranking_runs.
struct RankingRunRow {
  Stage stage = Stage::kTitleAbstract;
  std::string model;          ///< "nb", "logistic" or "random" (fallback)
  std::string settings_json;  ///< model, features and query settings
  std::int64_t n_included = 0;
  std::int64_t n_excluded = 0;
  std::string decisions_sha256;
};

/// Inserts `row` with the current time and logs an event, in one transaction.
/// Returns the new ranking_id. Must not be called inside another Transaction.
std::int64_t record_ranking_run(db::Database& db, const RankingRunRow& row);

/// Current include/exclude decisions at `stage` in decision order (oldest
/// first), true for include; for the report's observed recall curve.
std::vector<bool> load_decision_sequence(db::Database& db, Stage stage);

}  // namespace prismaflow::screen
