// The one description of how prioritised screening ranks records: TF-IDF
// feature settings, the model and its parameters, class balancing and the
// query strategy. `screen simulate` and `screen --order relevance` both start
// from default_ranking_config(), so a simulation predicts what the screener
// does, and both record ranking_settings_json() with their results.
#pragma once

#include <string>
#include <string_view>

#include "common/protocol.hpp"
#include "screen/active_learner.hpp"
#include "screen/tfidf.hpp"

namespace prismaflow::screen {

struct RankingConfig {
  TfidfOptions features;
  LearnerOptions learner;
};

/// The product's defaults, chosen on bench/ranking_simulate's evidence over
/// every set in ../shared/benchmarks/screening (one setting for all sets).
RankingConfig default_ranking_config();

/// The features --model auto ranks with: every token (stop words and numbers
/// kept), raw term frequency, min_df 1, words and bigrams, as scikit-learn's
/// TfidfVectorizer and ASReview 0.x. Its candidates were tuned on these; the
/// rare terms min_df 2 drops are what little smoothing feeds on.
TfidfOptions auto_features();

/// `config` with model `kind`; for kAuto also auto_features().
void use_model(RankingConfig& config, ModelKind kind);

/// "double" (ASReview's double balance as expected per-class weights),
/// "resample" (the same balance drawn as a seeded random resample, as ASReview
/// 0.x trains naive Bayes; logistic regression uses the weights), "balanced"
/// (scikit-learn's inverse class frequency weights) or "none".
/// Throws UsageError naming the accepted values otherwise.
void parse_balance(std::string_view name, BalanceOptions& balance);
std::string_view balance_name(const BalanceOptions& balance);

/// The double balance's four parameters "A,ALPHA,B,BETA" (e.g. ASReview's
/// defaults "2.155,0.94,0.789,1"), set in `balance`. Throws UsageError unless
/// there are four finite numbers, a > 0, alpha >= 0, 0 < b <= 1, beta >= 0.
void parse_balance_params(std::string_view text, BalanceOptions& balance);
/// The same from the four numbers.
void set_balance_params(const std::vector<double>& params, BalanceOptions& balance);

/// "words+stop-words" drops all-digit tokens only (the default); "words"
/// drops English stop words too; "words+numbers" drops stop words only;
/// "all" keeps both, as scikit-learn's TfidfVectorizer does by default.
/// Throws UsageError otherwise.
TokenizeOptions parse_tokens(std::string_view name);
std::string_view tokens_name(const TokenizeOptions& tokens);

/// How a RankingSpec's keys are named in messages: as review.toml's keys
/// ("min_df") or as command-line options ("--min-df").
enum class SettingNames { kToml, kOptions };

/// `config` with every key `spec` sets: the model first (auto brings its own
/// features), then the features, the model parameters and the balance.
/// Throws ConfigError (kToml, prefixed by spec.where) or UsageError
/// (kOptions) naming the key and what it accepts.
void apply_ranking_spec(RankingConfig& config, const RankingSpec& spec, SettingNames names);

/// The settings as a JSON object (model, its parameter, balance, features,
/// query), stored with every ranking run and printed by `screen simulate --json`.
std::string ranking_settings_json(const RankingConfig& config);

}  // namespace prismaflow::screen
