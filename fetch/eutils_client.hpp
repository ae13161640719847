// The live E-utilities transport over libcurl: one reused connection,
// GET or POST form, a stall timeout (no byte for N seconds aborts the
// transfer), and the Retry-After header. No CURL type leaves this file pair.
#pragma once

#include <memory>
#include <string>

#include "fetch/eutils_transport.hpp"

namespace prismaflow::fetch {

struct EutilsClientOptions {
  /// Base URL; the endpoint name is appended ("…/eutils/" + "esearch.fcgi").
  std::string base_url = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";
  std::string api_key;          ///< sent as api_key=, never stored
  double stall_timeout_s = 15;  ///< abort when no byte arrives for this long
  double connect_timeout_s = 15;
};

class EutilsClient : public EutilsTransport {
 public:
  explicit EutilsClient(EutilsClientOptions options);
  ~EutilsClient() override;
  EutilsClient(const EutilsClient&) = delete;
  EutilsClient& operator=(const EutilsClient&) = delete;

  EutilsResponse send(const EutilsRequest& request) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prismaflow::fetch
