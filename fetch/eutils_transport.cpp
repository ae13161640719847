#include "fetch/eutils_transport.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace prismaflow::fetch {

std::string EutilsRequest::param(const std::string& name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

std::string EutilsRequest::params_json() const {
  // std::map gives sorted keys, so equal requests store equal text.
  std::map<std::string, std::string> sorted(params.begin(), params.end());
  return nlohmann::json(sorted).dump();
}

}  // namespace prismaflow::fetch
