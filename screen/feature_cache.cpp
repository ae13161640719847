#include "screen/feature_cache.hpp"

#include <cstring>
#include <exception>

#include "common/compress.hpp"

namespace prismaflow::screen {
namespace {

constexpr std::string_view kMagic = "PFTFIDF1";

template <typename T>
void put(std::string& out, const T* data, std::size_t n) {
  out.append(reinterpret_cast<const char*>(data), n * sizeof(T));
}

template <typename T>
bool take(std::string_view& in, T* data, std::size_t n) {
  const std::size_t bytes = n * sizeof(T);
  if (in.size() < bytes) return false;
  if (bytes > 0) std::memcpy(data, in.data(), bytes);
  in.remove_prefix(bytes);
  return true;
}

}  // namespace

std::string serialise_features(const RecordFeatures& f) {
  const SparseMatrix& m = f.matrix;
  std::string raw(kMagic);
  const std::uint64_t header[3] = {f.record_ids.size(), m.n_cols, m.value.size()};
  put(raw, header, 3);
  put(raw, f.record_ids.data(), f.record_ids.size());
  put(raw, m.row_start.data(), m.row_start.size());
  put(raw, m.col.data(), m.col.size());
  put(raw, m.value.data(), m.value.size());
  return zstd_compress(raw);
}

std::optional<RecordFeatures> deserialise_features(std::string_view bytes) {
  std::string raw;
  try {
    raw = zstd_decompress(bytes);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string_view in(raw);
  if (in.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  in.remove_prefix(kMagic.size());
  std::uint64_t header[3];
  if (!take(in, header, 3)) return std::nullopt;
  const std::uint64_t rows = header[0], nnz = header[2];
  // The sizes must account for every remaining byte before anything is allocated.
  const std::uint64_t expect = rows * 8 + (rows + 1) * sizeof(std::size_t) + nnz * 12;
  if (rows > in.size() || nnz > in.size() || in.size() != expect) return std::nullopt;
  RecordFeatures f;
  f.record_ids.resize(rows);
  f.matrix.n_cols = header[1];
  f.matrix.row_start.resize(rows + 1);
  f.matrix.col.resize(nnz);
  f.matrix.value.resize(nnz);
  take(in, f.record_ids.data(), rows);
  take(in, f.matrix.row_start.data(), rows + 1);
  take(in, f.matrix.col.data(), nnz);
  take(in, f.matrix.value.data(), nnz);
  if (f.matrix.row_start.front() != 0 || f.matrix.row_start.back() != nnz) return std::nullopt;
  for (std::size_t r = 0; r < rows; ++r)
    if (f.matrix.row_start[r] > f.matrix.row_start[r + 1]) return std::nullopt;
  for (auto c : f.matrix.col)
    if (c >= f.matrix.n_cols) return std::nullopt;
  return f;
}

}  // namespace prismaflow::screen
