#include "fetch/eutils_archive.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.hpp"
#include "common/file.hpp"
#include "fetch/search_run_store.hpp"

namespace prismaflow::fetch {
namespace {

constexpr const char* kFormat = "prismaflow-eutils-archive";

struct Entry {
  std::string endpoint;
  std::vector<std::pair<std::string, std::string>> params;
  int http_status = 200;
  std::string body;
};

std::set<std::string> id_set(const std::string& csv) {
  std::set<std::string> out;
  std::size_t start = 0;
  while (start <= csv.size()) {
    std::size_t end = csv.find(',', start);
    if (end == std::string::npos) end = csv.size();
    if (end > start) out.insert(csv.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool ignored(const std::string& key) { return key == "tool" || key == "email" || key == "api_key"; }

}  // namespace

struct ArchiveTransport::Impl {
  std::filesystem::path manifest;
  std::vector<Entry> entries;
};

ArchiveTransport::ArchiveTransport(const std::filesystem::path& dir)
    : impl_(std::make_unique<Impl>()) {
  impl_->manifest = dir / "manifest.json";
  const std::string where = impl_->manifest.string();
  if (!std::filesystem::exists(impl_->manifest)) {
    throw InputError(where, 0, "no manifest; --replay wants a folder written by "
                               "'prismaflow fetch --export-archive DIR'");
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(impl_->manifest));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(where, 0, std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object() || j.value("format", "") != kFormat || !j.contains("responses") ||
      !j["responses"].is_array()) {
    throw InputError(where, 0, std::string("expected {\"format\": \"") + kFormat +
                                   "\", \"version\": 1, \"responses\": [...]}");
  }
  std::size_t n = 0;
  for (const auto& e : j["responses"]) {
    ++n;
    std::string at = "responses[" + std::to_string(n - 1) + "]";
    if (!e.is_object() || !e.contains("endpoint") || !e.contains("file") ||
        !e["endpoint"].is_string() || !e["file"].is_string()) {
      throw InputError(where, 0, at + " needs \"endpoint\" and \"file\" strings");
    }
    Entry en;
    en.endpoint = e["endpoint"].get<std::string>();
    en.http_status = e.value("http_status", 200);
    if (e.contains("params")) {
      if (!e["params"].is_object()) throw InputError(where, 0, at + ".params must be an object");
      for (const auto& [k, v] : e["params"].items())
        en.params.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    }
    auto body = dir / e["file"].get<std::string>();
    if (!std::filesystem::exists(body))
      throw InputError(where, 0, at + ": body file " + body.string() + " is missing");
    en.body = read_file(body);
    impl_->entries.push_back(std::move(en));
  }
}

ArchiveTransport::~ArchiveTransport() = default;

EutilsResponse ArchiveTransport::send(const EutilsRequest& request) {
  for (const auto& e : impl_->entries) {
    if (e.endpoint != request.endpoint) continue;
    bool match = std::all_of(e.params.begin(), e.params.end(), [&](const auto& kv) {
      if (ignored(kv.first)) return true;
      std::string have = request.param(kv.first);
      return kv.first == "id" ? id_set(have) == id_set(kv.second) : have == kv.second;
    });
    if (match) return EutilsResponse{e.http_status, e.body, "", -1};
  }
  std::string shown = request.params_json();
  if (shown.size() > 300) shown = shown.substr(0, 300) + "…";
  throw InputError(impl_->manifest.string(), 0,
                   "no archived response for " + request.endpoint + " " + shown +
                       "; the archive was written with other search settings");
}

std::size_t write_archive(db::Database& db, const std::vector<std::int64_t>& run_ids,
                          const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  nlohmann::json responses = nlohmann::json::array();
  std::size_t n = 0;
  for (std::int64_t run : run_ids) {
    for (const auto& r : stored_responses(db, run)) {
      ++n;
      std::string stem = r.endpoint.substr(0, r.endpoint.find('.'));
      char name[64];
      std::snprintf(name, sizeof name, "%04zu-%s.xml", n, stem.c_str());
      write_file_atomic(dir / name, r.body);
      responses.push_back({{"endpoint", r.endpoint},
                           {"params", nlohmann::json::parse(r.params_json)},
                           {"http_status", r.http_status},
                           {"file", name},
                           {"run_id", run}});
    }
  }
  nlohmann::json manifest = {{"format", kFormat}, {"version", 1}, {"responses", responses}};
  write_file_atomic(dir / "manifest.json", manifest.dump(2) + "\n");
  return n;
}

}  // namespace prismaflow::fetch
