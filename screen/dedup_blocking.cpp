#include "screen/dedup_blocking.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace prismaflow::screen {
namespace {

std::string compact(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) if (c != ' ') out += c;
  return out;
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> candidate_pairs(
    const std::vector<DedupKey>& keys, std::size_t max_block, std::size_t window) {
  // One hash map per key kind keeps memory at (records x kinds).
  std::vector<std::uint64_t> pairs;
  auto emit = [&](std::uint32_t i, std::uint32_t j) {
    if (i == j) return;
    if (i > j) std::swap(i, j);
    pairs.push_back((static_cast<std::uint64_t>(i) << 32) | j);
  };
  auto run_kind = [&](auto&& key_of) {
    std::unordered_map<std::string, std::vector<std::uint32_t>> blocks;
    blocks.reserve(keys.size());
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
      std::string k = key_of(keys[i]);
      if (!k.empty()) blocks[std::move(k)].push_back(i);
    }
    for (auto& [key, members] : blocks) {
      if (members.size() < 2) continue;
      if (members.size() <= max_block) {
        for (std::size_t x = 0; x < members.size(); ++x)
          for (std::size_t y = x + 1; y < members.size(); ++y) emit(members[x], members[y]);
      } else {
        std::sort(members.begin(), members.end(), [&](std::uint32_t p, std::uint32_t q) {
          return keys[p].title < keys[q].title;
        });
        for (std::size_t x = 0; x < members.size(); ++x)
          for (std::size_t y = x + 1; y < members.size() && y <= x + window; ++y)
            emit(members[x], members[y]);
      }
    }
  };
  run_kind([](const DedupKey& k) {
    std::string c = compact(k.title);
    return c.size() >= 16 ? c.substr(0, 24) : std::string();
  });
  run_kind([](const DedupKey& k) {
    std::string c = compact(k.title);
    if (c.size() < 16) return std::string();
    return c.size() > 24 ? c.substr(c.size() - 24) : c;
  });
  run_kind([](const DedupKey& k) {
    return k.first_author.empty() || k.year == 0 ? std::string()
                                                 : k.first_author + "|" + std::to_string(k.year);
  });
  run_kind([](const DedupKey& k) {
    return k.volume.empty() || k.first_page.empty() || k.year == 0
               ? std::string()
               : std::to_string(k.year) + "|" + k.volume + "|" + k.first_page;
  });
  run_kind([](const DedupKey& k) {
    return k.first_author.empty() || k.first_page.empty() ? std::string()
                                                          : k.first_author + "|" + k.first_page;
  });
  run_kind([](const DedupKey& k) { return k.doi; });
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  out.reserve(pairs.size());
  for (auto p : pairs) out.emplace_back(static_cast<std::uint32_t>(p >> 32), static_cast<std::uint32_t>(p));
  return out;
}

}  // namespace prismaflow::screen
