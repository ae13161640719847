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

}  // namespace
}  // namespace prismaflow::screen
