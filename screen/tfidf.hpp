// TF-IDF features of a corpus, as scikit-learn's TfidfVectorizer computes them
// by default (the features of ASReview's classic model): raw term counts times
// the smoothed idf ln((1 + n) / (1 + df)) + 1, each row scaled to unit L2 norm.
// The vocabulary is fitted on the whole corpus, labelled or not.
#pragma once

#include <string>
#include <vector>

#include "screen/sparse_matrix.hpp"
#include "screen/tokenizer.hpp"

namespace prismaflow::screen {

struct TfidfOptions {
  int ngram_max = 2;          ///< 1 = words only, 2 = words and word pairs
  int min_df = 1;             ///< drop terms in fewer documents than this
  bool sublinear_tf = false;  ///< use 1 + ln(tf) instead of tf
  TokenizeOptions tokens;     ///< stop words and numbers (screen/tokenizer.hpp)
  /// document_features(): titles and bodies get separate vocabularies, each
  /// row's two halves normalised apart (ASReview 0.x's split_ta), so a word
  /// in the title weighs differently from the same word in the abstract.
  bool split_title_abstract = false;
};

/// What ranking reads of a record: its title, and its abstract and keywords
/// joined by a space (the body).
struct DocumentText {
  std::string title;
  std::string body;
};

/// The fitted features: one row per document, columns numbered by `vocabulary`.
struct TfidfFeatures {
  SparseMatrix matrix;
  std::vector<std::string> vocabulary;  ///< term of each column (sorted)
  std::vector<double> idf;              ///< idf of each column
};

/// Tokenises each document (screen/tokenizer.hpp), adds n-grams and returns
/// its TF-IDF rows. An empty document gives an all-zero row. Never throws on content.
TfidfFeatures tfidf(const std::vector<std::string>& documents, const TfidfOptions& options = {});

/// The ranking features of `documents`: tfidf() of title and body joined by
/// a space, or with options.split_title_abstract the title features then the
/// body features side by side, terms named "title:..." and "body:...".
TfidfFeatures document_features(const std::vector<DocumentText>& documents,
                                const TfidfOptions& options);

/// The columns of `a` then those of `b` side by side (same number of rows), as
/// ASReview's split_ta setting joins separate title and abstract features.
SparseMatrix hstack(const SparseMatrix& a, const SparseMatrix& b);

}  // namespace prismaflow::screen
