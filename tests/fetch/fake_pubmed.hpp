// A PubMed stand-in behind LocalHttpServer: a corpus of generated articles
// with given PMIDs, answering esearch (history server, retstart paging, the
// retstart cap, "lo:hi[uid]" slices) and efetch (id list or history) as
// NCBI does, with a hook to script faults per request.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/local_http_server.hpp"

namespace prismaflow::test {

/// One generated PubmedArticle element for `pmid` (title "Trial <pmid> of
/// <i>blinatumomab</i> in children", a DOI, two authors, a MeSH heading).
std::string fake_article(const std::string& pmid);

class FakePubmed {
 public:
  /// `pmids` are what the query returns; `cap` mimics the 9,999 window.
  FakePubmed(std::vector<std::string> pmids, long cap = 9999);

  /// Called first for every request with its 1-based number per endpoint;
  /// a reply it returns replaces the normal one (fault injection).
  std::function<std::optional<HttpReply>(const HttpRequest&, int n)> fault;
  int latency_ms = 0;

  HttpReply handle(const HttpRequest& request);
  const std::vector<std::string>& pmids() const { return pmids_; }

 private:
  HttpReply esearch(const HttpRequest& request);
  HttpReply efetch(const HttpRequest& request);
  std::vector<std::string> pmids_;  // ascending
  long cap_;
  std::mutex mu_;
  int n_esearch_ = 0, n_efetch_ = 0;
};

/// "MCID_fake": the WebEnv FakePubmed hands out.
inline constexpr const char* kFakeWebEnv = "MCID_fake";

}  // namespace prismaflow::test
