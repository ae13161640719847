// Encoding detection and conversion, written out because the three encodings
// involved are fixed tables and iconv's behaviour on bad bytes differs between
// C libraries.
#include "fetch/text_encoding.hpp"

#include <cstdint>

#include "common/error.hpp"
#include "common/utf8.hpp"

namespace prismaflow::fetch {
namespace {


std::string utf16_to_utf8(std::string_view b, bool little_endian) {
  std::string out;
  out.reserve(b.size());
  auto unit = [&](std::size_t i) -> std::uint32_t {
    auto lo = static_cast<unsigned char>(b[i + (little_endian ? 0 : 1)]);
    auto hi = static_cast<unsigned char>(b[i + (little_endian ? 1 : 0)]);
    return (static_cast<std::uint32_t>(hi) << 8) | lo;
  };
  for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
      std::uint32_t v = unit(i + 2);
      if (v >= 0xDC00 && v < 0xE000) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u < 0xE000) u = 0xFFFD;  // lone surrogate
    append_utf8(out, u);
  }
  return out;
}

// Windows-1252 0x80-0x9F; the rest of the high half is Latin-1 itself.
constexpr std::uint16_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

std::string cp1252_to_utf8(std::string_view b) {
  std::string out;
  out.reserve(b.size() + b.size() / 8);
  for (char ch : b) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else if (c < 0xA0) append_utf8(out, kCp1252High[c - 0x80]);
    else append_utf8(out, c);
  }
  return out;
}

std::string normalise_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// UTF-16 without BOM: ASCII text has a zero in every other byte.
bool looks_utf16(std::string_view b, bool& little_endian) {
  std::size_t n = std::min<std::size_t>(b.size() & ~std::size_t{1}, 4096);
  if (n < 4) return false;
  std::size_t zero_even = 0, zero_odd = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (b[i] == '\0') ++((i % 2) ? zero_odd : zero_even);
  }
  if (zero_odd * 10 >= n * 4 && zero_even * 20 < n) {
    little_endian = true;
    return true;
  }
  if (zero_even * 10 >= n * 4 && zero_odd * 20 < n) {
    little_endian = false;
    return true;
  }
  return false;
}

void reject_binary(std::string_view text, const std::string& where) {
  std::size_t controls = 0;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == 0) {
      throw InputError(where, 0,
                       "this is a binary file, not a text export (it contains NUL bytes); "
                       "export the records as RIS, MEDLINE/.nbib, Web of Science plain text, "
                       "PubMed XML or CSV");
    }
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ++controls;
  }
  if (controls * 100 > text.size() + 100) {
    throw InputError(where, 0,
                     "this looks like a binary file, not a text export (" +
                         std::to_string(controls) +
                         " control bytes); export the records as RIS, .nbib, WoS, XML or CSV");
  }
}

}  // namespace

const char* encoding_name(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf8: return "utf-8";
    case TextEncoding::kUtf8Bom: return "utf-8-bom";
    case TextEncoding::kUtf16Le: return "utf-16le";
    case TextEncoding::kUtf16Be: return "utf-16be";
    case TextEncoding::kWindows1252: return "windows-1252";
  }
  return "?";
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    if (len == 2 && c < 0xC2) return false;  // overlong
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

DecodedText decode_to_utf8(std::string_view b, const std::string& where) {
  DecodedText out;
  std::string text;
  bool le = true;
  if (b.substr(0, 3) == "\xEF\xBB\xBF") {
    out.encoding = TextEncoding::kUtf8Bom;
    text = std::string(b.substr(3));
  } else if (b.substr(0, 2) == "\xFF\xFE") {
    out.encoding = TextEncoding::kUtf16Le;
    text = utf16_to_utf8(b.substr(2), true);
  } else if (b.substr(0, 2) == "\xFE\xFF") {
    out.encoding = TextEncoding::kUtf16Be;
    text = utf16_to_utf8(b.substr(2), false);
  } else if (looks_utf16(b, le)) {
    out.encoding = le ? TextEncoding::kUtf16Le : TextEncoding::kUtf16Be;
    text = utf16_to_utf8(b, le);
  } else if (is_valid_utf8(b)) {
    text = std::string(b);
  } else {
    reject_binary(b, where);  // a binary file is never valid UTF-8: say so, not "Latin-1"
    out.encoding = TextEncoding::kWindows1252;
    text = cp1252_to_utf8(b);
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InputError(where, 0, "the file is empty; export the records again and re-run import");
  }
  reject_binary(text, where);
  out.text = normalise_newlines(text);
  return out;
}

}  // namespace prismaflow::fetch
