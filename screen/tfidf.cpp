#include "screen/tfidf.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "screen/tokenizer.hpp"

namespace prismaflow::screen {

TfidfFeatures tfidf(const std::vector<std::string>& documents, const TfidfOptions& options) {
  // Pass 1: term ids in order of first sight, per-document (term, count) lists.
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> terms;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> counts(documents.size());
  std::vector<std::size_t> df;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    std::vector<std::string> tokens = tokenize(documents[d], options.tokens);
    add_ngrams(tokens, options.ngram_max);
    std::unordered_map<std::uint32_t, double> tf;
    for (auto& t : tokens) {
      auto [it, inserted] = ids.try_emplace(t, static_cast<std::uint32_t>(terms.size()));
      if (inserted) {
        terms.push_back(std::move(t));
        df.push_back(0);
      }
      tf[it->second] += 1.0;
    }
    for (const auto& [term, c] : tf) {
      ++df[term];
      counts[d].emplace_back(term, c);
    }
  }

  // Columns in lexical term order (stable across runs), filtered by min_df.
  std::vector<std::uint32_t> order(terms.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return terms[a] < terms[b]; });
  constexpr std::uint32_t kDropped = UINT32_MAX;
  std::vector<std::uint32_t> column(terms.size(), kDropped);
  TfidfFeatures out;
  const double n = static_cast<double>(documents.size());
  for (std::uint32_t t : order) {
    if (df[t] < static_cast<std::size_t>(std::max(options.min_df, 1))) continue;
    column[t] = static_cast<std::uint32_t>(out.vocabulary.size());
    out.vocabulary.push_back(terms[t]);
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
