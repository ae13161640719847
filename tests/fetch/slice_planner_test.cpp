// PMID collection as values: paging under the cap, range bisection above it,
// and the union-equals-Count rule.
#include "fetch/slice_planner.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::fetch {
namespace {

// An in-memory esearch over `corpus` honouring "(q) AND lo:hi[uid]",
// retstart/retmax and the cap, like the server.
struct Corpus {
  std::vector<long> ids;
  long cap;
  int calls = 0;
  EsearchResult operator()(const EsearchCall& c) {
    ++calls;
    long lo = 0, hi = 1L << 40;
    auto at = c.term.rfind(") AND ");
    if (at != std::string::npos) {
      std::string range = c.term.substr(at + 6);
      lo = std::stol(range.substr(0, range.find(':')));
      hi = std::stol(range.substr(range.find(':') + 1));
    }
    std::vector<long> hits;
    for (long id : ids)
      if (id >= lo && id <= hi) hits.push_back(id);
    EsearchResult r;
    r.has_count = true;
    r.count = static_cast<std::int64_t>(hits.size());
    for (long i = c.retstart; i < c.retstart + c.retmax && i < static_cast<long>(hits.size()) && i < cap; ++i)
      r.ids.push_back(std::to_string(hits[static_cast<std::size_t>(i)]));
    return r;
  }
};

TEST(SlicePlanner, PagesUnderTheCap) {
  Corpus c{{}, 100};
  for (long i = 1; i <= 95; ++i) c.ids.push_back(i * 7);
  SliceSettings s{100, 30, 1000};
  auto got = collect_pmids("q", std::ref(c), s);
  EXPECT_FALSE(got.sliced);
  EXPECT_EQ(got.count, 95);
  ASSERT_EQ(got.pmids.size(), 95u);
  EXPECT_EQ(got.pmids.front(), "7");
  EXPECT_EQ(got.pmids.back(), "665");
  EXPECT_EQ(c.calls, 4);  // 30 + 30 + 30 + 5
}

TEST(SlicePlanner, BisectsPmidRangesAboveTheCap) {
  Corpus c{{}, 50};
  for (long i = 1; i <= 230; ++i) c.ids.push_back(1000 + i * 13);
  SliceSettings s{50, 50, 100000};
  auto got = collect_pmids("q", std::ref(c), s);
  EXPECT_TRUE(got.sliced);
  EXPECT_EQ(got.count, 230);
  ASSERT_EQ(got.pmids.size(), 230u);
  EXPECT_GE(got.slices, 5);
  for (std::size_t i = 1; i < got.pmids.size(); ++i)
    EXPECT_LT(std::stol(got.pmids[i - 1]), std::stol(got.pmids[i]));
}

TEST(SlicePlanner, UnionShortOfCountFails) {
  // The server reports more than it will ever list: the gap must be reported.
  auto liar = [](const EsearchCall& c) {
    EsearchResult r;
    r.has_count = true;
    r.count = 10;
    if (c.retstart == 0) r.ids = {"1", "2", "3"};
    return r;
  };
  EXPECT_THROW_MSG(collect_pmids("q", liar, SliceSettings{100, 100, 1000}), InputError,
                   "PubMed reported 10 records for the query but paging returned 3");
}

TEST(SlicePlanner, SortsNumerically) {
  std::vector<std::string> v{"100", "9", "20", "9"};
  sort_pmids(v);
  EXPECT_EQ(v, (std::vector<std::string>{"9", "20", "100"}));
}

}  // namespace
}  // namespace prismaflow::fetch
