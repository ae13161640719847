// The word-at-a-time scans stop exactly at the first 8-byte block holding a
// byte the per-byte loops must see, never past one: checked against a
// byte-by-byte reading on random text built from the bytes that matter.
#include "common/ascii_scan.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace prismaflow {
namespace {

bool json_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// Whether byte k may be skipped by skip_single_spaced.
bool single_spaced_at(const std::string& s, std::size_t k) {
  if (static_cast<unsigned char>(s[k]) < 0x0E) return false;
  return !(s[k] == ' ' && k + 1 < s.size() && s[k + 1] == ' ');
}

std::string random_text(std::mt19937& rng, std::size_t n) {
  // Mostly letters and single spaces, with now and then what must stop a scan.
  static const std::string rare = std::string("\"\\\n\t\r\x01\x0d\x0e\x1f\x7f") + "\xc3\xa9" + "  ";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned roll = rng() % 100;
    if (roll < 3) s += rare[rng() % rare.size()];
    else if (roll < 18) s += ' ';
    else s += static_cast<char>('a' + rng() % 26);
  }
  return s;
}

TEST(AsciiScan, StopsAtTheFirstBlockThatNeedsALook) {
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    const std::string s = random_text(rng, rng() % 70);
    const std::size_t from = s.empty() ? 0 : rng() % (s.size() + 1);
    const std::size_t json = skip_json_plain(s, from);
    const std::size_t spaced = skip_single_spaced(s, from);
    ASSERT_EQ((json - from) % 8, 0u);
    ASSERT_EQ((spaced - from) % 8, 0u);
    for (std::size_t k = from; k < json; ++k) ASSERT_TRUE(json_plain(s[k])) << s << " @" << k;
    for (std::size_t k = from; k < spaced; ++k) ASSERT_TRUE(single_spaced_at(s, k)) << s << " @" << k;
    if (json + 8 <= s.size()) {
      bool any = false;
      for (std::size_t k = json; k < json + 8; ++k) any |= !json_plain(s[k]);
      ASSERT_TRUE(any) << "stopped early in " << s;
    }
    if (spaced + 8 <= s.size()) {
      bool any = false;
      for (std::size_t k = spaced; k < spaced + 8; ++k) any |= !single_spaced_at(s, k);
      ASSERT_TRUE(any) << "stopped early in " << s;
    }
  }
}

}  // namespace
}  // namespace prismaflow
