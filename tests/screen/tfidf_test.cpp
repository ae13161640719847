#include "screen/tfidf.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "screen/tokenizer.hpp"

namespace prismaflow::screen {
namespace {

// Worked by hand: n = 2, idf(apple) = ln(3/3) + 1 = 1, idf(banana) = idf(cherry)
// = ln(3/2) + 1 = 1.4054651; then each row divided by its L2 norm.
TEST(Tfidf, WeightsOfATinyCorpusMatchTheHandComputation) {
  TfidfOptions o;
  o.ngram_max = 1;
  const TfidfFeatures f = tfidf({"apple banana", "apple cherry cherry"}, o);
  ASSERT_EQ(f.vocabulary, (std::vector<std::string>{"apple", "banana", "cherry"}));
  EXPECT_NEAR(f.idf[0], 1.0, 1e-12);
  EXPECT_NEAR(f.idf[1], 1.4054651081, 1e-9);
  ASSERT_EQ(f.matrix.rows(), 2u);
  const double n1 = std::sqrt(1.0 + 1.4054651081 * 1.4054651081);
  const double n2 = std::sqrt(1.0 + 4 * 1.4054651081 * 1.4054651081);
  auto c0 = f.matrix.row_cols(0);
  auto v0 = f.matrix.row_values(0);
  ASSERT_EQ(c0.size(), 2u);
  EXPECT_EQ(c0[0], 0u);
  EXPECT_NEAR(v0[0], 1.0 / n1, 1e-9);  // 0.579739
  EXPECT_NEAR(v0[1], 1.4054651081 / n1, 1e-9);
  auto c1 = f.matrix.row_cols(1);
  auto v1 = f.matrix.row_values(1);
  ASSERT_EQ(c1.size(), 2u);
  EXPECT_EQ(c1[1], 2u);
  EXPECT_NEAR(v1[0], 1.0 / n2, 1e-9);
  EXPECT_NEAR(v1[1], 2 * 1.4054651081 / n2, 1e-9);  // 0.942156
}

TEST(Tfidf, MinDfDropsRareTermsAndSublinearDampsRepeats) {
  TfidfOptions o;
  o.ngram_max = 2;
  o.min_df = 2;
  const TfidfFeatures f = tfidf({"heart failure trial", "heart failure cohort", "birds"}, o);
  EXPECT_EQ(f.vocabulary, (std::vector<std::string>{"failure", "heart", "heart failure"}));
  EXPECT_EQ(f.matrix.row_cols(2).size(), 0u);  // nothing left: an all-zero row

  o.min_df = 1;
  o.ngram_max = 1;
  o.sublinear_tf = true;
  const TfidfFeatures g = tfidf({"apple cherry cherry", "apple"}, o);
  // cherry: (1 + ln 2) * idf(cherry) against apple's 1 * 1.
  const double cherry = (1 + std::log(2.0)) * (std::log(3.0 / 2.0) + 1);
  const double norm = std::sqrt(1 + cherry * cherry);
  EXPECT_NEAR(g.matrix.row_values(0)[1], cherry / norm, 1e-9);
}

// tfidf() builds n-grams from word ids, not strings: its terms and weights
// must equal the plain definition, tokenize() + add_ngrams() counted per
// document, on text with case, accents, numbers, stop words and repeats.
TEST(Tfidf, EqualsTheStringDefinitionWithTrigramsAndNonAsciiText) {
  const std::vector<std::string> docs = {
      "Heart failure: the HEART failure trial of 2019 in Zürich",
      "Café naïve heart failure heart failure, a cohort",
      "", "Ünïcode ÉTUDE of heart failure trial 2019 cohort cohort",
      "birds and songbirds; heart"};
  for (const bool words_only : {true, false}) {
    TfidfOptions o;
    o.ngram_max = 3;
    o.min_df = 2;
    o.sublinear_tf = true;
    o.tokens = {words_only, words_only};
    const TfidfFeatures f = tfidf(docs, o);
    std::vector<std::map<std::string, double>> tf(docs.size());
    std::map<std::string, int> df;
    for (std::size_t d = 0; d < docs.size(); ++d) {
      auto tokens = tokenize(docs[d], o.tokens);
      add_ngrams(tokens, 3);
      for (const auto& t : tokens) tf[d][t] += 1;
      for (const auto& [t, c] : tf[d]) ++df[t];
    }
    std::vector<std::string> vocabulary;
    for (const auto& [t, n] : df)
      if (n >= 2) vocabulary.push_back(t);
    ASSERT_EQ(f.vocabulary, vocabulary);
    EXPECT_NE(std::find(vocabulary.begin(), vocabulary.end(), "heart failure trial"),
              vocabulary.end());
    for (std::size_t d = 0; d < docs.size(); ++d) {
      std::map<std::string, double> expected;
      double norm = 0;
      for (const auto& [t, c] : tf[d]) {
        if (df[t] < 2) continue;
        const double v = (1 + std::log(c)) * (std::log(6.0 / (1.0 + df[t])) + 1);
        expected[t] = v;
        norm += v * v;
      }
      auto cols = f.matrix.row_cols(d);
      auto vals = f.matrix.row_values(d);
      ASSERT_EQ(cols.size(), expected.size()) << d;
      std::size_t k = 0;
      for (const auto& [t, v] : expected) {
        EXPECT_EQ(f.vocabulary[cols[k]], t);
        EXPECT_NEAR(vals[k], v / std::sqrt(norm), 1e-12);
        ++k;
      }
    }
  }
}

TEST(Tfidf, HstackPutsTheSecondMatrixColumnsAfterTheFirst) {
  SparseMatrix a, b;
  a.n_cols = 2;
  a.row_start = {0, 1, 1};
  a.col = {1};
  a.value = {0.5};
  b.n_cols = 3;
  b.row_start = {0, 1, 3};
  b.col = {0, 0, 2};
  b.value = {1.0, 0.6, 0.8};
  const SparseMatrix m = hstack(a, b);
  EXPECT_EQ(m.n_cols, 5u);
  EXPECT_EQ(m.row_start, (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(m.col, (std::vector<std::uint32_t>{1, 2, 2, 4}));
  EXPECT_EQ(m.value, (std::vector<double>{0.5, 1.0, 0.6, 0.8}));
}

TEST(DocumentFeatures, JoinedFieldsAreTheTfidfOfTheJoinedText) {
  const std::vector<DocumentText> docs = {{"Statins trial", "heart failure statins"},
                                          {"", "only a body"},
                                          {"only a title", ""}};
  TfidfOptions o;
  const TfidfFeatures joined = document_features(docs, o);
  const TfidfFeatures plain =
      tfidf({"Statins trial heart failure statins", "only a body", "only a title"}, o);
  EXPECT_EQ(joined.vocabulary, plain.vocabulary);
  EXPECT_EQ(joined.matrix.col, plain.matrix.col);
  EXPECT_EQ(joined.matrix.value, plain.matrix.value);
}

// ASReview's split_ta: the same word in a title and in a body is two
// features, and each half of a row is normalised on its own.
TEST(DocumentFeatures, SplitFieldsHaveSeparateVocabulariesSideBySide) {
  const std::vector<DocumentText> docs = {{"statins", "statins in heart failure"},
                                          {"aspirin", "aspirin"},
                                          {"", "heart"}};
  TfidfOptions o;
  o.ngram_max = 1;
  o.split_title_abstract = true;
  const TfidfFeatures f = document_features(docs, o);
  const TfidfFeatures titles = tfidf({"statins", "aspirin", ""}, o);
  const TfidfFeatures bodies = tfidf({"statins in heart failure", "aspirin", "heart"}, o);
  ASSERT_EQ(f.matrix.n_cols, titles.matrix.n_cols + bodies.matrix.n_cols);
  ASSERT_EQ(f.vocabulary.size(), f.matrix.n_cols);
  EXPECT_EQ(f.vocabulary.front(), "title:aspirin");
  EXPECT_EQ(f.vocabulary[titles.vocabulary.size()], "body:aspirin");
  EXPECT_EQ(std::count(f.vocabulary.begin(), f.vocabulary.end(), "title:statins"), 1);
  EXPECT_EQ(std::count(f.vocabulary.begin(), f.vocabulary.end(), "body:statins"), 1);
  ASSERT_EQ(f.idf.size(), f.matrix.n_cols);
  auto norm2 = [&](std::size_t r) {
    double s = 0;
    for (double v : f.matrix.row_values(r)) s += v * v;
    return s;
  };
  EXPECT_NEAR(norm2(0), 2.0, 1e-12);  // two unit halves
  EXPECT_NEAR(norm2(2), 1.0, 1e-12);  // no title: the body half only
  // The body half of row 0 is exactly the body features' row 0, shifted.
  auto cols = f.matrix.row_cols(0);
  auto vals = f.matrix.row_values(0);
  ASSERT_EQ(cols.size(), 1 + bodies.matrix.row_cols(0).size());
  for (std::size_t k = 1; k < cols.size(); ++k) {
    EXPECT_EQ(cols[k], bodies.matrix.row_cols(0)[k - 1] + titles.matrix.n_cols);
    EXPECT_EQ(vals[k], bodies.matrix.row_values(0)[k - 1]);
  }
}

}  // namespace
}  // namespace prismaflow::screen
