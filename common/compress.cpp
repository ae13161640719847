#include "common/compress.hpp"

#include <zstd.h>

#include <memory>
#include <vector>

#include "common/error.hpp"

namespace prismaflow {

namespace {
// One compression context per thread, reused: ZSTD_compress() builds and
// frees a context per call, which for the ~400-byte records of a bulk import
// cost more than the compression itself (a third of a 100,000-record import).
struct CCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
ZSTD_CCtx* thread_cctx() {
  thread_local std::unique_ptr<ZSTD_CCtx, CCtxDeleter> cctx(ZSTD_createCCtx());
  if (!cctx) throw Error("zstd: cannot create a compression context");
  return cctx.get();
}
}  // namespace

std::string zstd_compress(std::string_view bytes) {
  // Compressed into a per-thread buffer that only ever grows, then copied
  // out at its (much smaller) size: a fresh std::string of the bound was
  // zero-filled first, every reply's size again (~4% of a fetch's work).
  thread_local std::vector<char> scratch;
  if (scratch.size() < ZSTD_compressBound(bytes.size())) scratch.resize(ZSTD_compressBound(bytes.size()));
  // Level 1: on efetch replies ~5% larger frames than level 3 in half the
  // time (its share of a 100,000-record fetch fell from ~1.0 to ~0.5 s CPU).
  std::size_t n = ZSTD_compressCCtx(thread_cctx(), scratch.data(), scratch.size(), bytes.data(), bytes.size(), 1);
  if (ZSTD_isError(n)) throw Error(std::string("zstd: ") + ZSTD_getErrorName(n));
  return std::string(scratch.data(), n);
}

std::string zstd_decompress(std::string_view frame) {
  unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    throw DbError("stored payload is not a zstd frame; the database may be damaged");
  }
  std::string out(size, '\0');
  std::size_t n = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n)) {
    throw DbError(std::string("stored payload cannot be decompressed: ") + ZSTD_getErrorName(n));
  }
  out.resize(n);
  return out;
}

}  // namespace prismaflow
