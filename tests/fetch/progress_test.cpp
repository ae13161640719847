// The fetch progress display: the pure formatters (bar cells, counts, rate,
// ETA; the plain log line), the Progress class on both kinds of output, and
// `prismaflow fetch` itself on a real pseudo-terminal, where the bar is
// redrawn in place and no plain log line appears.
#include "fetch/progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/fetch/fetch_test_support.hpp"
#include "tests/support/local_http_server.hpp"
#include "tests/support/pty_session.hpp"

namespace prismaflow::fetch {
namespace {

TEST(ProgressFormat, BarShowsCountsRateAndEta) {
  struct Case {
    ProgressState state;
    std::string want;
  } cases[] = {
      // 250 of 1000 fetched in 5 s: 50 rec/s, 750 left = 15 s.
      {{"trials", 1000, 250, 250, 5.0},
       "\rtrials [#######.......................] 250/1000  50 rec/s  ETA 15 s "},
      // Nothing fetched yet: no rate, no ETA.
      {{"s", 10, 0, 0, 0.0}, "\rs [..............................] 0/10  0 rec/s  ETA 0 s "},
      // Done.
      {{"s", 10, 10, 10, 2.0}, "\rs [##############################] 10/10  5 rec/s  ETA 0 s "},
      // A resumed run: 600 were fetched before, 200 now in 4 s; the rate
      // counts only this session's records.
      {{"r", 1000, 800, 200, 4.0},
       "\rr [########################......] 800/1000  50 rec/s  ETA 4 s "},
      // An empty search draws a full bar rather than dividing by zero.
      {{"empty", 0, 0, 0, 1.0}, "\rempty [##############################] 0/0  0 rec/s  ETA 0 s "},
  };
  for (const auto& c : cases) EXPECT_EQ(format_progress_bar(c.state), c.want) << c.state.label;
}

TEST(ProgressFormat, LogLineForPipesAndFiles) {
  EXPECT_EQ(format_progress_line({"trials", 1000, 250, 250, 5.0}), "trials: 250/1000 records (50/s)\n");
  EXPECT_EQ(format_progress_line({"s", 3, 0, 0, 0.0}), "s: 0/3 records (0/s)\n");
}

TEST(Progress, PlainOutputIsOneLinePerBatch) {
  std::ostringstream out;
  Progress p(out, false);
  p.start("s", 20, 5);
  p.advance(10);
  p.note("efetch returned 4 of 5 records; asking again");
  p.advance(5);
  p.finish();
  std::string text = out.str();
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
  EXPECT_EQ(text.find("\033["), std::string::npos) << text;
  EXPECT_EQ(text.substr(0, text.find('\n')), "s: fetching 15 of 20 records");
  EXPECT_NE(text.find("s: 15/20 records ("), std::string::npos) << text;
  EXPECT_NE(text.find("\nefetch returned 4 of 5 records; asking again\n"), std::string::npos);
  EXPECT_NE(text.find("s: 20/20 records ("), std::string::npos) << text;
}

TEST(Progress, TerminalNoteClearsTheBarAndRedrawsIt) {
  std::ostringstream out;
  Progress p(out, true);
  p.start("s", 4);
  p.advance(2);
  p.note("retrying");
  p.finish();
  std::string text = out.str();
  // The note erases the bar's line, prints, and the bar comes back below.
  auto note = text.find("\r\033[Kretrying\n");
  ASSERT_NE(note, std::string::npos) << text;
  EXPECT_NE(text.find("\rs [###############...............] 2/4", note), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find("records ("), std::string::npos);
}

// The real command on a pty: stderr is a terminal, so the bar is drawn and
// redrawn with carriage returns and reaches all records.
TEST(Progress, FetchOnATerminalDrawsTheBar) {
  test::FakePubmed pubmed(test::pmid_range(7000, 30));
  test::LocalHttpServer server([&](const test::HttpRequest& r) { return pubmed.handle(r); });
  test::FetchReview rev;
  test::PtySession pty({"/usr/bin/env", "PRISMAFLOW_EUTILS_RATE=0", "PRISMAFLOW_NOW=2025-03-31T12:00:00Z",
                        test::prismaflow_binary(), "fetch", "--review", rev.dir, "--eutils-url",
                        server.base_url(), "--email", "tests@example.org", "--name", "bar",
                        "--query", "q", "--batch-size", "10"});
  ASSERT_TRUE(pty.ok());
  EXPECT_TRUE(pty.expect("\rbar [..............................] 0/30")) << pty.seen();
  EXPECT_TRUE(pty.expect("\rbar [##########....................] 10/30")) << pty.seen();
  EXPECT_TRUE(pty.expect("\rbar [##############################] 30/30")) << pty.seen();
  EXPECT_TRUE(pty.expect("30 PMIDs, 30 new")) << pty.seen();
  EXPECT_EQ(pty.wait_exit(), 0);
  EXPECT_EQ(pty.seen().find("records ("), std::string::npos) << pty.seen();
  EXPECT_EQ(rev.stored_pmids().size(), 30u);
}

}  // namespace
}  // namespace prismaflow::fetch
