#include "common/protocol.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow {
namespace {

TEST(ProtocolTest, TemplateParsesWithDefaults) {
  Protocol p = parse_protocol(protocol_template("My review"), "review.toml");
  EXPECT_EQ(p.title, "My review");
  EXPECT_TRUE(p.searches.empty());
  EXPECT_EQ(p.screening.reviewers_per_record, 1);
  EXPECT_TRUE(p.screening.blind);
  EXPECT_EQ(p.screening.exclusion_reasons.size(), 6u);
}

TEST(ProtocolTest, ReadsSearchesImportsScreeningAndOutcomes) {
  const char* text = R"(
[review]
title = "T"
[ncbi]
email = "a@b.org"
[[search]]
name = "pubmed"
query = "blinatumomab"
mindate = "2000"
maxdate = "2025/03/31"
datetype = "pdat"
[[import]]
file = "embase.ris"
source = "Embase"
[screening]
reviewers_per_record = 2
reviewers = ["ann", "bob"]
[[screening.automation]]
name = "pt"
exclude_publication_types = ["Review"]
[[outcome]]
name = "dfs"
measure = "RR"
method = "DL"
)";
  Protocol p = parse_protocol(text, "review.toml");
  ASSERT_EQ(p.searches.size(), 1u);
  EXPECT_EQ(p.searches[0].maxdate, "2025/03/31");
  EXPECT_EQ(p.email, "a@b.org");
  ASSERT_EQ(p.imports.size(), 1u);
  EXPECT_EQ(p.imports[0].format, "auto");
  EXPECT_EQ(p.screening.reviewers_per_record, 2);
  ASSERT_EQ(p.screening.automation.size(), 1u);
  EXPECT_EQ(p.screening.automation[0].exclude_publication_types[0], "Review");
  ASSERT_NE(p.find_outcome("dfs"), nullptr);
  EXPECT_EQ(p.find_outcome("dfs")->method, "DL");
  EXPECT_EQ(p.find_outcome("dfs")->label, "dfs");
}

TEST(ProtocolTest, ReadsRegistrationAndSupport) {
  Protocol p = parse_protocol(
      "[review]\ntitle = \"T\"\nregistration = \"PROSPERO CRD42025000001\"\nprotocol = \"https://x.org/p\"\n"
      "funding = \"None\"\ncompeting_interests = \"None declared\"\n",
      "review.toml");
  EXPECT_EQ(p.registration, "PROSPERO CRD42025000001");
  EXPECT_EQ(p.protocol_url, "https://x.org/p");
  EXPECT_EQ(p.funding, "None");
  EXPECT_EQ(p.competing_interests, "None declared");
  EXPECT_EQ(parse_protocol(protocol_template("T"), "review.toml").registration, "") << "commented out";
}

TEST(ProtocolTest, OutcomeCertaintyIsGradesFourLevels) {
  Protocol p = parse_protocol(
      "[[outcome]]\nname = \"os\"\ncertainty = \"very low\"\n"
      "certainty_reasons = \"risk of bias; imprecision\"\n[[outcome]]\nname = \"ae\"\n",
      "review.toml");
  EXPECT_EQ(p.find_outcome("os")->certainty, "very low");
  EXPECT_EQ(p.find_outcome("os")->certainty_reasons, "risk of bias; imprecision");
  EXPECT_EQ(p.find_outcome("ae")->certainty, "") << "not assessed";
  EXPECT_THROW_MSG(parse_protocol("[[outcome]]\nname = \"os\"\ncertainty = \"moderate-high\"\n", "r.toml"),
                   ConfigError, "r.toml:1: outcome 'os': certainty 'moderate-high' is not one of GRADE's");
}

TEST(ProtocolTest, SyntaxErrorNamesFileAndLine) {
  EXPECT_THROW_MSG(parse_protocol("[review]\ntitle = \n", "r.toml"), ConfigError, "r.toml:2");
}

TEST(ProtocolTest, WrongTypeNamesKeyAndLine) {
  EXPECT_THROW_MSG(parse_protocol("[screening]\nblind = \"yes\"\n", "r.toml"), ConfigError,
                   "r.toml:2: 'blind' must be true or false");
}

TEST(ProtocolTest, DuplicateSearchNamesAreRejected) {
  const char* text =
      "[[search]]\nname = \"a\"\nquery = \"x\"\n[[search]]\nname = \"a\"\nquery = \"y\"\n";
  EXPECT_THROW_MSG(parse_protocol(text, "r.toml"), ConfigError, "used twice");
}

TEST(ProtocolTest, AppendSearchKeepsTextAndParses) {
  std::string base = protocol_template("T");
  std::string out = append_search(base, {"cli", "a \"quoted\" query", "2001", "", "edat"});
  EXPECT_EQ(out.substr(0, base.size()), base);
  Protocol p = parse_protocol(out, "r.toml");
  ASSERT_EQ(p.searches.size(), 1u);
  EXPECT_EQ(p.searches[0].query, "a \"quoted\" query");
  EXPECT_EQ(p.searches[0].datetype, "edat");
}

TEST(ProtocolTest, ReadsRankingSettings) {
  const char* text =
      "[screening]\n"
      "reviewers_per_record = 1\n"
      "[screening.ranking]\n"
      "model = \"nb\"\n"
      "alpha = 0.5\n"
      "ngram = 3\n"
      "min_df = 1\n"
      "tokens = \"all\"\n"
      "tf = \"raw\"\n"
      "balance = \"resample\"\n"
      "balance_params = [1.2, 1, 0.9, 1.0]\n"  // an integer among the numbers is fine
      "split_title_abstract = true\n"
      "uncertain_share = 0.1\n";
  const RankingSpec r = parse_protocol(text, "r.toml").screening.ranking;
  EXPECT_EQ(r.where, "r.toml:3");
  EXPECT_EQ(r.model, "nb");
  EXPECT_EQ(r.alpha, 0.5);
  EXPECT_EQ(r.ngram, 3);
  EXPECT_EQ(r.min_df, 1);
  EXPECT_EQ(r.tokens, "all");
  EXPECT_EQ(r.tf, "raw");
  EXPECT_EQ(r.balance, "resample");
  EXPECT_EQ(r.balance_params, (std::vector<double>{1.2, 1.0, 0.9, 1.0}));
  EXPECT_EQ(r.split_title_abstract, true);
  EXPECT_EQ(r.uncertain_share, 0.1);
  EXPECT_FALSE(r.c.has_value());  // keys left out keep the product's defaults
  EXPECT_FALSE(parse_protocol("[screening]\n", "r.toml").screening.ranking.model.has_value());
}

TEST(ProtocolTest, WrongRankingTypesNameKeyAndLine) {
  EXPECT_THROW_MSG(parse_protocol("[screening.ranking]\nngram = \"two\"\n", "r.toml"), ConfigError,
                   "r.toml:2: 'ngram' must be a whole number");
  EXPECT_THROW_MSG(parse_protocol("[screening.ranking]\nbalance_params = [1, \"x\", 1, 1]\n", "r.toml"),
                   ConfigError, "r.toml:2: 'balance_params' must be a list of numbers");
  EXPECT_THROW_MSG(parse_protocol("[screening]\nranking = \"nb\"\n", "r.toml"), ConfigError,
                   "r.toml:2: 'ranking' must be a table");
}

}  // namespace
}  // namespace prismaflow
