// A fresh temporary folder per test, removed with everything in it.
#pragma once

#include <filesystem>

namespace prismaflow::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Writes `text` to `path` (test fixtures).
void write_text(const std::filesystem::path& path, const std::string& text);

}  // namespace prismaflow::test
