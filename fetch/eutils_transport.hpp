// How E-utilities requests travel: an interface with two real
// implementations, the libcurl client (eutils_client.hpp) and the replay
// archive (eutils_archive.hpp). The fetch runner only sees this interface, so
// a replayed run goes through exactly the code path of a live one.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace prismaflow::fetch {

/// One E-utilities call: endpoint ("esearch.fcgi", "efetch.fcgi",
/// "epost.fcgi") and its parameters in the order they are sent. Never holds
/// the API key: the live client adds it, so it cannot be stored or logged.
struct EutilsRequest {
  std::string endpoint;
  std::vector<std::pair<std::string, std::string>> params;
  bool post = false;  ///< send as an HTTP POST form (long id lists)

  /// The value of parameter `name`, "" when absent.
  std::string param(const std::string& name) const;
  /// Parameters as a compact JSON object (sorted keys), as stored.
  std::string params_json() const;
};

/// What came back. http_status 0 means no HTTP reply at all (refused,
/// reset, stalled, cut short); transport_error then says what happened.
struct EutilsResponse {
  int http_status = 0;
  std::string body;
  std::string transport_error;
  double retry_after_s = -1;  ///< Retry-After header in seconds, -1 when absent
};

/// Sends requests. Implementations are not thread-safe.
class EutilsTransport {
 public:
  virtual ~EutilsTransport() = default;
  /// Performs one request once (no retry). Never throws for network faults;
  /// reports them in the response.
  virtual EutilsResponse send(const EutilsRequest& request) = 0;
  /// "live" or "replay": what search_runs.kind and logs call this source.
  virtual bool is_replay() const { return false; }
};

}  // namespace prismaflow::fetch
