#include "fetch/import_parse.hpp"

#include <cctype>

#include "common/error.hpp"

namespace prismaflow::fetch {

void reject_record(ImportParseResult& result, const ParseOptions& options,
                   const std::string& where, std::size_t line, const std::string& reason) {
  if (!options.skip_bad) {
    throw InputError(where, line,
                     reason + "; fix the record or pass --skip-bad to import the others");
  }
  result.skipped.push_back({line, reason});
}

int parse_year(std::string_view t) {
  for (std::size_t i = 0; i + 4 <= t.size(); ++i) {
    bool digits = true;
    for (std::size_t k = 0; k < 4; ++k) digits = digits && std::isdigit(static_cast<unsigned char>(t[i + k]));
    bool alone = (i == 0 || !std::isdigit(static_cast<unsigned char>(t[i - 1]))) &&
                 (i + 4 == t.size() || !std::isdigit(static_cast<unsigned char>(t[i + 4])));
    if (digits && alone) {
      int y = std::stoi(std::string(t.substr(i, 4)));
      if (y >= 1800 && y < 2200) return y;
    }
  }
  return 0;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

namespace {
std::string initials_of(std::string_view fore) {
  std::string out;
  bool start = true;
  for (std::size_t i = 0; i < fore.size(); ++i) {
    char c = fore[i];
    if (c == ' ' || c == '.' || c == '-') {
      start = true;
    } else if (start) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      // a non-ASCII initial ("Ö") is a whole UTF-8 sequence, not its lead byte
      while (i + 1 < fore.size() && (static_cast<unsigned char>(fore[i + 1]) & 0xC0) == 0x80) {
        out += fore[++i];
      }
      start = false;
    }
  }
  return out;
}
bool all_upper_short(std::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) if (!std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}
}  // namespace

Author parse_author_name(std::string_view raw) {
  Author a;
  std::string name = trim(raw);
  if (name.empty()) return a;
  auto comma = name.find(',');
  if (comma != std::string::npos) {
    a.last_name = trim(name.substr(0, comma));
    a.fore_name = trim(name.substr(comma + 1));
    a.initials = initials_of(a.fore_name);
    return a;
  }
  auto space = name.rfind(' ');
  if (space == std::string::npos) {
    a.last_name = name;
    return a;
  }
  std::string tail = name.substr(space + 1);
  if (all_upper_short(tail)) {  // MEDLINE "Smith JA"
    a.last_name = trim(name.substr(0, space));
    a.initials = tail;
    return a;
  }
  a.fore_name = trim(name.substr(0, space));  // "John A Smith"
  a.last_name = tail;
  a.initials = initials_of(a.fore_name);
  return a;
}

std::string join_pages(std::string_view start, std::string_view end) {
  std::string s = trim(start), e = trim(end);
  if (s.empty()) return e;
  if (e.empty() || s.find('-') != std::string::npos || s == e) return s;
  return s + "-" + e;
}

std::string record_problem(const Record& r, std::string_view title_tags) {
  if (!r.title.empty() || !r.doi.empty() || !r.pmid.empty()) return {};
  return "record has no title (" + std::string(title_tags) + ") and no DOI or PMID";
}

}  // namespace prismaflow::fetch
