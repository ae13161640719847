#include "screen/prioritiser.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "common/error.hpp"
#include "db/database.hpp"
#include "screen/active_learner.hpp"
#include "screen/ranking_random.hpp"
#include "screen/ranking_store.hpp"
#include "screen/feature_cache_file.hpp"
#include "screen/ranking_config.hpp"
#include "screen/tfidf.hpp"
#include "common/hash.hpp"

namespace prismaflow::screen {
namespace {

nlohmann::json settings_json(const RankingOptions& o, const RankingConfig& c, bool random_fallback) {
  nlohmann::json j = nlohmann::json::parse(ranking_settings_json(c));
  if (random_fallback) {
    j = {{"model", "random"}, {"features", j["features"]}, {"query", j["query"]},
         {"uncertain_share", c.learner.uncertain_share}};
  }
  j["seed"] = o.seed;
  return j;
}

// The TF-IDF matrix of every record, from the cache beside review.db when its
// key (feature settings plus every record's id and text) still matches, else
// built and cached. Fitting on all records, labelled or not, is what the
// simulation does too.
RecordFeatures record_features(db::Database& db, const TfidfOptions& options) {
  auto corpus = load_all_record_texts(db);
  const nlohmann::json f = nlohmann::json::parse(ranking_settings_json({options, {}}))["features"];
  std::string key_text = f.dump();
  for (const auto& [id, text] : corpus) {
    key_text += '\n' + std::to_string(id) + '\t';
    key_text += text.title;
    key_text += '\t';
    key_text += text.body;
  }
  const std::string key = sha256_hex(key_text);
  const bool on_disk = !db.path().empty() && db.path() != ":memory:";
  const std::filesystem::path cache = on_disk ? feature_cache_path(db.path()) : "";
  if (on_disk) {
    if (auto cached = load_feature_cache(cache, key);
        cached && cached->record_ids.size() == corpus.size())
      return std::move(*cached);
  }
  RecordFeatures out;
  std::vector<DocumentText> docs;
  docs.reserve(corpus.size());
  for (auto& [id, text] : corpus) {
    out.record_ids.push_back(id);
    docs.push_back(std::move(text));
  }
  out.matrix = document_features(docs, options).matrix;
  if (on_disk) store_feature_cache(cache, key, out);
  return out;
}

}  // namespace

std::vector<RankedRecord> prioritise(db::Database& db, Stage stage,
                                     const std::vector<std::int64_t>& candidates,
                                     const RankingOptions& options) {
  RankingConfig config = default_ranking_config();
  apply_ranking_spec(config, options.protocol, SettingNames::kToml);
  if (!options.model.empty()) use_model(config, parse_model(options.model));
  if (options.uncertain_share) config.learner.uncertain_share = *options.uncertain_share;
  config.learner.logistic.seed = options.seed;
  config.learner.svm.seed = options.seed;
  config.learner.seed = options.seed;
  if (!(config.learner.uncertain_share >= 0.0 && config.learner.uncertain_share < 1.0))
    throw UsageError("the share of uncertain picks must be in [0, 1), e.g. 0.1");

  std::vector<TrainingLabel> labels = load_training_labels(db, stage);
  // A candidate never trains the model on itself, even if the caller passes a
  // record that already has a label.
  const std::unordered_set<std::int64_t> candidate_set(candidates.begin(), candidates.end());
  std::erase_if(labels, [&](const TrainingLabel& l) { return candidate_set.count(l.record_id); });
  const auto n_included = std::count_if(labels.begin(), labels.end(),
                                        [](const TrainingLabel& l) { return l.included; });
  const auto n_excluded = static_cast<std::int64_t>(labels.size()) - n_included;
  const bool fallback = n_included == 0 || n_excluded == 0;

  RankingRunRow run;
  run.stage = stage;
  run.model = fallback ? "random" : std::string(model_name(config.learner.model));
  run.settings_json = settings_json(options, config, fallback).dump();
  run.n_included = n_included;
  run.n_excluded = n_excluded;
  run.decisions_sha256 = labels_sha256(labels);

  std::vector<RankedRecord> out;
  out.reserve(candidates.size());
  if (fallback) {
    std::vector<std::int64_t> order = candidates;
    // Sorted first so the order depends on the seed and the set, not on how
    // the caller listed the candidates.
    std::sort(order.begin(), order.end());
    SplitMix64(options.seed).shuffle(order);
    for (std::int64_t id : order) out.push_back({id, 0.0, false});
    record_ranking_run(db, run);
    return out;
  }

  const RecordFeatures f = record_features(db, config.features);
  std::unordered_map<std::int64_t, std::size_t> row_of;
  row_of.reserve(f.record_ids.size());
  for (std::size_t r = 0; r < f.record_ids.size(); ++r) row_of.emplace(f.record_ids[r], r);
  ActiveLearner model(f.matrix, config.learner);
  for (const auto& l : labels)
    if (auto it = row_of.find(l.record_id); it != row_of.end()) model.label(it->second, l.included);
  model.train();
  if (const ModelPortfolio* p = model.portfolio()) {
    // Which candidate ranked this time, and the evidence it was chosen on.
    nlohmann::json j = nlohmann::json::parse(run.settings_json);
    j["leader"] = {{"candidate", p->leader()},
                   {"nb_alpha", p->options().candidates[p->leader()].naive_bayes.alpha},
                   {"merit", p->merit()}};
    run.settings_json = j.dump();
  }
  std::vector<std::size_t> pool;
  std::vector<std::int64_t> unknown;  // not in the records table: never hidden, ranked last
  pool.reserve(candidates.size());
  for (std::int64_t id : candidates) {
    if (auto it = row_of.find(id); it != row_of.end()) pool.push_back(it->second);
    else unknown.push_back(id);
  }
  for (const Pick& p : model.rank(pool))
    out.push_back({f.record_ids[p.row], p.probability, p.uncertain});
  for (std::int64_t id : unknown) out.push_back({id, 0.0, false});
  record_ranking_run(db, run);
  return out;
}

}  // namespace prismaflow::screen
