#include "screen/tfidf.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "screen/tokenizer.hpp"

namespace prismaflow::screen {

namespace {

// Transparent hashing so a std::string_view token finds its std::string key
// without building a string per token.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

TfidfFeatures tfidf(const std::vector<std::string>& documents, const TfidfOptions& options) {
  // Pass 1: term ids in order of first sight, per-document (term, count) lists.
  // Words are looked up by their text; an n-gram by the ids of its first
  // n-1 words' term and its last word, so its text is built only once, when
  // first seen (the same terms as tokenize() + add_ngrams()).
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> word_ids;
  std::unordered_map<std::uint64_t, std::uint32_t> gram_ids;
  // A word's term points at its key in word_ids (node keys never move); an
  // n-gram's term is (its first n-1 words' term, its last word's term), and
  // its text is only built if it survives min_df.
  struct TermDef {
    std::uint32_t prefix;  // kWord for a single word
    std::uint32_t last;
    const std::string* word;
  };
  constexpr std::uint32_t kWord = UINT32_MAX;
  std::vector<TermDef> defs;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> counts(documents.size());
  std::vector<std::size_t> df;
  std::string folded;
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> word_term, prefix, next_prefix, doc_terms;
  auto new_term = [&](TermDef def) {
    defs.push_back(def);
    df.push_back(0);
    return static_cast<std::uint32_t>(defs.size() - 1);
  };
  for (std::size_t d = 0; d < documents.size(); ++d) {
    tokenize_views(documents[d], options.tokens, folded, words);
    word_term.clear();
    doc_terms.clear();
    for (std::string_view w : words) {
      auto it = word_ids.find(w);
      if (it == word_ids.end()) {
        it = word_ids.emplace(std::string(w), 0).first;
        it->second = new_term({kWord, 0, &it->first});
      }
      word_term.push_back(it->second);
      doc_terms.push_back(it->second);
    }
    // prefix[i] = term of the (n-1)-gram starting at word i.
    prefix = word_term;
    for (int n = 2; n <= options.ngram_max; ++n) {
      const auto un = static_cast<std::size_t>(n);
      if (word_term.size() < un) break;
      next_prefix.clear();
      for (std::size_t i = 0; i + un <= word_term.size(); ++i) {
        const std::uint64_t key = (std::uint64_t{prefix[i]} << 32) | word_term[i + un - 1];
        auto it = gram_ids.find(key);
        if (it == gram_ids.end())
          it = gram_ids.emplace(key, new_term({prefix[i], word_term[i + un - 1], nullptr})).first;
        next_prefix.push_back(it->second);
        doc_terms.push_back(it->second);
      }
      prefix.swap(next_prefix);
    }
    std::sort(doc_terms.begin(), doc_terms.end());
    for (std::size_t k = 0; k < doc_terms.size();) {
      std::size_t e = k;
      while (e < doc_terms.size() && doc_terms[e] == doc_terms[k]) ++e;
      ++df[doc_terms[k]];
      counts[d].emplace_back(doc_terms[k], static_cast<double>(e - k));
      k = e;
    }
  }

  // Columns in lexical term order (stable across runs), filtered by min_df.
  // Rare terms are dropped before sorting: with word pairs most terms occur once.
  const auto min_df = static_cast<std::size_t>(std::max(options.min_df, 1));
  std::vector<std::uint32_t> order;
  std::vector<std::string> terms(defs.size());
  auto text_of = [&](std::uint32_t t) {
    std::string text;
    std::vector<std::uint32_t> parts;
    for (std::uint32_t u = t; defs[u].prefix != kWord; u = defs[u].prefix) parts.push_back(defs[u].last);
    for (std::uint32_t u = t; ; u = defs[u].prefix)
      if (defs[u].prefix == kWord) {
        text = *defs[u].word;
        break;
      }
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      text += ' ';
      text += *defs[*it].word;
    }
    return text;
  };
  for (std::uint32_t t = 0; t < defs.size(); ++t)
    if (df[t] >= min_df) {
      order.push_back(t);
      terms[t] = text_of(t);
    }
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return terms[a] < terms[b]; });
  constexpr std::uint32_t kDropped = UINT32_MAX;
  std::vector<std::uint32_t> column(defs.size(), kDropped);
  TfidfFeatures out;
  const double n = static_cast<double>(documents.size());
  for (std::uint32_t t : order) {
    column[t] = static_cast<std::uint32_t>(out.vocabulary.size());
    out.vocabulary.push_back(std::move(terms[t]));
    out.idf.push_back(std::log((1.0 + n) / (1.0 + static_cast<double>(df[t]))) + 1.0);
  }

  SparseMatrix& m = out.matrix;
  m.n_cols = out.vocabulary.size();
  m.row_start.assign(1, 0);
  std::vector<std::pair<std::uint32_t, double>> row;
  for (auto& doc : counts) {
    row.clear();
    for (const auto& [t, c] : doc) {
      if (column[t] == kDropped) continue;
      const double tf = options.sublinear_tf ? 1.0 + std::log(c) : c;
      row.emplace_back(column[t], tf * out.idf[column[t]]);
    }
    std::sort(row.begin(), row.end());
    double norm = 0.0;
    for (const auto& [c, v] : row) norm += v * v;
    norm = std::sqrt(norm);
    for (const auto& [c, v] : row) {
      m.col.push_back(c);
      m.value.push_back(norm > 0 ? v / norm : 0.0);
    }
    m.row_start.push_back(m.value.size());
    doc.clear();
    doc.shrink_to_fit();
  }
  return out;
}

TfidfFeatures document_features(const std::vector<DocumentText>& documents,
                                const TfidfOptions& options) {
  std::vector<std::string> first, second;
  first.reserve(documents.size());
  if (!options.split_title_abstract) {
    for (const DocumentText& d : documents)
      first.push_back(d.title.empty() || d.body.empty() ? d.title + d.body
                                                         : d.title + ' ' + d.body);
    return tfidf(first, options);
  }
  second.reserve(documents.size());
  for (const DocumentText& d : documents) {
    first.push_back(d.title);
    second.push_back(d.body);
  }
  TfidfFeatures titles = tfidf(first, options);
  TfidfFeatures bodies = tfidf(second, options);
  TfidfFeatures out;
  out.matrix = hstack(titles.matrix, bodies.matrix);
  for (std::string& t : titles.vocabulary) out.vocabulary.push_back("title:" + std::move(t));
  for (std::string& t : bodies.vocabulary) out.vocabulary.push_back("body:" + std::move(t));
  out.idf = std::move(titles.idf);
  out.idf.insert(out.idf.end(), bodies.idf.begin(), bodies.idf.end());
  return out;
}

SparseMatrix hstack(const SparseMatrix& a, const SparseMatrix& b) {
  SparseMatrix m;
  m.n_cols = a.n_cols + b.n_cols;
  const auto shift = static_cast<std::uint32_t>(a.n_cols);
  for (std::size_t r = 0; r < a.rows(); ++r) {
    for (std::size_t k = a.row_start[r]; k < a.row_start[r + 1]; ++k) {
      m.col.push_back(a.col[k]);
      m.value.push_back(a.value[k]);
    }
    if (r < b.rows()) {
      for (std::size_t k = b.row_start[r]; k < b.row_start[r + 1]; ++k) {
        m.col.push_back(b.col[k] + shift);
        m.value.push_back(b.value[k]);
      }
    }
    m.row_start.push_back(m.value.size());
  }
  return m;
}

}  // namespace prismaflow::screen
