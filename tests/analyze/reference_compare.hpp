// Compares engine JSON with metafor reference JSON under the tolerances of
// shared/validation/meta/README.md (rtol 1e-6, atol 1e-10, atol 1e-6 for
// percentages; integers equal; null stays null; studies matched by label).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace prismaflow::test {

/// Problems found (empty = agreement). `path` prefixes each message.
std::vector<std::string> compare_with_reference(const nlohmann::json& ref, const nlohmann::json& eng,
                                                const std::string& path = "");

/// Every <dataset>.json under shared/validation/meta, sorted.
std::vector<std::filesystem::path> reference_files(const std::filesystem::path& shared);

/// Reads and parses a JSON file.
nlohmann::json load_json(const std::filesystem::path& path);

}  // namespace prismaflow::test
