// Network speed of `prismaflow fetch` (issue 3, "Speed"): the built binary
// fetches N records (default 25,000) from a loopback PubMed stand-in that
// adds 50 ms latency to every reply, with the real 3 requests/s limit. The
// bound is requests / 3 per s; the figure is the wall time against it, and
// the server counts any request that came faster than NCBI would allow.
//   fetch_network_bench [N] [BATCH]
#include <chrono>
#include <cstdio>
#include <mutex>

#include "tests/fetch/fake_pubmed.hpp"
#include "tests/fetch/fetch_test_support.hpp"
#include "tests/support/local_http_server.hpp"

using namespace prismaflow::test;

int main(int argc, char** argv) {
  long n = argc > 1 ? std::stol(argv[1]) : 25000;
  int batch = argc > 2 ? std::stoi(argv[2]) : 500;
  FakePubmed pubmed(pmid_range(30000000, n, 3));
  pubmed.latency_ms = 50;
  // NCBI's rule as a server would enforce it: more than 3 requests starting
  // within any one second is answered 429.
  std::mutex mu;
  std::vector<double> starts;
  int too_fast = 0;
  pubmed.fault = [&](const HttpRequest&, int) -> std::optional<HttpReply> {
    std::lock_guard<std::mutex> lock(mu);
    double t = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    starts.push_back(t);
    std::size_t k = starts.size();
    if (k >= 4 && t - starts[k - 4] < 1.0) {
      ++too_fast;
      return HttpReply{429, R"({"error":"API rate limit exceeded","count":"4","limit":"3"})"};
    }
    return std::nullopt;
  };
  LocalHttpServer server([&](const HttpRequest& r) { return pubmed.handle(r); });
  FetchReview rev;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> args{"fetch", "--review", rev.dir, "--eutils-url", server.base_url(),
                                "--email", "bench@example.org", "--name", "bench", "--query",
                                "bench", "--batch-size", std::to_string(batch)};
  auto r = run_prismaflow(args);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  int requests = static_cast<int>(server.requests().size());
  double bound = requests / 3.0;
  std::printf("fetch of %ld records, batch %d: exit %d, %d requests (%d esearch, %d efetch), "
              "%d answered 429\n", n, batch, r.exit_code, requests, server.count("esearch.fcgi"),
              server.count("efetch.fcgi"), too_fast);
  std::printf("wall %.2f s, bound (requests / 3 per s) %.2f s, ratio %.3f; stored %zu records\n",
              wall, bound, wall / bound, rev.stored_pmids().size());
  if (r.exit_code != 0) std::fprintf(stderr, "%s\n", r.err.c_str());
  return r.exit_code;
}
