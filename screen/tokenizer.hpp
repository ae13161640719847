// Tokenisation for the relevance model: text is case-folded and stripped of
// accents (utf8proc), split into runs of letters and digits, and words of one
// character, pure numbers and English stop words are dropped, much as
// scikit-learn's TfidfVectorizer(stop_words="english") does for ASReview.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::screen {

struct TokenizeOptions {
  bool drop_stop_words = true;  ///< false keeps them, as scikit-learn's default does
  bool drop_numbers = true;     ///< false keeps all-digit words ("2019"), as scikit-learn does
};

/// The tokens of `text` in order: lower-case, accents removed, at least two
/// characters, not all digits, not a stop word (the last two as `options`
/// say). Invalid UTF-8 bytes are treated as separators. Never throws on content.
std::vector<std::string> tokenize(std::string_view text, const TokenizeOptions& options = {});

/// tokenize() without a string per token: folds `text` into `folded` (reused
/// between calls) and appends views into it to `tokens` (cleared first). The
/// views are valid until `folded` changes. Same tokens as tokenize().
void tokenize_views(std::string_view text, const TokenizeOptions& options, std::string& folded,
                    std::vector<std::string_view>& tokens);

/// True for the built-in English stop words (lower-case input).
bool is_stop_word(std::string_view word);

/// Appends to `tokens` its word n-grams for n = 2..`ngram_max`, joined by a
/// space ("heart failure"). n-grams do not span dropped stop words' gaps:
/// they are formed from the token sequence as returned by tokenize().
void add_ngrams(std::vector<std::string>& tokens, int ngram_max);

}  // namespace prismaflow::screen
