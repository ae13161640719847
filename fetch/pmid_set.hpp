// The PMIDs a fetch run asked for, as the efetch side tests each record of
// a reply against them. PMIDs are decimal numbers, so they are kept as
// sorted integers: built from the run's list with no node per PMID, and
// looked up in one array that stays in cache. A hash set of strings cost
// the fetch about 3% of its CPU (perf, 100,000 records), a third of it
// spent building the set before the first efetch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::fetch {

class PmidSet {
 public:
  PmidSet() = default;
  explicit PmidSet(const std::vector<std::string>& pmids);
  PmidSet(std::initializer_list<std::string_view> pmids);

  /// Whether `pmid` is in the set (compared as text: "012" is not "12").
  bool contains(std::string_view pmid) const;
  /// Distinct PMIDs held.
  std::size_t size() const { return numbers_.size() + others_.size(); }

 private:
  void add(std::string_view pmid);
  void seal();

  std::vector<std::uint64_t> numbers_;  ///< canonical decimals, sorted, distinct
  std::vector<std::string> others_;     ///< anything else, sorted, distinct
};

}  // namespace prismaflow::fetch
