#include "screen/tokenizer.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>

namespace prismaflow::screen {
namespace {

// A short English function-word list written for this project: articles,
// pronouns, auxiliaries, prepositions and conjunctions that carry no topic.
constexpr std::array kStopWords = {
    "a",       "about",   "above",   "after",   "again",   "against", "all",     "also",
    "am",      "among",   "an",      "and",     "any",     "are",     "as",      "at",
    "be",      "because", "been",    "before",  "being",   "below",   "between", "both",
    "but",     "by",      "can",     "could",   "did",     "do",      "does",    "doing",
    "done",    "down",    "during",  "each",    "either",  "else",    "etc",     "ever",
    "few",     "for",     "from",    "further", "had",     "has",     "have",    "having",
    "he",      "her",     "here",    "hers",    "herself", "him",     "himself", "his",
    "how",     "however", "if",      "in",      "into",    "is",      "it",      "its",
    "itself",  "just",    "may",     "me",      "might",   "more",    "most",    "much",
    "must",    "my",      "myself",  "neither", "no",      "nor",     "not",     "of",
    "off",     "on",      "once",    "only",    "or",      "other",   "our",     "ours",
    "out",     "over",    "own",     "same",    "shall",   "she",     "should",  "so",
    "some",    "such",    "than",    "that",    "the",     "their",   "theirs",  "them",
    "then",    "there",   "these",   "they",    "this",    "those",   "through", "thus",
    "to",      "too",     "under",   "until",   "up",      "upon",    "us",      "very",
    "was",     "we",      "were",    "what",    "when",    "where",   "whether", "which",
    "while",   "who",     "whom",    "whose",   "why",     "will",    "with",    "within",
    "without", "would",   "yet",     "you",     "your",    "yours",   "yourself"};

bool is_word_byte(unsigned char c) {
  // After folding, non-ASCII bytes belong to letters of other scripts.
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void fold_into(std::string_view text, std::string& out) {
  // ASCII text (most titles and abstracts) folds to its lower case: utf8proc's
  // case folding, composition and mark stripping change no ASCII byte.
  bool ascii = true;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) {
    out.assign(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                                       UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (n < 0) {
    // Invalid UTF-8: fall back to ASCII lower-casing, other bytes become gaps.
    out.assign(text);
    for (char& c : out) {
      auto u = static_cast<unsigned char>(c);
      c = u >= 0x80 ? ' ' : static_cast<char>(std::tolower(u));
    }
    return;
  }
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  out.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
}

}  // namespace

bool is_stop_word(std::string_view word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

void tokenize_views(std::string_view text, const TokenizeOptions& options, std::string& folded,
                    std::vector<std::string_view>& tokens) {
  tokens.clear();
  fold_into(text, folded);
  std::size_t i = 0;
  const std::size_t n = folded.size();
  while (i < n) {
    while (i < n && !is_word_byte(static_cast<unsigned char>(folded[i]))) ++i;
    std::size_t start = i;
    bool all_digits = true;
    std::size_t chars = 0;
    while (i < n && is_word_byte(static_cast<unsigned char>(folded[i]))) {
      auto c = static_cast<unsigned char>(folded[i]);
      if (c < '0' || c > '9') all_digits = false;
      if ((c & 0xC0) != 0x80) ++chars;  // count code points, not bytes
      ++i;
    }
    if (chars < 2 || (all_digits && options.drop_numbers)) continue;
    std::string_view word(folded.data() + start, i - start);
    if (options.drop_stop_words && is_stop_word(word)) continue;
    tokens.push_back(word);
  }
}

std::vector<std::string> tokenize(std::string_view text, const TokenizeOptions& options) {
  std::string folded;
  std::vector<std::string_view> views;
  tokenize_views(text, options, folded, views);
  return std::vector<std::string>(views.begin(), views.end());
}

void add_ngrams(std::vector<std::string>& tokens, int ngram_max) {
  const std::size_t base = tokens.size();
  for (int n = 2; n <= ngram_max; ++n) {
    const auto un = static_cast<std::size_t>(n);
    for (std::size_t i = 0; i + un <= base; ++i) {
      std::string gram = tokens[i];
      for (std::size_t k = 1; k < un; ++k) {
        gram += ' ';
        gram += tokens[i + k];
      }
      tokens.push_back(std::move(gram));
    }
  }
}

}  // namespace prismaflow::screen
