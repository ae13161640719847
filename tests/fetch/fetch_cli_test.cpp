// `prismaflow fetch` end to end: the built binary, real libcurl, a real
// loopback server playing PubMed, a real review.db.
#include <gtest/gtest.h>

#include <atomic>

#include "common/file.hpp"
#include "tests/fetch/fetch_test_support.hpp"
#include "tests/support/local_http_server.hpp"

namespace prismaflow::test {
namespace {

struct Served {
  FakePubmed pubmed;
  LocalHttpServer server;
  explicit Served(std::vector<std::string> ids, long cap = 9999)
      : pubmed(std::move(ids), cap), server([this](const HttpRequest& r) { return pubmed.handle(r); }) {}
  std::string url() const { return server.base_url(); }
};

TEST(FetchCli, HistoryPagingStoresEveryRecordOnce) {
  Served s(pmid_range(30000000, 237, 3));
  FetchReview rev;
  auto r = rev.fetch(s.url(), {"--name", "main", "--query", "blinatumomab", "--batch-size", "50"},
                     {{"PRISMAFLOW_ESEARCH_PAGE", "100"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The records went in under the rollback journal (BulkWriteJournal), and
  // the file was left in WAL mode: header bytes 18-19 are 2 for WAL, 1 for a
  // rollback journal, read before anything opens the review again.
  const std::string header = read_file(rev.dir + "/review.db").substr(0, 20);
  EXPECT_EQ(header[18], 2);
  EXPECT_EQ(header[19], 2);
  EXPECT_EQ(rev.stored_pmids(), s.pubmed.pmids());
  EXPECT_GE(s.server.count("esearch.fcgi"), 3);  // 100 + 100 + 37 ids
  EXPECT_EQ(s.server.count("efetch.fcgi"), 5);   // 237 records by history, 50 a batch
  for (const auto& req : s.server.requests()) {
    EXPECT_EQ(req.params.at("tool"), "prismaflow");
    EXPECT_EQ(req.params.at("email"), "tests@example.org");
    if (req.endpoint == "efetch.fcgi") {
      EXPECT_EQ(req.params.at("WebEnv"), kFakeWebEnv);
    }
  }
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM search_runs WHERE status = 'complete' AND count = 237"), 1);
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM raw_responses"),
            s.server.count("esearch.fcgi") + s.server.count("efetch.fcgi"));
  EXPECT_NE(read_file(rev.dir + "/review.toml").find("query = \"blinatumomab\""), std::string::npos);
  EXPECT_NE(r.out.find("237 new"), std::string::npos) << r.out;
  // Running it again adds nothing and says so.
  auto again = rev.fetch(s.url(), {"--name", "main"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already fetched"), std::string::npos);
  EXPECT_EQ(rev.stored_pmids().size(), 237u);
}

TEST(FetchCli, CountAboveTheCapIsSlicedByPmidRange) {
  Served s(pmid_range(1000, 260, 37), 60);
  FetchReview rev;
  auto r = rev.fetch(s.url(), {"--name", "big", "--query", "cancer", "--batch-size", "100"},
                     {{"PRISMAFLOW_ESEARCH_CAP", "60"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rev.stored_pmids(), s.pubmed.pmids());
  EXPECT_NE(r.out.find("slices"), std::string::npos) << r.out;
  int uid_terms = 0;
  for (const auto& req : s.server.requests())
    if (req.endpoint == "esearch.fcgi" && req.params.at("term").find("[uid]") != std::string::npos) ++uid_terms;
  EXPECT_GE(uid_terms, 5);
  // Sliced runs fetch by id list, by POST.
  for (const auto& req : s.server.requests())
    if (req.endpoint == "efetch.fcgi") {
      EXPECT_EQ(req.method, "POST");
    }
}

TEST(FetchCli, RateLimit429With429JsonBodyAndRetryAfterIsRetried) {
  Served s(pmid_range(500, 20));
  s.pubmed.fault = [](const HttpRequest& req, int n) -> std::optional<HttpReply> {
    if (req.endpoint == "efetch.fcgi" && n == 1) {
      return HttpReply{429, R"({"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"5","limit":"3"})",
                       {{"Retry-After", "1"}}};
    }
    return std::nullopt;
  };
  FetchReview rev;
  auto t0 = std::chrono::steady_clock::now();
  auto r = rev.fetch(s.url(), {"--name", "n", "--query", "q"});
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rev.stored_pmids().size(), 20u);
  EXPECT_GE(secs, 1.0);  // Retry-After: 1 was honoured over the 20 ms backoff
  EXPECT_NE(r.err.find("rate limit"), std::string::npos) << r.err;
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM raw_responses WHERE body_bytes < 200 AND endpoint = 'efetch.fcgi'"), 0);
}

TEST(FetchCli, ServerErrorsTruncatedBodiesAndClosedConnectionsAreRetried) {
  Served s(pmid_range(800, 30));
  s.pubmed.fault = [](const HttpRequest& req, int n) -> std::optional<HttpReply> {
    if (req.endpoint == "esearch.fcgi" && n == 1) return HttpReply{500, "Internal error"};
    if (req.endpoint == "efetch.fcgi" && n == 1) return HttpReply{503, ""};
    if (req.endpoint == "efetch.fcgi" && (n == 2 || n == 3)) {
      HttpReply cut{200, "<PubmedArticleSet>" + fake_article("800") + fake_article("801") + "</PubmedArticleSet>"};
      (n == 2 ? cut.truncate : cut.close_mid_body) = true;
      return cut;
    }
    return std::nullopt;
  };
  FetchReview rev;
  auto r = rev.fetch(s.url(), {"--name", "n", "--query", "q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rev.stored_pmids(), s.pubmed.pmids());
  EXPECT_EQ(s.server.count("efetch.fcgi"), 4);
  // Only the good efetch body was stored: no half body in the archive.
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM raw_responses WHERE endpoint = 'efetch.fcgi'"), 1);
}

TEST(FetchCli, StalledConnectionIsAbandonedAndRetried) {
  Served s(pmid_range(900, 5));
  s.pubmed.fault = [](const HttpRequest& req, int n) -> std::optional<HttpReply> {
    if (req.endpoint == "efetch.fcgi" && n == 1) {
      HttpReply stall{200, "<PubmedArticleSet></PubmedArticleSet>"};
      stall.stall_ms = 20000;
      return stall;
    }
    return std::nullopt;
  };
  FetchReview rev;
  auto t0 = std::chrono::steady_clock::now();
  auto r = rev.fetch(s.url(), {"--name", "n", "--query", "q", "--stall-timeout", "1"});
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(secs, 10.0);
  EXPECT_NE(r.err.find("stalled"), std::string::npos) << r.err;
  EXPECT_EQ(rev.stored_pmids().size(), 5u);
}

TEST(FetchCli, ShortEfetchBodyIsAskedAgain) {
  Served s(pmid_range(700, 4));
  s.pubmed.fault = [](const HttpRequest& req, int n) -> std::optional<HttpReply> {
    // The history pass comes back short; the id pass fills the gap.
    if (req.endpoint == "efetch.fcgi" && n == 1)
      return HttpReply{200, "<PubmedArticleSet>" + fake_article("703") + "</PubmedArticleSet>"};
    return std::nullopt;
  };
  FetchReview rev;
  auto r = rev.fetch(s.url(), {"--name", "n", "--query", "q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rev.stored_pmids(), s.pubmed.pmids());
  EXPECT_EQ(s.server.count("efetch.fcgi"), 2);
}

TEST(FetchCli, EsearchErrorFailsWithItsTextAndChangesNothing) {
  Served s(pmid_range(1, 3));
  s.pubmed.fault = [](const HttpRequest& req, int) -> std::optional<HttpReply> {
    if (req.endpoint == "esearch.fcgi")
      return HttpReply{200, "<eSearchResult><ERROR>Invalid query syntax: unbalanced parentheses"
                            "</ERROR></eSearchResult>"};
    return std::nullopt;
  };
  FetchReview rev;
  std::string before = rev.content_digest();
  std::string toml = read_file(rev.dir + "/review.toml");
  auto r = rev.fetch(s.url(), {"--name", "bad", "--query", "((child", "--max-attempts", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unbalanced parentheses"), std::string::npos) << r.err;
  EXPECT_EQ(rev.content_digest(), before);
  EXPECT_EQ(read_file(rev.dir + "/review.toml"), toml);
  EXPECT_EQ(s.server.count("esearch.fcgi"), 2);  // an ERROR is retried
}

TEST(FetchCli, NonXmlBodyFailsClearly) {
  Served s(pmid_range(1, 3));
  s.pubmed.fault = [](const HttpRequest&, int) -> std::optional<HttpReply> {
    return HttpReply{200, "<html><body>Service temporarily unavailable</body></html>"};
  };
  FetchReview rev;
  std::string before = rev.content_digest();
  auto r = rev.fetch(s.url(), {"--name", "n", "--query", "q", "--max-attempts", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("expected an eSearchResult, found <html>"), std::string::npos) << r.err;
  EXPECT_EQ(rev.content_digest(), before);
}

TEST(FetchCli, UnreachableServerAndUnknownSearch) {
  FetchReview rev;
  std::string before = rev.content_digest();
  int port;
  {
    LocalHttpServer gone([](const HttpRequest&) { return HttpReply{}; });
    port = gone.port();
  }  // closed: nothing listens there now
  auto r = rev.fetch("http://127.0.0.1:" + std::to_string(port) + "/eutils/",
                     {"--name", "n", "--query", "q", "--max-attempts", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("esearch.fcgi"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("connect"), std::string::npos) << r.err;
  EXPECT_EQ(rev.content_digest(), before);
  auto u = rev.fetch("http://127.0.0.1:1/", {"--name", "nosuch"});
  EXPECT_EQ(u.exit_code, 1);
  EXPECT_NE(u.err.find("no search named 'nosuch'"), std::string::npos) << u.err;
}

}  // namespace
}  // namespace prismaflow::test
