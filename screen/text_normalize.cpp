// Pure-ASCII text (most bibliographic data) takes a fast path that gives the
// same result as utf8proc would; anything else goes through utf8proc_map with
// COMPAT (NFKC), CASEFOLD and STRIPMARK, which needs DECOMPOSE/COMPOSE.
#include "screen/text_normalize.hpp"

#include <utf8proc.h>

#include <cctype>
#include <cstdlib>

namespace prismaflow::screen {
namespace {

bool is_ascii(std::string_view s) {
  for (char c : s) if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string strip_tags(std::string_view s) {
  if (s.find('<') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      std::size_t close = s.find('>', i);
      // only short tag-like runs: "<i>", "</sub>", not "a < b"
      if (close != std::string_view::npos && close - i <= 8 && i + 1 < s.size() &&
          (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/')) {
        i = close;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

void fold_ascii(std::string_view s, std::string& out) {
  bool space = true;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += ch;
      space = false;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
      space = false;
    } else if (c == '\'') {
      continue;  // "Crohn's" == "Crohns"
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
}

}  // namespace

std::string normalize_text(std::string_view raw) {
  std::string text = strip_tags(raw);
  std::string out;
  out.reserve(text.size());
  if (is_ascii(text)) {
    fold_ascii(text, out);
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                                UTF8PROC_IGNORE | UTF8PROC_STRIPCC);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  std::string folded;
  if (n < 0) {
    for (char c : text) folded += static_cast<unsigned char>(c) < 0x80 ? c : ' ';
  } else {
    folded.assign(reinterpret_cast<char*>(mapped), static_cast<std::size_t>(n));
  }
  std::free(mapped);
  // Keep letters and digits of any script; everything else separates words.
  bool space = true;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t len = static_cast<utf8proc_ssize_t>(folded.size());
  utf8proc_ssize_t i = 0;
  while (i < len) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t step = utf8proc_iterate(p + i, len - i, &cp);
    if (step <= 0) {
      ++i;
      continue;
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    if (cp == '\'' || cp == 0x2019) {
      // apostrophes join: "Crohn’s" == "Crohns"
    } else if (word) {
      out.append(folded, static_cast<std::size_t>(i), static_cast<std::size_t>(step));
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
    i += step;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string normalize_compact(std::string_view text) {
  std::string n = normalize_text(text);
  std::string out;
  out.reserve(n.size());
  for (char c : n) if (c != ' ') out += c;
  return out;
}

}  // namespace prismaflow::screen
