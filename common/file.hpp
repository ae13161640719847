// Whole-file reads and atomic writes. A write goes to a temporary file in the
// same folder and is renamed into place, so a crash never leaves half a file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace prismaflow {

/// Reads a file's bytes. Throws InputError naming the path when it cannot.
std::string read_file(const std::filesystem::path& path);

/// Writes `bytes` to `path` atomically (temp file + rename).
/// Throws Error naming the path when the folder is not writable.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace prismaflow
