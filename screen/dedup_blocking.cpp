#include "screen/dedup_blocking.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

namespace prismaflow::screen {
namespace {

// FNV-1a over the key's parts. Blocks are runs of equal hashes: a collision
// (about 1 in 10^7 at 10^6 records) only adds a pair that scoring rejects.
class KeyHash {
 public:
  KeyHash& add(std::string_view s) {
    for (unsigned char c : s) step(c);
    return *this;
  }
  KeyHash& add(int v) {
    for (int b = 0; b < 4; ++b) step(static_cast<unsigned char>((static_cast<unsigned>(v) >> (8 * b)) & 0xFF));
    return *this;
  }
  /// 0xFF never occurs in UTF-8, so "ab" + "c" and "a" + "bc" hash apart.
  KeyHash& sep() {
    step(0xFF);
    return *this;
  }
  std::uint64_t value() const { return h_; }

 private:
  void step(unsigned char c) {
    h_ ^= c;
    h_ *= 0x100000001b3ULL;
  }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

// The title without spaces: its first 24 characters (start key) or last 24
// (end key), for titles of at least 16 such characters. Spaces are skipped
// while hashing, so no compacted copy is made.
constexpr std::size_t kTitleKey = 24, kTitleMin = 16;

std::size_t compact_size(std::string_view t) {
  return t.size() - static_cast<std::size_t>(std::count(t.begin(), t.end(), ' '));
}

bool title_start(const DedupKey& k, KeyHash& h) {
  if (compact_size(k.title) < kTitleMin) return false;
  std::size_t taken = 0;
  for (char c : k.title) {
    if (c == ' ') continue;
    if (taken++ == kTitleKey) break;
    h.add(std::string_view(&c, 1));
  }
  return true;
}

bool title_end(const DedupKey& k, KeyHash& h) {
  std::size_t n = compact_size(k.title);
  if (n < kTitleMin) return false;
  std::size_t skip = n > kTitleKey ? n - kTitleKey : 0;
  for (char c : k.title) {
    if (c == ' ') continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    h.add(std::string_view(&c, 1));
  }
  return true;
}

bool author_year(const DedupKey& k, KeyHash& h) {
  if (k.first_author.empty() || k.year == 0) return false;
  h.add(k.first_author).sep().add(k.year);
  return true;
}

bool year_volume_page(const DedupKey& k, KeyHash& h) {
  if (k.volume.empty() || k.first_page.empty() || k.year == 0) return false;
  h.add(k.year).sep().add(k.volume).sep().add(k.first_page);
  return true;
}

bool author_page(const DedupKey& k, KeyHash& h) {
  if (k.first_author.empty() || k.first_page.empty()) return false;
  h.add(k.first_author).sep().add(k.first_page);
  return true;
}

bool doi(const DedupKey& k, KeyHash& h) {
  if (k.doi.empty()) return false;
  h.add(k.doi);
  return true;
}

// Order within an oversized block: by title, then by the fields a duplicate
// shares, so that records with one title (71 "Editorial introduction"s in
// one labelled set) sit next to their own copies rather than to whichever
// came next in the file (usually another issue from the same database).
auto neighbourhood_order(const DedupKey& k) {
  return std::tie(k.title, k.year, k.volume, k.first_page, k.first_author);
}

using KeyOf = bool (*)(const DedupKey&, KeyHash&);
constexpr KeyOf kKinds[] = {title_start, title_end, author_year, year_volume_page, author_page, doi};

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> candidate_pairs(
    const std::vector<DedupKey>& keys, std::size_t max_block, std::size_t window,
    BlockingStats* stats) {
  BlockingStats local;
  std::vector<std::uint64_t> pairs;  // (i << 32) | j with i < j
  auto emit = [&](std::uint32_t i, std::uint32_t j) {
    if (i > j) std::swap(i, j);
    pairs.push_back((static_cast<std::uint64_t>(i) << 32) | j);
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> hashed;  // (key hash, record)
  hashed.reserve(keys.size());
  std::vector<std::uint32_t> members;
  for (KeyOf key_of : kKinds) {
    hashed.clear();
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
      KeyHash h;
      if (key_of(keys[i], h)) hashed.emplace_back(h.value(), i);
    }
    std::sort(hashed.begin(), hashed.end());
    for (std::size_t b = 0; b < hashed.size();) {
      std::size_t e = b + 1;
      while (e < hashed.size() && hashed[e].first == hashed[b].first) ++e;
      std::size_t size = e - b;
      local.largest_block = std::max(local.largest_block, size);
      if (size <= max_block) {
        for (std::size_t x = b; x < e; ++x)
          for (std::size_t y = x + 1; y < e; ++y) emit(hashed[x].second, hashed[y].second);
      } else {
        ++local.windowed_blocks;
        members.clear();
        for (std::size_t x = b; x < e; ++x) members.push_back(hashed[x].second);
        std::sort(members.begin(), members.end(), [&](std::uint32_t p, std::uint32_t q) {
          auto kp = neighbourhood_order(keys[p]), kq = neighbourhood_order(keys[q]);
          return kp != kq ? kp < kq : p < q;
        });
        for (std::size_t x = 0; x < members.size(); ++x)
          for (std::size_t y = x + 1; y < members.size() && y <= x + window; ++y)
            emit(members[x], members[y]);
      }
      b = e;
    }
  }
  local.emitted = pairs.size();
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  local.pairs = pairs.size();
  if (stats) *stats = local;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  out.reserve(pairs.size());
  for (auto p : pairs) out.emplace_back(static_cast<std::uint32_t>(p >> 32), static_cast<std::uint32_t>(p));
  return out;
}

}  // namespace prismaflow::screen
