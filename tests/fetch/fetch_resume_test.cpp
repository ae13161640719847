// Interrupted and repeated runs: kill -9 mid-fetch then --resume, --update
// with new and withdrawn PMIDs, --export-archive then --replay, --reparse.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "common/file.hpp"
#include "tests/fetch/fetch_test_support.hpp"
#include "tests/support/local_http_server.hpp"

namespace prismaflow::test {
namespace {

TEST(FetchResume, KilledMidFetchResumesWithNoDuplicateAndNoGap) {
  FakePubmed pubmed(pmid_range(2000000, 400, 7));
  std::atomic<bool> hang{true};
  pubmed.fault = [&](const HttpRequest& req, int n) -> std::optional<HttpReply> {
    // The 4th batch never answers while the first process runs.
    if (req.endpoint == "efetch.fcgi" && n == 4 && hang) {
      HttpReply r{200, "<PubmedArticleSet/>"};
      r.stall_ms = 60000;
      return r;
    }
    return std::nullopt;
  };
  LocalHttpServer server([&](const HttpRequest& r) { return pubmed.handle(r); });
  FetchReview rev;
  std::string dbfile = rev.dir + "/review.db";
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    setenv("PRISMAFLOW_EUTILS_RATE", "0", 1);
    std::string bin = prismaflow_binary(), url = server.base_url();
    execl(bin.c_str(), bin.c_str(), "fetch", "--review", rev.dir.c_str(), "--eutils-url",
          url.c_str(), "--name", "n", "--query", "q", "--batch-size", "100", "--stall-timeout",
          "120", static_cast<char*>(nullptr));
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (server.count("efetch.fcgi") < 4 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(server.count("efetch.fcgi"), 4);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // batch 3 committed
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(rev.stored_pmids().size(), 300u);
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM search_runs WHERE status = 'running'"), 1);
  // A plain fetch refuses to start over; --resume finishes the run.
  hang = false;
  auto blocked = rev.fetch(server.base_url(), {"--name", "n"});
  EXPECT_EQ(blocked.exit_code, 1);
  EXPECT_NE(blocked.err.find("--resume"), std::string::npos) << blocked.err;
  auto r = rev.fetch(server.base_url(), {"--resume", "--batch-size", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rev.stored_pmids(), pubmed.pmids());
  EXPECT_EQ(rev.scalar("SELECT count(*) - count(DISTINCT pmid) FROM records"), 0);
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM search_runs WHERE status = 'complete' AND n_new = 400"), 1);
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM run_pmids WHERE fetched = 0"), 0);
  // Killed part-way and resumed, the file is whole and every reference holds.
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

TEST(FetchResume, UpdateReportsNewPresentAndGone) {
  auto first = pmid_range(100, 50);
  FakePubmed v1(first);
  LocalHttpServer s1([&](const HttpRequest& r) { return v1.handle(r); });
  FetchReview rev;
  ASSERT_EQ(rev.fetch(s1.base_url(), {"--name", "n", "--query", "q"}).exit_code, 0);
  // Later: 5 records withdrawn from the results, 8 new ones.
  std::vector<std::string> later(first.begin() + 5, first.end());
  for (const auto& p : pmid_range(1000, 8)) later.push_back(p);
  FakePubmed v2(later);
  // The update's EDAT window returns the new ones plus 3 overlapping old ones.
  std::vector<std::string> window = pmid_range(1000, 8);
  for (const auto& p : pmid_range(147, 3)) window.push_back(p);
  FakePubmed windowed(window);
  LocalHttpServer s2([&](const HttpRequest& r) {
    return r.params.count("mindate") ? windowed.handle(r) : v2.handle(r);
  });
  auto r = rev.fetch(s2.base_url(), {"--update"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("11 PMIDs, 8 new, 3 already present, 5 no longer returned"), std::string::npos) << r.out;
  EXPECT_EQ(rev.scalar("SELECT review_version FROM search_runs WHERE kind = 'update'"), 2);
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM records WHERE review_version = 2"), 8);
  for (const auto& req : s2.requests()) {
    if (req.params.count("mindate")) {
      EXPECT_EQ(req.params.at("datetype"), "edat");
      EXPECT_EQ(req.params.at("mindate"), "2025/03/01");  // last run minus 30 days
    }
  }
}

// A search saved with its own date window: the update keeps that window (in
// the term, as the EDAT window takes the date parameters), and "no longer
// returned" names the PMIDs missing from today's whole result, not a count
// difference (here one PMID left and one unrelated PMID joined the result,
// so the counts alone would say nothing left).
TEST(FetchResume, UpdateKeepsTheSearchDatesAndCountsGoneBySet) {
  FetchReview rev;
  std::string toml = read_file(rev.dir + "/review.toml");
  toml += "\n[[search]]\nname = \"dated\"\nquery = \"q\"\nmindate = \"2020/01/01\"\ndatetype = \"pdat\"\n";
  write_file_atomic(rev.dir + "/review.toml", toml);
  auto first = pmid_range(300, 20);
  FakePubmed v1(first);
  LocalHttpServer s1([&](const HttpRequest& r) { return v1.handle(r); });
  ASSERT_EQ(rev.fetch(s1.base_url(), {"--name", "dated"}).exit_code, 0);
  for (const auto& req : s1.requests()) {
    if (req.endpoint != "esearch.fcgi") continue;
    EXPECT_EQ(req.params.at("mindate"), "2020/01/01");
    EXPECT_EQ(req.params.at("datetype"), "pdat");
  }
  // Today: PMID 300 no longer matches, an older PMID 250 now does (say its
  // publication date was corrected), and 2 new records arrived.
  std::vector<std::string> whole(first.begin() + 1, first.end());
  whole.push_back("250");
  for (const auto& p : pmid_range(5000, 2)) whole.push_back(p);
  FakePubmed today(whole);
  FakePubmed window(pmid_range(5000, 2));
  LocalHttpServer s2([&](const HttpRequest& r) {
    auto dt = r.params.find("datetype");
    return dt != r.params.end() && dt->second == "edat" ? window.handle(r) : today.handle(r);
  });
  auto r = rev.fetch(s2.base_url(), {"--update", "--name", "dated", "--query", "q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 PMIDs, 2 new, 0 already present, 1 no longer returned"), std::string::npos)
      << r.out;
  int windowed = 0, whole_result = 0;
  for (const auto& req : s2.requests()) {
    if (req.endpoint != "esearch.fcgi") continue;
    if (req.params.at("datetype") == "edat") {
      ++windowed;
      EXPECT_EQ(req.params.at("term"), "(q) AND (2020/01/01:3000[PDAT])");
    } else {
      ++whole_result;
      EXPECT_EQ(req.params.at("term"), "q");
      EXPECT_EQ(req.params.at("mindate"), "2020/01/01");
    }
  }
  EXPECT_GE(windowed, 1);
  EXPECT_GE(whole_result, 1);
  EXPECT_EQ(rev.scalar("SELECT n_gone FROM search_runs WHERE kind = 'update'"), 1);
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM search_runs WHERE kind = 'update'"
                       " AND query_sent = '(q) AND (2020/01/01:3000[PDAT])'"), 1);
  EXPECT_EQ(rev.scalar("SELECT count(*) FROM events WHERE action = 'insert' AND entity = 'search_run'"
                       " AND after_json LIKE '%\"gone\":[\"300\"]%'"), 1);
}

TEST(FetchResume, ExportedArchiveReplaysOfflineIntoAnotherReview) {
  FakePubmed pubmed(pmid_range(40000000, 12, 11));
  LocalHttpServer server([&](const HttpRequest& r) { return pubmed.handle(r); });
  FetchReview live;
  ASSERT_EQ(live.fetch(server.base_url(), {"--name", "n", "--query", "blinatumomab AND child*"}).exit_code, 0);
  std::string archive = live.tmp.path().string() + "/archive";
  auto ex = run_prismaflow({"fetch", "--review", live.dir, "--export-archive", archive});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_TRUE(std::filesystem::exists(archive + "/manifest.json"));
  EXPECT_EQ(read_file(archive + "/manifest.json").find("api_key"), std::string::npos);
  FetchReview offline;
  auto r = run_prismaflow({"fetch", "--review", offline.dir, "--replay", archive, "--name", "n",
                           "--query", "blinatumomab AND child*"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(offline.stored_pmids(), live.stored_pmids());
  EXPECT_EQ(offline.scalar("SELECT count(*) FROM search_runs WHERE kind = 'replay'"), 1);
  // A query the archive does not hold is a clear error, not a network call.
  auto miss = run_prismaflow({"fetch", "--review", offline.dir, "--replay", archive, "--name",
                              "other", "--query", "something else"});
  EXPECT_EQ(miss.exit_code, 1);
  EXPECT_NE(miss.err.find("no archived response for esearch.fcgi"), std::string::npos) << miss.err;
  // --reparse rebuilds records from the stored bodies with no network.
  auto rp = run_prismaflow({"fetch", "--review", offline.dir, "--reparse"});
  ASSERT_EQ(rp.exit_code, 0) << rp.err;
  EXPECT_NE(rp.out.find("12 records rewritten"), std::string::npos) << rp.out;
}

TEST(FetchResume, ApiKeyIsSentButNeverStored) {
  FakePubmed pubmed(pmid_range(10, 3));
  LocalHttpServer server([&](const HttpRequest& r) { return pubmed.handle(r); });
  FetchReview rev;
  auto r = rev.fetch(server.base_url(), {"--name", "n", "--query", "q"},
                     {{"NCBI_API_KEY", "secretkey123"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& req : server.requests()) EXPECT_EQ(req.params.at("api_key"), "secretkey123");
  auto db = read_file(rev.dir + "/review.db");
  EXPECT_EQ(db.find("secretkey123"), std::string::npos);
  EXPECT_EQ(r.err.find("secretkey123"), std::string::npos);
}

}  // namespace
}  // namespace prismaflow::test
