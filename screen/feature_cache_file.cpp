#include "screen/feature_cache_file.hpp"

#include <exception>
#include <system_error>

#include "common/file.hpp"

namespace prismaflow::screen {

std::filesystem::path feature_cache_path(const std::filesystem::path& db_path) {
  return db_path.parent_path() / ".prismaflow-cache" / "ranking-features.bin";
}

std::optional<RecordFeatures> load_feature_cache(const std::filesystem::path& path,
                                                 const std::string& key) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::string bytes;
  try {
    bytes = read_file(path);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  // Layout: the key, a newline, then serialise_features()'s bytes.
  if (bytes.size() <= key.size() || bytes.compare(0, key.size(), key) != 0 ||
      bytes[key.size()] != '\n')
    return std::nullopt;
  return deserialise_features(std::string_view(bytes).substr(key.size() + 1));
}

bool store_feature_cache(const std::filesystem::path& path, const std::string& key,
                         const RecordFeatures& features) {
  try {
    std::filesystem::create_directories(path.parent_path());
    write_file_atomic(path, key + "\n" + serialise_features(features));
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace prismaflow::screen
