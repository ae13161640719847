// The rules of compare_meta.py, restated in C++ for the gtest suite.
#include "tests/analyze/reference_compare.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace prismaflow::test {
namespace {

using nlohmann::json;

const std::set<std::string> kPercent = {"i2", "i2_tau", "weight"};
const std::set<std::string> kInt = {"k", "q_df", "df"};
const std::set<std::string> kIgnored = {"warnings", "note", "notes"};

void compare(const json& ref, const json* eng, const std::string& path, const std::string& field,
             std::vector<std::string>& out);

void compare_studies(const json& ref, const json& eng, const std::string& path, std::vector<std::string>& out) {
  std::set<std::string> ref_labels;
  for (const auto& r : ref) {
    std::string label = r.at("study").get<std::string>();
    ref_labels.insert(label);
    const json* match = nullptr;
    for (const auto& e : eng)
      if (e.contains("study") && e["study"] == label) match = &e;
    if (!match) {
      bool optional = r.value("yi", json()).is_null() && (r.value("weight", json()).is_null() || r["weight"] == 0);
      if (!optional) out.push_back(path + "[" + label + "]: study missing in engine output");
      continue;
    }
    for (const auto& [key, value] : r.items())
      if (key != "study") compare(value, match->contains(key) ? &(*match)[key] : nullptr, path + "[" + label + "]." + key, key, out);
  }
  for (const auto& e : eng)
    if (!ref_labels.count(e.value("study", ""))) out.push_back(path + ": extra study " + e.dump());
}

void compare(const json& ref, const json* eng, const std::string& path, const std::string& field,
             std::vector<std::string>& out) {
  if (kIgnored.count(field)) return;
  if (ref.is_null()) {
    if (eng && !eng->is_null()) out.push_back(path + ": reference is null, engine gave " + eng->dump());
    return;
  }
  if (!eng || eng->is_null()) {
    out.push_back(path + ": missing/null in engine output (reference " + ref.dump() + ")");
    return;
  }
  if (ref.is_object()) {
    if (ref.size() == 1 && ref.contains("error")) return;
    for (const auto& [key, value] : ref.items())
      if (key != "error" && !kIgnored.count(key))
        compare(value, eng->contains(key) ? &(*eng)[key] : nullptr, path.empty() ? key : path + "." + key, key, out);
    return;
  }
  if (ref.is_array()) {
    if (!eng->is_array()) {
      out.push_back(path + ": expected a list");
      return;
    }
    if (!ref.empty() && ref[0].is_object() && ref[0].contains("study")) {
      compare_studies(ref, *eng, path, out);
      return;
    }
    if (ref.size() != eng->size()) {
      out.push_back(path + ": list length differs");
      return;
    }
    for (std::size_t i = 0; i < ref.size(); ++i) compare(ref[i], &(*eng)[i], path + "[" + std::to_string(i) + "]", field, out);
    return;
  }
  if (ref.is_string()) {
    std::string a = ref.get<std::string>(), b = eng->is_string() ? eng->get<std::string>() : "";
    std::transform(a.begin(), a.end(), a.begin(), ::tolower);
    std::transform(b.begin(), b.end(), b.begin(), ::tolower);
    if (a != b) out.push_back(path + ": " + eng->dump() + " != reference " + ref.dump());
    return;
  }
  if (!eng->is_number()) {
    out.push_back(path + ": not a number: " + eng->dump());
    return;
  }
  double r = ref.get<double>(), e = eng->get<double>();
  if (kInt.count(field)) {
    if (r != e) out.push_back(path + ": " + std::to_string(e) + " != reference " + std::to_string(r));
    return;
  }
  double atol = kPercent.count(field) ? 1e-6 : 1e-10;
  double allowed = atol + 1e-6 * std::fabs(r);
  if (!std::isfinite(e) || std::fabs(e - r) > allowed) {
    std::ostringstream os;
    os.precision(17);
    os << path << ": engine " << e << " vs reference " << r << " (allowed " << allowed << ")";
    out.push_back(os.str());
  }
}

}  // namespace

std::vector<std::string> compare_with_reference(const json& ref, const json& eng, const std::string& path) {
  std::vector<std::string> out;
  compare(ref, &eng, path, "", out);
  return out;
}

std::vector<std::filesystem::path> reference_files(const std::filesystem::path& shared) {
  std::vector<std::filesystem::path> files;
  auto dir = shared / "validation" / "meta";
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

json load_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

}  // namespace prismaflow::test
