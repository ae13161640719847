// Collecting every PMID of a search despite PubMed's 9,999-record window
// (eutils-notes.md section 3). Up to the cap, the search is paged with
// retstart; above it, the search is split into PMID ranges with
// "(query) AND lo:hi[uid]" and each range halved until it fits, as EDirect
// does. The union must equal esearch's Count or collection fails. Pure logic:
// the caller supplies the esearch call.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fetch/esearch_xml.hpp"

namespace prismaflow::fetch {

/// One esearch the planner needs: the term and the page window.
struct EsearchCall {
  std::string term;
  std::int64_t retstart = 0;
  std::int64_t retmax = 0;
  bool whole_query = false;  ///< the unsliced query (use the history server)
};

/// Performs one esearch and returns the parsed, error-free reply.
using EsearchFn = std::function<EsearchResult(const EsearchCall&)>;

struct SliceSettings {
  std::int64_t cap = 9999;        ///< records esearch will page through
  std::int64_t page = 9999;       ///< retmax per esearch (<= cap)
  std::int64_t max_uid = 99999999;  ///< top of the PMID space bisected
};

struct CollectedPmids {
  std::int64_t count = 0;          ///< Count of the whole query
  std::vector<std::string> pmids;  ///< distinct, in ascending numeric order
  bool sliced = false;
  int slices = 0;                  ///< ranges fetched when sliced
  EsearchResult first;             ///< reply to the whole query (translation, WebEnv)
};

/// Collects every PMID of `query`. Throws InputError when the union of pages
/// or slices differs from Count (PubMed changed mid-run or a slice was cut).
CollectedPmids collect_pmids(const std::string& query, const EsearchFn& esearch,
                             const SliceSettings& settings);

/// PMIDs sorted by numeric value with duplicates removed.
void sort_pmids(std::vector<std::string>& pmids);

}  // namespace prismaflow::fetch
