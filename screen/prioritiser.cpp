#include "screen/prioritiser.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "common/error.hpp"
#include "db/database.hpp"
#include "screen/active_learner.hpp"
#include "screen/ranking_random.hpp"
#include "screen/ranking_store.hpp"
#include "screen/tfidf.hpp"

namespace prismaflow::screen {
namespace {

// The defaults of `screen simulate` (see bench/ranking_simulate.cpp for how
// they were chosen); keep the two in step.
TfidfOptions default_features() {
  TfidfOptions f;
  f.ngram_max = 2;
  f.min_df = 2;
  f.sublinear_tf = true;
  return f;
}

nlohmann::json settings_json(const RankingOptions& o, const TfidfOptions& f,
                             const LearnerOptions& l, bool random_fallback) {
  nlohmann::json j = {{"model", random_fallback ? "random" : o.model},
                      {"seed", o.seed},
                      {"uncertain_share", o.uncertain_share},
                      {"features", {{"kind", "tfidf"}, {"ngram_max", f.ngram_max},
                                    {"min_df", f.min_df}, {"sublinear_tf", f.sublinear_tf},
                                    {"fields", "title+abstract+keywords"}}},
                      {"query", o.uncertain_share > 0 ? "max+uncertain" : "max"}};
  if (!random_fallback) {
    j["balance"] = {{"kind", "double"}, {"a", l.balance.a}, {"alpha", l.balance.alpha},
                    {"b", l.balance.b}, {"beta", l.balance.beta}};
    if (l.model == ModelKind::kNaiveBayes) j["nb_alpha"] = l.naive_bayes.alpha;
    else j["logistic_c"] = l.logistic.c;
  }
  return j;
}

}  // namespace

std::vector<RankedRecord> prioritise(db::Database& db, Stage stage,
                                     const std::vector<std::int64_t>& candidates,
                                     const RankingOptions& options) {
  LearnerOptions learner;
  learner.model = parse_model(options.model);
  learner.uncertain_share = options.uncertain_share;
  learner.logistic.seed = options.seed;
  if (!(options.uncertain_share >= 0.0 && options.uncertain_share < 1.0))
    throw UsageError("the share of uncertain picks must be in [0, 1), e.g. 0.1");
  const TfidfOptions features = default_features();

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
  run.model = fallback ? "random" : std::string(model_name(learner.model));
  run.settings_json = settings_json(options, features, learner, fallback).dump();
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

  // Rows: candidates first, then labelled records; the vocabulary and idf are
  // fitted on both, as in the simulation.
  std::vector<std::int64_t> ids = candidates;
  for (const auto& l : labels) ids.push_back(l.record_id);
  const auto texts = load_record_texts(db, ids);
  std::vector<std::string> docs;
  docs.reserve(ids.size());
  for (std::int64_t id : ids) {
    auto it = texts.find(id);
    docs.push_back(it == texts.end() ? std::string() : it->second);
  }
  const TfidfFeatures f = tfidf(docs, features);
  ActiveLearner model(f.matrix, learner);
  for (std::size_t i = 0; i < labels.size(); ++i)
    model.label(candidates.size() + i, labels[i].included);
  model.train();
  std::vector<std::size_t> pool(candidates.size());
  for (std::size_t i = 0; i < pool.size(); ++i) pool[i] = i;
  for (const Pick& p : model.rank(pool))
    out.push_back({candidates[p.row], p.probability, p.uncertain});
  record_ranking_run(db, run);
  return out;
}

std::string stopping_guidance(db::Database& db, Stage stage, const StoppingOptions& options) {
  const std::vector<bool> seq = load_decision_sequence(db, stage);
  const std::int64_t total = count_records(db);
  std::int64_t run = 0;
  for (auto it = seq.rbegin(); it != seq.rend() && !*it; ++it) ++run;
  const auto screened = static_cast<std::int64_t>(seq.size());
  const double share = total > 0 ? static_cast<double>(screened) / static_cast<double>(total) : 0;
  const auto included = std::count(seq.begin(), seq.end(), true);
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(0);
  s << "Stopping hint (guidance only, nothing is applied): " << screened << " of " << total
    << " records decided (" << 100.0 * share << "%), " << included << " included, the last "
    << run << " decisions were exclusions. ";
  const bool share_met = share >= options.min_share_screened;
  const bool run_met = run >= options.consecutive_exclusions;
  if (share_met && run_met) {
    s << "The heuristic (at least " << 100.0 * options.min_share_screened << "% screened and "
      << options.consecutive_exclusions
      << " consecutive exclusions) is met: stopping now is defensible if the protocol "
         "allows it; report the rule and the number left unscreened.";
  } else {
    s << "The heuristic (at least " << 100.0 * options.min_share_screened << "% screened and "
      << options.consecutive_exclusions << " consecutive exclusions) is not met yet: keep screening";
    if (!share_met) {
      const auto need = static_cast<std::int64_t>(
          std::ceil(options.min_share_screened * static_cast<double>(total))) - screened;
      s << " (" << need << " more decisions to reach the minimum share";
      s << (run_met ? ")" : ", and " + std::to_string(options.consecutive_exclusions - run) +
                                " more consecutive exclusions)");
    } else {
      s << " (" << options.consecutive_exclusions - run << " more consecutive exclusions)";
    }
    s << ".";
  }
  return s.str();
}

}  // namespace prismaflow::screen
