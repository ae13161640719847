#include "fetch/slice_planner.hpp"

#include <algorithm>
#include <utility>

#include "common/error.hpp"

namespace prismaflow::fetch {
namespace {

// Pages one term (whole query or one slice) whose count fits the cap.
void page_through(EsearchCall call, const EsearchResult& first, const EsearchFn& esearch,
                  std::int64_t page, std::vector<std::string>& out) {
  out.insert(out.end(), first.ids.begin(), first.ids.end());
  std::int64_t got = static_cast<std::int64_t>(first.ids.size());
  while (got < first.count) {
    call.retstart = got;
    call.retmax = page;
    EsearchResult next = esearch(call);
    if (next.ids.empty()) break;  // the union check below reports the gap
    out.insert(out.end(), next.ids.begin(), next.ids.end());
    got += static_cast<std::int64_t>(next.ids.size());
  }
}

}  // namespace

void sort_pmids(std::vector<std::string>& pmids) {
  auto numeric_less = [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  };
  std::sort(pmids.begin(), pmids.end(), numeric_less);
  pmids.erase(std::unique(pmids.begin(), pmids.end()), pmids.end());
}

CollectedPmids collect_pmids(const std::string& query, const EsearchFn& esearch,
                             const SliceSettings& s) {
  const std::int64_t page = std::min(s.page, s.cap);
  CollectedPmids out;
  EsearchCall whole{query, 0, page, true};
  out.first = esearch(whole);
  out.count = out.first.count;
  if (out.count <= s.cap) {
    page_through(whole, out.first, esearch, page, out.pmids);
  } else {
    out.sliced = true;
    // Depth-first over PMID ranges, low ranges first so slices come back in
    // PMID order. A range whose count exceeds the cap is halved; a single
    // PMID can never exceed it, so this ends.
    std::vector<std::pair<std::int64_t, std::int64_t>> todo{{1, s.max_uid}};
    while (!todo.empty()) {
      auto [lo, hi] = todo.back();
      todo.pop_back();
      EsearchCall call{"(" + query + ") AND " + std::to_string(lo) + ":" + std::to_string(hi) +
                           "[uid]",
                       0, page, false};
      EsearchResult r = esearch(call);
      if (r.count > s.cap && hi > lo) {
        std::int64_t mid = lo + (hi - lo) / 2;
        todo.push_back({mid + 1, hi});
        todo.push_back({lo, mid});
        continue;
      }
      ++out.slices;
      page_through(call, r, esearch, page, out.pmids);
    }
  }
  std::size_t raw = out.pmids.size();
  sort_pmids(out.pmids);
  if (static_cast<std::int64_t>(out.pmids.size()) != out.count) {
    throw InputError("esearch", 0,
                     "PubMed reported " + std::to_string(out.count) + " records for the query but " +
                         (out.sliced ? std::to_string(out.slices) + " PMID-range slices"
                                     : std::string("paging")) +
                         " returned " + std::to_string(out.pmids.size()) + " distinct PMIDs (" +
                         std::to_string(raw) +
                         " in all); PubMed changed during the run or a page was cut. Nothing "
                         "was stored; run the fetch again");
  }
  return out;
}

}  // namespace prismaflow::fetch
