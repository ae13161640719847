#include "fetch/pmid_set.hpp"

#include <algorithm>
#include <optional>

namespace prismaflow::fetch {
namespace {

// The value of a canonical decimal (digits only, no leading zero, at most
// 18 digits so it fits), so that equal numbers mean equal text.
std::optional<std::uint64_t> canonical_number(std::string_view s) {
  if (s.empty() || s.size() > 18 || (s[0] == '0' && s.size() > 1)) return std::nullopt;
  std::uint64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return v;
}

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

PmidSet::PmidSet(const std::vector<std::string>& pmids) {
  numbers_.reserve(pmids.size());
  for (const auto& p : pmids) add(p);
  seal();
}

PmidSet::PmidSet(std::initializer_list<std::string_view> pmids) {
  for (auto p : pmids) add(p);
  seal();
}

void PmidSet::add(std::string_view pmid) {
  if (auto n = canonical_number(pmid)) numbers_.push_back(*n);
  else others_.emplace_back(pmid);
}

void PmidSet::seal() {
  // A run's list comes sorted (sort_pmids), so this is one pass.
  if (!std::is_sorted(numbers_.begin(), numbers_.end())) std::sort(numbers_.begin(), numbers_.end());
  numbers_.erase(std::unique(numbers_.begin(), numbers_.end()), numbers_.end());
  sort_unique(others_);
}

bool PmidSet::contains(std::string_view pmid) const {
  if (auto n = canonical_number(pmid)) return std::binary_search(numbers_.begin(), numbers_.end(), *n);
  return std::binary_search(others_.begin(), others_.end(), pmid,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

}  // namespace prismaflow::fetch
