#include "screen/dedup_clusters.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "screen/dedup_blocking.hpp"
#include "screen/dedup_scoring.hpp"

namespace prismaflow::screen {
namespace {

// Union-find whose roots carry the records they must never join.
class Clusters {
 public:
  explicit Clusters(std::size_t n) : parent_(n), cannot_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void forbid(std::size_t a, std::size_t b) {
    cannot_[a].push_back(b);
    cannot_[b].push_back(a);
  }
  /// Joins the clusters of a and b unless that would join a forbidden pair.
  bool join(std::size_t a, std::size_t b) {
    std::size_t ra = find(a), rb = find(b);
    if (ra == rb) return false;
    for (std::size_t x : cannot_[ra]) if (find(x) == rb) return false;
    for (std::size_t x : cannot_[rb]) if (find(x) == ra) return false;
    if (cannot_[ra].size() < cannot_[rb].size()) std::swap(ra, rb);
    parent_[rb] = ra;
    cannot_[ra].insert(cannot_[ra].end(), cannot_[rb].begin(), cannot_[rb].end());
    cannot_[rb].clear();
    return true;
  }

 private:
  std::vector<std::size_t> parent_;
  std::vector<std::vector<std::size_t>> cannot_;
};

void exact_id_pairs(const std::vector<DedupKey>& keys, std::string DedupKey::*field,
                    const char* method, std::vector<MatchedPair>& out) {
  std::unordered_map<std::string_view, std::size_t> first;
  first.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string& v = keys[i].*field;
    if (v.empty()) continue;
    auto [it, fresh] = first.emplace(v, i);
    if (!fresh) out.push_back({it->second, i, 1.0, method});
  }
}

// Title similarity (score_pair's PairEvidence::title) from which a shared DOI
// lifts a pair into the review band, or the share of the shorter title's
// words found in the other (a title exported without its subtitle scores
// ~0.37 but is contained whole). Unrelated abstracts of one supplement sit
// well below both.
constexpr double kDoiReviewTitle = 0.4;
constexpr double kDoiReviewContained = 0.8;

}  // namespace

std::size_t choose_kept(const std::vector<DedupKey>& keys, const std::vector<std::size_t>& members) {
  return *std::min_element(members.begin(), members.end(), [&](std::size_t x, std::size_t y) {
    const DedupKey &a = keys[x], &b = keys[y];
    return std::make_tuple(a.pmid.empty(), -a.completeness, a.id) <
           std::make_tuple(b.pmid.empty(), -b.completeness, b.id);
  });
}

DedupPlan plan_dedup(const std::vector<DedupKey>& keys, const DedupSettings& settings,
                     const std::vector<std::pair<std::size_t, std::size_t>>& must_link,
                     const std::vector<std::pair<std::size_t, std::size_t>>& cannot_link) {
  DedupPlan plan;
  Clusters clusters(keys.size());
  for (auto [a, b] : cannot_link) clusters.forbid(a, b);
  std::vector<MatchedPair> sure;
  for (auto [a, b] : must_link) sure.push_back({a, b, 1.0, "reviewed"});
  // PMIDs and PMCIDs name one article each: equal ids are the same record.
  exact_id_pairs(keys, &DedupKey::pmid, "pmid", sure);
  exact_id_pairs(keys, &DedupKey::pmcid, "pmcid", sure);
  for (const auto& p : sure) {
    if (clusters.join(p.a, p.b)) plan.merges.push_back(p);
  }
  std::vector<MatchedPair> scored;
  for (auto [i, j] : candidate_pairs(keys, settings.max_block, settings.window, &plan.blocking)) {
    if (clusters.find(i) == clusters.find(j)) continue;
    ++plan.scored;
    const DedupKey &a = keys[i], &b = keys[j];
    PairEvidence e = score_pair(a, b);
    double s = e.score;
    const char* method = "score";
    const char* reason = e.held ? e.held : kScoreBandReason;
    // A shared DOI settles it when the titles agree (errata can share a DOI
    // in some databases, so a DOI with a loosely similar title goes to
    // review). Unlike titles under one DOI are not a question: conference
    // supplements give every abstract the supplement's DOI (~200 such pairs
    // in the diabetes labelled set, none a duplicate), so they are scored
    // like any other pair.
    if (!a.doi.empty() && a.doi == b.doi) {
      if (e.title >= 0.6 || a.title.empty() || b.title.empty()) {
        s = 1.0;
        method = "doi";
      } else if (s < settings.review_threshold &&
                 (e.title >= kDoiReviewTitle || word_containment(a.title, b.title) >= kDoiReviewContained)) {
        s = settings.review_threshold;
        method = "doi";
        reason = kSharedDoiReason;
      }
    }
    if (s >= settings.review_threshold) scored.push_back({i, j, s, method, reason});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const MatchedPair& x, const MatchedPair& y) { return x.score > y.score; });
  for (const auto& p : scored) {
    if (p.score >= settings.merge_threshold) {
      if (clusters.join(p.a, p.b)) plan.merges.push_back(p);
    } else if (clusters.find(p.a) != clusters.find(p.b)) {
      plan.review.push_back(p);
    }
  }
  std::unordered_map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < keys.size(); ++i) members[clusters.find(i)].push_back(i);
  plan.kept.assign(keys.size(), 0);
  for (const auto& [root, list] : members) {
    std::size_t kept = choose_kept(keys, list);
    for (std::size_t i : list) plan.kept[i] = kept;
  }
  // Pairs that ended up in one cluster through others need no review.
  std::erase_if(plan.review, [&](const MatchedPair& p) { return plan.kept[p.a] == plan.kept[p.b]; });
  return plan;
}

}  // namespace prismaflow::screen
