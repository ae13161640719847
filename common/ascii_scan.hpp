// Eight bytes at a time over text that is nearly always plain ASCII: how far
// from `i` a run of such bytes goes before the first byte a per-byte loop
// must look at. JSON escaping and whitespace squeezing of fetched records
// looked at every byte alone, ~10 instructions each, on ~6 KB per record
// (callgrind, fetch_parse_bench). The tests are the classic word-at-a-time
// ones: they may stop early (a block with any candidate byte is left to the
// per-byte loop), never late.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace prismaflow {

namespace ascii_scan_detail {
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
inline std::uint64_t load(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
// Non-zero when some byte of w is below n (n <= 128).
constexpr std::uint64_t has_less(std::uint64_t w, unsigned n) { return (w - kOnes * n) & ~w & kHigh; }
// Exactly the high bit of each byte of w equal to b.
constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned b) {
  const std::uint64_t x = w ^ (kOnes * b);
  return ~(((x & kLow7) + kLow7) | x) & kHigh;
}
}  // namespace ascii_scan_detail

/// From i, the end of the run of whole 8-byte blocks holding only bytes a
/// JSON string keeps as they are: 0x20-0x7F but for '"' and '\\'.
inline std::size_t skip_json_plain(std::string_view s, std::size_t i) {
  using namespace ascii_scan_detail;
  for (; i + 8 <= s.size(); i += 8) {
    const std::uint64_t w = load(s.data() + i);
    if (has_less(w, 0x20) | (w & kHigh) | bytes_equal(w, '"') | bytes_equal(w, '\\')) break;
  }
  return i;
}

/// From i, the end of the run of whole 8-byte blocks with no byte below 0x0E
/// (tab, newline, carriage return among them) and no two spaces in a row
/// (within the block, or its last byte and the next).
inline std::size_t skip_single_spaced(std::string_view s, std::size_t i) {
  using namespace ascii_scan_detail;
  for (; i + 8 <= s.size(); i += 8) {
    const std::uint64_t w = load(s.data() + i);
    const std::uint64_t spaces = bytes_equal(w, ' ');
    if (has_less(w, 0x0E) || (spaces & (spaces >> 8)) ||
        ((spaces >> 63) && i + 8 < s.size() && s[i + 8] == ' '))
      break;
  }
  return i;
}

}  // namespace prismaflow
