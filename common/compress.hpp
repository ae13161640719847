// zstd compression for archived payloads (raw E-utilities responses, source
// records). Stored bodies are large and rarely read, so they are kept small.
#pragma once

#include <string>
#include <string_view>

namespace prismaflow {

/// zstd frame of `bytes` at a fast level.
std::string zstd_compress(std::string_view bytes);

/// Inverse of zstd_compress. Throws DbError on a corrupt frame.
std::string zstd_decompress(std::string_view frame);

}  // namespace prismaflow
