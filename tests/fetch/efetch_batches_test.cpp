// prepare_batch with a TaskSharer (rows and the packed reply built on two
// threads) gives the same batch as on one thread, for multi-article replies
// made of the project's fixture and of every real efetch fixture in
// ../shared; and TaskSharer runs each task once, really shares them with a
// helper, and reports the error a loop in order would have met first.
#include "fetch/efetch_batches.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/file.hpp"
#include "fetch/batch_pipeline.hpp"
#include "fetch/pubmed_xml.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::fetch {
namespace {

constexpr const char* kHead = "<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n";

// A reply as efetch sends it, parsed, as EfetchBatches holds it before
// prepare_batch.
EfetchBatch batch_of(const std::string& body) {
  EfetchBatch b;
  b.resp.body = body;
  b.parsed = parse_pubmed_xml(b.resp.body, "test reply");
  return b;
}

// The same reply as fetch holds it: checked, its records not yet built.
EfetchBatch batch_with_document(const std::string& body) {
  EfetchBatch b;
  b.resp.body = body;
  b.document = std::make_unique<PubmedDocument>(b.resp.body, "test reply");
  return b;
}

void expect_same_rows(const EfetchBatch& a, const EfetchBatch& b) {
  ASSERT_EQ(a.rows.size(), b.rows.size());
  EXPECT_EQ(a.raw_in_body, b.raw_in_body);
  EXPECT_EQ(a.packed.zstd, b.packed.zstd);
  EXPECT_EQ(a.packed.sha256, b.packed.sha256);
  EXPECT_EQ(a.packed.bytes, b.packed.bytes);
  EXPECT_EQ(a.done, b.done);
  EXPECT_EQ(a.done_json, b.done_json);
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    SCOPED_TRACE("record " + std::to_string(i));
    ASSERT_EQ(a.rows[i].has_value(), b.rows[i].has_value());
    // A record the run did not ask for keeps whatever raw copy the parse
    // gave it; one with a row has given it up either way.
    if (!a.rows[i]) continue;
    EXPECT_EQ(a.parsed.records[i].raw, b.parsed.records[i].raw);
    const RecordRow &x = *a.rows[i], &y = *b.rows[i];
    EXPECT_EQ(x.json, y.json);
    for (auto field : {&RecordRow::source_record_id, &RecordRow::pmid, &RecordRow::doi,
                       &RecordRow::pmcid, &RecordRow::title, &RecordRow::abstract,
                       &RecordRow::authors, &RecordRow::journal, &RecordRow::volume,
                       &RecordRow::issue, &RecordRow::pages, &RecordRow::publication_types,
                       &RecordRow::keywords, &RecordRow::mesh, &RecordRow::language,
                       &RecordRow::raw_format, &RecordRow::raw_zstd})
      EXPECT_EQ(x.*field, y.*field);
    EXPECT_EQ(x.year, y.year);
  }
}

// A thread that helps with whatever a TaskSharer offers until it ends, as
// the fetch pipeline's storing thread does while it waits.
class Helper {
 public:
  explicit Helper(TaskSharer& sharer)
      : thread_([this, &sharer] {
          while (!stop_)
            if (!sharer.help_one()) std::this_thread::yield();
        }) {}
  ~Helper() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Prepares `body` once on this thread and several times shared (the split
// between the threads differs from run to run), with `run_set` the PMIDs
// the run asked for.
void check_shared_equals_sequential(const std::string& body,
                                    const std::unordered_set<std::string>& asked) {
  const PmidSet run_set(std::vector<std::string>(asked.begin(), asked.end()));
  EfetchBatch one = batch_of(body);
  prepare_batch(one, run_set);
  std::size_t with_rows = 0;
  for (const auto& r : one.rows) with_rows += r ? 1 : 0;
  ASSERT_GT(with_rows, 0u);
  EXPECT_FALSE(one.packed.zstd.empty());
  TaskSharer sharer;
  Helper helper(sharer);
  // Odd rounds build the records themselves in the shared tasks, as fetch
  // does, from the reply's document.
  for (int round = 0; round < 6; ++round) {
    EfetchBatch two = round % 2 ? batch_with_document(body) : batch_of(body);
    prepare_batch(two, run_set, &sharer);
    EXPECT_FALSE(two.document);
    EXPECT_EQ(two.parsed.deleted.size(), one.parsed.deleted.size());
    expect_same_rows(one, two);
  }
}

TEST(EfetchBatches, SharedRowsEqualSequentialOnManyArticles) {
  // The fixture's article under 100 PMIDs (several tasks' worth), its book
  // and its DeleteCitation; a third of the PMIDs were not asked for.
  auto fixture = read_file(test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml");
  auto parsed = parse_pubmed_xml(fixture, "fixture");
  std::string body = kHead;
  std::unordered_set<std::string> run_set;
  for (const auto& r : parsed.records) {
    if (r.is_book) {
      body += r.raw + "\n";
      run_set.insert(r.pmid);
      continue;
    }
    for (int i = 0; i < 100; ++i) {
      std::string pmid = std::to_string(30000000 + i), raw = r.raw;
      for (auto at = raw.find(r.pmid); at != std::string::npos; at = raw.find(r.pmid, at + 1))
        raw.replace(at, r.pmid.size(), pmid);
      body += raw + "\n";
      if (i % 3 != 0) run_set.insert(pmid);
    }
  }
  body += "</PubmedArticleSet>\n";
  check_shared_equals_sequential(body, run_set);
}

TEST(EfetchBatches, BatchListsThePmidsItSettles) {
  // The fixture: article 1000001, a book, DeleteCitation 1000003 and
  // 1000004. The run asked for the article, 1000004 and 999 (which PubMed
  // had no record of), not for the book or 1000003.
  EfetchBatch b = batch_of(
      read_file(test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml"));
  ASSERT_EQ(b.parsed.records.size(), 2u);
  ASSERT_TRUE(b.parsed.records[1].is_book);
  b.missing = {"999"};
  prepare_batch(b, {"1000001", "1000004", "999"});
  EXPECT_TRUE(b.rows[0].has_value());
  EXPECT_FALSE(b.rows[1].has_value());
  EXPECT_EQ(b.done, (std::vector<std::string>{"999", "1000001", "1000004"}));
  EXPECT_EQ(b.done_json, R"(["999","1000001","1000004"])");
}

TEST(EfetchBatches, RepliesParsedSpanOnlyGiveTheSameRows) {
  // fetch parses replies with RawCopy::kSpanOnly: the records hold no copy
  // of their XML, and every row must still point into the reply as before.
  const std::string body =
      read_file(test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml");
  EfetchBatch copied = batch_of(body);
  EfetchBatch spans;
  spans.resp.body = body;
  spans.parsed = parse_pubmed_xml(spans.resp.body, "test reply", RawCopy::kSpanOnly);
  std::vector<std::string> asked;
  for (const auto& r : copied.parsed.records) asked.push_back(r.pmid);
  const PmidSet run_set(asked);
  EfetchBatch from_document = batch_with_document(body);
  prepare_batch(copied, run_set);
  prepare_batch(spans, run_set);
  prepare_batch(from_document, run_set);
  for (bool in_body : spans.raw_in_body) EXPECT_TRUE(in_body);
  expect_same_rows(copied, spans);
  expect_same_rows(copied, from_document);
  EXPECT_EQ(from_document.parsed.raw_spans.size(), spans.parsed.raw_spans.size());
}

TEST(EfetchBatches, SharedRowsEqualSequentialOnRealArticles) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  // Every PubmedArticle and book of the real efetch replies, in one reply.
  std::string body = kHead;
  std::unordered_set<std::string> run_set;
  for (const auto& entry : std::filesystem::directory_iterator(shared / "fixtures/eutils/efetch")) {
    if (entry.path().extension() != ".xml") continue;
    try {
      for (const auto& r : parse_pubmed_xml(read_file(entry.path()), entry.path().string()).records) {
        if (!run_set.insert(r.pmid).second) continue;  // one record per PMID
        body += r.raw + "\n";
      }
    } catch (const std::exception&) {
      // damaged or non-PubMed replies (error fixtures) have no articles to add
    }
  }
  body += "</PubmedArticleSet>\n";
  ASSERT_GT(run_set.size(), 20u);
  check_shared_equals_sequential(body, run_set);
}

TEST(TaskSharer, RunsEveryTaskOnceAcrossRuns) {
  TaskSharer sharer;
  EXPECT_FALSE(sharer.help_one());  // nothing offered
  Helper helper(sharer);
  for (std::size_t n : {0u, 1u, 2u, 33u, 1000u}) {
    std::vector<std::atomic<int>> calls(n);
    sharer.run(n, [&](std::size_t i) { calls[i]++; });
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(calls[i].load(), 1) << "n " << n << " task " << i;
  }
}

TEST(TaskSharer, HelperTakesTasksFromTheBack) {
  // The caller's first task waits for the last one, which only the helper
  // can be running: the batch really is shared between two threads. The
  // offer hook is how the helper hears of the work.
  TaskSharer sharer;
  std::atomic<int> offers{0};
  sharer.set_on_offer([&] { ++offers; });
  Helper helper(sharer);
  std::atomic<bool> last_done{false};
  std::atomic<int> ran{0};
  sharer.run(8, [&](std::size_t i) {
    ++ran;
    if (i == 7) last_done = true;
    if (i == 0)
      for (int spin = 0; spin < 10000 && !last_done; ++spin)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  EXPECT_TRUE(last_done.load());
  EXPECT_EQ(ran.load(), 8);
  EXPECT_EQ(offers.load(), 1);
}

TEST(TaskSharer, RunsEverythingItselfWithNoHelper) {
  TaskSharer sharer;
  std::vector<int> order;
  sharer.run(5, [&](std::size_t i) { order.push_back(static_cast<int>(i)); });
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(TaskSharer, RethrowsTheLowestTasksError) {
  TaskSharer sharer;
  Helper helper(sharer);
  for (int round = 0; round < 20; ++round) {
    std::atomic<int> ran{0};
    try {
      sharer.run(64, [&](std::size_t i) {
        ++ran;
        if (i == 40) throw std::runtime_error("task 40");
        if (i == 7) throw std::runtime_error("task 7");
      });
      FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "task 7");
    }
    EXPECT_EQ(ran.load(), 64);  // the others still ran: the sharer stays usable
  }
  std::atomic<int> after{0};
  sharer.run(10, [&](std::size_t) { ++after; });
  EXPECT_EQ(after.load(), 10);
}

}  // namespace
}  // namespace prismaflow::fetch
