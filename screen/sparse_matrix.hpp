// A compressed sparse row (CSR) matrix of doubles: the document-term matrix
// the relevance models read. Small and exact on purpose: rows are documents,
// the models only need row access and dot products.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace prismaflow::screen {

struct SparseMatrix {
  std::size_t n_cols = 0;
  std::vector<std::size_t> row_start{0};  ///< size rows()+1
  std::vector<std::uint32_t> col;         ///< column of each stored value
  std::vector<double> value;

  std::size_t rows() const { return row_start.size() - 1; }
  std::size_t non_zeros() const { return value.size(); }
  std::span<const std::uint32_t> row_cols(std::size_t r) const {
    return {col.data() + row_start[r], row_start[r + 1] - row_start[r]};
  }
  std::span<const double> row_values(std::size_t r) const {
    return {value.data() + row_start[r], row_start[r + 1] - row_start[r]};
  }
  /// Dot product of row `r` with the dense vector `w` (size n_cols).
  double row_dot(std::size_t r, const std::vector<double>& w) const {
    double s = 0.0;
    for (std::size_t k = row_start[r]; k < row_start[r + 1]; ++k) s += value[k] * w[col[k]];
    return s;
  }
};

}  // namespace prismaflow::screen
