// FetchRunner in process, over real libcurl against the loopback FakePubmed:
// the pipelined fetch (efetch and parse on a second thread) stores exactly
// what the one-thread fetch stores, and a failure in the middle keeps every
// batch committed before it, marks the run failed and says to --resume.
#include "fetch/fetch_runner.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "common/error.hpp"
#include "db/database.hpp"
#include "fetch/eutils_client.hpp"
#include "tests/fetch/fake_pubmed.hpp"
#include "tests/fetch/fetch_test_support.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::fetch {
namespace {

struct RunnerDb {
  test::TempDir dir;
  db::Database db = db::Database::open(dir / "review.db", true);
  std::ostringstream log;
  RunSummary summary;

  // Runs search "s" (query "q") against `url` with batches of 7.
  void fetch(const std::string& url, bool pipeline) {
    EutilsClient client(EutilsClientOptions{url, "", 5, 5});
    RateLimiter limiter(0);
    EutilsSession session(client, limiter, RetrySettings{2, 0.01, 0.01},
                          [&](const std::string& line) { log << line << "\n"; });
    Progress progress(log, false);
    FetchSettings settings;
    settings.batch_size = 7;
    settings.pipeline = pipeline;
    FetchRunner runner(db, session, settings, progress);
    summary = runner.run(SearchSpec{"s", "q", "", "", ""}, "initial", 1);
  }

  std::vector<std::string> column(const std::string& sql) {
    auto st = db.prepare(sql);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.get_text(0));
    return out;
  }
};

TEST(FetchRunner, PipelinedStoresWhatOneThreadStores) {
  test::FakePubmed pubmed(test::pmid_range(30000000, 45, 3));
  test::LocalHttpServer server([&](const test::HttpRequest& r) { return pubmed.handle(r); });
  RunnerDb serial, piped;
  serial.fetch(server.base_url(), false);
  piped.fetch(server.base_url(), true);
  EXPECT_EQ(piped.summary.n_new, 45);
  EXPECT_EQ(serial.summary.n_new, 45);
  EXPECT_EQ(piped.summary.count, serial.summary.count);
  const char* records =
      "SELECT pmid || '|' || doi || '|' || title || '|' || authors || '|' || mesh || '|' ||"
      " record_json || '|' || raw_offset || '|' || raw_length FROM records ORDER BY record_id";
  EXPECT_EQ(piped.column(records), serial.column(records));
  const char* replies = "SELECT seq || body_sha256 FROM raw_responses ORDER BY seq";
  EXPECT_EQ(piped.column(replies), serial.column(replies));
  EXPECT_EQ(piped.db.query_int("SELECT count(*) FROM run_pmids WHERE fetched = 0"), 0);
}

TEST(FetchRunner, FailureMidwayKeepsCommittedBatches) {
  for (bool pipeline : {false, true}) {
    test::FakePubmed pubmed(test::pmid_range(500, 40));
    // The 4th efetch fails every time: batches 1-3 are stored, the run fails.
    pubmed.fault = [](const test::HttpRequest& r, int n) -> std::optional<test::HttpReply> {
      if (r.endpoint == "efetch.fcgi" && n >= 4) return test::HttpReply{503, "busy"};
      return std::nullopt;
    };
    test::LocalHttpServer server([&](const test::HttpRequest& r) { return pubmed.handle(r); });
    RunnerDb run;
    EXPECT_THROW_MSG(run.fetch(server.base_url(), pipeline), NetworkError, "--resume");
    EXPECT_EQ(run.db.query_int("SELECT count(*) FROM records"), 21) << pipeline;
    EXPECT_EQ(run.db.query_int("SELECT count(*) FROM run_pmids WHERE fetched = 1"), 21);
    EXPECT_EQ(run.db.query_int("SELECT count(*) FROM search_runs WHERE status = 'failed'"), 1);
  }
}

}  // namespace
}  // namespace prismaflow::fetch
