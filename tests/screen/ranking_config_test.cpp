// The shared ranking settings: option names, errors and the recorded JSON.
#include "screen/ranking_config.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::screen {
namespace {

TEST(RankingConfig, BalanceNamesRoundTrip) {
  for (const char* name : {"double", "resample", "balanced", "none"}) {
    BalanceOptions b;
    parse_balance(name, b);
    EXPECT_EQ(balance_name(b), name);
  }
  BalanceOptions b;
  parse_balance("none", b);
  EXPECT_FALSE(b.enabled);
  parse_balance("resample", b);
  EXPECT_TRUE(b.enabled && b.resample);
  parse_balance("balanced", b);
  EXPECT_TRUE(b.enabled && b.inverse_frequency && !b.resample);
  parse_balance("double", b);  // a later choice clears the inverse-frequency flag
  EXPECT_FALSE(b.inverse_frequency);
  EXPECT_THROW_MSG(parse_balance("smote", b), UsageError, "use double");
}

TEST(RankingConfig, TokenSettings) {
  EXPECT_TRUE(parse_tokens("words").drop_stop_words);
  EXPECT_FALSE(parse_tokens("all").drop_stop_words);
  EXPECT_FALSE(parse_tokens("all").drop_numbers);
  for (const char* name : {"words", "all", "words+stop-words", "words+numbers"})
    EXPECT_EQ(tokens_name(parse_tokens(name)), name);
  EXPECT_FALSE(parse_tokens("words+stop-words").drop_stop_words);
  EXPECT_TRUE(parse_tokens("words+stop-words").drop_numbers);
  // The default keeps stop words and drops numbers (ranking_config.cpp says why).
  EXPECT_EQ(tokens_name(default_ranking_config().features.tokens), "words+stop-words");
  EXPECT_THROW_MSG(parse_tokens("chars"), UsageError, "use words+stop-words");
}

TEST(RankingConfig, ModelNames) {
  EXPECT_EQ(parse_model("ensemble"), ModelKind::kEnsemble);
  EXPECT_EQ(model_name(ModelKind::kEnsemble), "ensemble");
  EXPECT_EQ(parse_model("svm"), ModelKind::kSvm);
  EXPECT_EQ(model_name(ModelKind::kSvm), "svm");
  EXPECT_THROW_MSG(parse_model("forest"), UsageError, "svm");
  EXPECT_THROW_MSG(parse_model("forest"), UsageError, "auto");
}

TEST(RankingConfig, SettingsJsonNamesEverySetting) {
  RankingConfig c = default_ranking_config();
  c.learner.model = ModelKind::kEnsemble;
  parse_balance("resample", c.learner.balance);
  c.features.tokens = parse_tokens("all");
  c.learner.uncertain_share = 0.1;
  const auto j = nlohmann::json::parse(ranking_settings_json(c));
  EXPECT_EQ(j["model"], "ensemble");
  EXPECT_EQ(j["balance"]["kind"], "resample");
  EXPECT_EQ(j["features"]["tokens"], "all");
  EXPECT_EQ(j["features"]["ngram_max"], c.features.ngram_max);
  EXPECT_EQ(j["query"], "max+uncertain");
  EXPECT_TRUE(j.contains("nb_alpha"));    // both models' parameters for the ensemble
  EXPECT_TRUE(j.contains("logistic_c"));
  c.learner.model = ModelKind::kNaiveBayes;
  parse_balance("none", c.learner.balance);
  const auto k = nlohmann::json::parse(ranking_settings_json(c));
  EXPECT_FALSE(k.contains("logistic_c"));
  EXPECT_FALSE(k["balance"].contains("a"));
  c.learner.model = ModelKind::kSvm;
  c.learner.svm.c = 0.25;
  parse_balance("balanced", c.learner.balance);
  const auto s = nlohmann::json::parse(ranking_settings_json(c));
  EXPECT_EQ(s["model"], "svm");
  EXPECT_EQ(s["svm_c"], 0.25);
  EXPECT_EQ(s["balance"]["kind"], "balanced");
  EXPECT_FALSE(s["balance"].contains("a"));  // double balance's parameters do not apply
  EXPECT_EQ(s["balance"]["ratio"], 1.0);
  EXPECT_FALSE(s.contains("nb_alpha"));
  EXPECT_FALSE(s.contains("logistic_c"));
}

TEST(RankingConfig, AutoNamesItsCandidatesAndBringsItsFeatures) {
  RankingConfig c = default_ranking_config();
  use_model(c, parse_model("auto"));
  EXPECT_EQ(c.learner.model, ModelKind::kAuto);
  EXPECT_EQ(model_name(ModelKind::kAuto), "auto");
  EXPECT_EQ(c.features.min_df, 1);
  EXPECT_FALSE(c.features.sublinear_tf);
  EXPECT_EQ(tokens_name(c.features.tokens), "all");
  const auto j = nlohmann::json::parse(ranking_settings_json(c));
  EXPECT_EQ(j["model"], "auto");
  EXPECT_FALSE(j.contains("nb_alpha"));  // each candidate has its own, and its balance
  EXPECT_EQ(j["balance"]["kind"], "per candidate");
  const auto& p = j["portfolio"];
  ASSERT_EQ(p["candidates"].size(), default_portfolio().size());
  EXPECT_EQ(p["candidates"][0]["nb_alpha"], default_portfolio()[0].naive_bayes.alpha);
  EXPECT_EQ(p["candidates"][1]["balance"]["kind"], "resample");
  EXPECT_EQ(p["default_candidate"], 0);
  EXPECT_EQ(p["margin"], c.learner.portfolio.margin);
  // Other models keep the shared features.
  RankingConfig nb = default_ranking_config();
  use_model(nb, ModelKind::kLogistic);
  EXPECT_EQ(nb.features.min_df, default_ranking_config().features.min_df);
  EXPECT_FALSE(nlohmann::json::parse(ranking_settings_json(nb)).contains("portfolio"));
}

TEST(RankingConfig, BalanceParametersParseAndCheck) {
  BalanceOptions b;
  parse_balance_params("1.2, 0.5,0.9,1", b);
  EXPECT_EQ(b.a, 1.2);
  EXPECT_EQ(b.alpha, 0.5);
  EXPECT_EQ(b.b, 0.9);
  EXPECT_EQ(b.beta, 1.0);
  EXPECT_THROW_MSG(parse_balance_params("1,2,3", b), UsageError, "four parameters");
  EXPECT_THROW_MSG(parse_balance_params("1,x,0.5,1", b), UsageError, "'x' in '1,x,0.5,1' is not a number");
  EXPECT_THROW_MSG(parse_balance_params("1,1,0.5,1,", b), UsageError, "'' in");
  EXPECT_THROW_MSG(parse_balance_params("1,1,1.5,1", b), UsageError, "0 < B <= 1");
  EXPECT_THROW_MSG(parse_balance_params("0,1,0.5,1", b), UsageError, "A > 0");
  EXPECT_EQ(b.a, 1.2);  // a refused setting changes nothing
}

TEST(RankingConfig, SpecOverridesOnlyTheKeysItSets) {
  RankingConfig c = default_ranking_config();
  const std::string before = ranking_settings_json(c);
  apply_ranking_spec(c, RankingSpec{}, SettingNames::kToml);
  EXPECT_EQ(ranking_settings_json(c), before);

  RankingSpec s;
  s.alpha = 0.2;
  s.ngram = 3;
  s.min_df = 1;
  s.tokens = "all";
  s.tf = "raw";
  s.balance = "resample";
  s.balance_params = std::vector<double>{1.3, 1.2, 0.9, 1.0};
  s.split_title_abstract = true;
  s.uncertain_share = 0.05;
  apply_ranking_spec(c, s, SettingNames::kToml);
  const auto j = nlohmann::json::parse(ranking_settings_json(c));
  EXPECT_EQ(j["model"], "nb");
  EXPECT_EQ(j["nb_alpha"], 0.2);
  EXPECT_EQ(j["features"]["ngram_max"], 3);
  EXPECT_EQ(j["features"]["min_df"], 1);
  EXPECT_EQ(j["features"]["tokens"], "all");
  EXPECT_EQ(j["features"]["sublinear_tf"], false);
  EXPECT_EQ(j["features"]["fields"], "title|abstract+keywords");
  EXPECT_EQ(j["balance"]["kind"], "resample");
  EXPECT_EQ(j["balance"]["a"], 1.3);
  EXPECT_EQ(j["balance"]["b"], 0.9);
  EXPECT_EQ(j["uncertain_share"], 0.05);

  RankingSpec svm;
  svm.model = "svm";
  svm.c = 0.3;
  apply_ranking_spec(c, svm, SettingNames::kOptions);
  EXPECT_EQ(c.learner.model, ModelKind::kSvm);
  EXPECT_EQ(c.learner.svm.c, 0.3);
  EXPECT_EQ(c.features.ngram_max, 3);  // only auto brings its own features
}

TEST(RankingConfig, SpecErrorsNameTheKeyAsTheUserWroteIt) {
  RankingConfig c = default_ranking_config();
  RankingSpec s;
  s.where = "review.toml:12";
  s.min_df = 0;
  EXPECT_THROW_MSG(apply_ranking_spec(c, s, SettingNames::kToml), ConfigError,
                   "review.toml:12: [screening.ranking] min_df: must be a whole number from 1");
  EXPECT_THROW_MSG(apply_ranking_spec(c, s, SettingNames::kOptions), UsageError,
                   "--min-df: must be a whole number from 1");
  RankingSpec m;
  m.where = "review.toml:3";
  m.model = "forest";
  EXPECT_THROW_MSG(apply_ranking_spec(c, m, SettingNames::kToml), ConfigError,
                   "review.toml:3: [screening.ranking] model: unknown model");
  RankingSpec b;
  b.balance_params = std::vector<double>{1, 1, 0, 1};
  EXPECT_THROW_MSG(apply_ranking_spec(c, b, SettingNames::kOptions), UsageError,
                   "--balance-params: the double balance needs");
  RankingSpec u;
  u.uncertain_share = 1.0;
  EXPECT_THROW_MSG(apply_ranking_spec(c, u, SettingNames::kOptions), UsageError,
                   "--uncertain-share: must be in [0, 1)");
}

}  // namespace
}  // namespace prismaflow::screen
