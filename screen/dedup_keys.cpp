#include "screen/dedup_keys.hpp"

#include <cctype>

#include "fetch/record_store.hpp"
#include "screen/text_normalize.hpp"

namespace prismaflow::screen {
namespace {

std::string leading_digits(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  std::string out;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) out += s[i++];
  while (out.size() > 1 && out[0] == '0') out.erase(0, 1);
  return out;
}

// "1297-1306", "161--176", "e0815", "S12" -> "1297", "161", "e0815", "s12"
std::string first_page_of(std::string_view pages) {
  std::string out;
  for (char c : pages) {
    if (c == '-' || c == ',' || c == ' ' || c == ';') {
      if (!out.empty()) break;
      continue;
    }
    // quotes and brackets around the field are not part of the page
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  // "Suppl", "T" and similar placeholders carry no page number.
  if (out.find_first_of("0123456789") == std::string::npos) return std::string();
  std::size_t z = 0;
  while (z + 1 < out.size() && out[z] == '0') ++z;
  return out.substr(z);
}

// The end of a page range, with MEDLINE's shortened form completed from the
// start ("1297-306" -> "1306"); empty when `pages` is not a range of numbers.
std::string last_page_of(std::string_view pages, const std::string& first) {
  if (first.empty() || !std::isdigit(static_cast<unsigned char>(first[0]))) return std::string();
  std::size_t dash = pages.find('-');
  if (dash == std::string_view::npos) return std::string();
  std::string last = leading_digits(pages.substr(dash));
  if (last.empty()) return std::string();
  for (char c : first) if (!std::isdigit(static_cast<unsigned char>(c))) return std::string();
  if (last.size() < first.size()) last = first.substr(0, first.size() - last.size()) + last;
  return last;
}

// "5", "05", "5-6", "21 Suppl 1" -> "5", "5", "5", "21"; a supplement with no
// issue of its own ("Suppl. 1", "Supplement 1") -> "s1"; no number -> "".
std::string issue_of(std::string_view issue) {
  std::size_t i = 0;
  while (i < issue.size() && !std::isalnum(static_cast<unsigned char>(issue[i]))) ++i;
  if (i < issue.size() && std::isdigit(static_cast<unsigned char>(issue[i]))) return leading_digits(issue.substr(i));
  std::string digits = leading_digits(issue.substr(i));
  bool supplement = i < issue.size() && (issue[i] == 's' || issue[i] == 'S');
  return supplement && !digits.empty() ? "s" + digits : std::string();
}

// Embase splits "5 (Suppl. 1)" so that the volume field holds only "1)":
// a fragment with a closing but no opening parenthesis is no volume.
std::string volume_of(std::string_view volume) {
  if (volume.find(')') != std::string_view::npos && volume.find('(') == std::string_view::npos) {
    return std::string();
  }
  return leading_digits(volume);
}

// MEDLINE appends annotations to an article's own title ("[Review] [33
// refs]", "[Erratum appears in ...]", "[Comment in ...]"); they are not part
// of the title and must not mark the article as a notice.
void strip_annotations(std::string& title) {
  for (const char* w : {" erratum appears in ", " erratum in ", " comment in ", " see comment",
                        " retraction in ", " update in ", " corrected and republished"}) {
    auto p = title.find(w);
    if (p != std::string::npos && p > 0) title.erase(p);
  }
  // trailing "review 33 refs" / "review"
  auto ends_with = [&](std::string_view tail) {
    return title.size() > tail.size() && title.compare(title.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (ends_with(" refs")) {
    std::size_t e = title.size() - 5, d = e;
    while (d > 0 && std::isdigit(static_cast<unsigned char>(title[d - 1]))) --d;
    if (d < e && d > 0 && title[d - 1] == ' ') title.erase(d - 1);
  }
  if (ends_with(" review")) title.erase(title.size() - 7);
}

bool is_na(std::string_view s) { return s == "NA" || s == "na" || s == "N/A" || s == "null"; }

// Errata and comments repeat the title of the paper they concern; PubMed and
// Embase mark them in the title.
bool is_notice(const std::string& title) {
  for (const char* w : {"erratum", "correction to", "corrigendum", "retraction", "retracted",
                        "comment on", "reply to", "response to", "in reply", "author reply",
                        "expression of concern"}) {
    if (title.find(w) != std::string::npos) return true;
  }
  return false;
}

// Journals and conferences reuse these titles in every issue or year, so
// title, authors and journal agree between different records.
bool is_front_matter(const std::string& title) {
  for (const char* w : {"editorial", "editor s comments", "editors comments", "from the editor",
                        "preface", "foreword", "introduction to the minitrack", "minitrack introduction",
                        "introduction to the special issue", "message from the", "in this issue"}) {
    if (title.find(w) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

DedupKey make_dedup_key(const DedupInput& in) {
  DedupKey k;
  k.id = in.id;
  if (!is_na(in.doi)) k.doi = fetch::normalize_doi(in.doi);
  if (k.doi.rfind("10.", 0) != 0) k.doi.clear();
  if (!is_na(in.pmid)) k.pmid = in.pmid;
  if (!is_na(in.pmcid)) k.pmcid = in.pmcid;
  k.title = normalize_text(is_na(in.title) ? std::string_view{} : std::string_view(in.title));
  if (k.title.size() > 2 && k.title.front() == ' ') k.title.erase(0, 1);
  strip_annotations(k.title);
  k.title_words = k.title.empty() ? 0 : 1;
  for (char c : k.title) k.title_words += c == ' ';
  std::string authors = normalize_text(is_na(in.authors) ? std::string_view{} : std::string_view(in.authors));
  // Keep name words only: initials and "and" carry little and vary by format.
  std::size_t b = 0;
  while (b < authors.size()) {
    std::size_t e = authors.find(' ', b);
    if (e == std::string::npos) e = authors.size();
    std::string_view w(authors.data() + b, e - b);
    if (w.size() >= 2 && w != "and" && w != "et" && w != "al") {
      if (!k.authors.empty()) k.authors += ' ';
      k.authors += w;
      if (k.first_author.empty()) k.first_author = w;
    }
    b = e + 1;
  }
  k.journal = normalize_text(is_na(in.journal) ? std::string_view{} : std::string_view(in.journal));
  if (k.journal.rfind("the ", 0) == 0) k.journal.erase(0, 4);
  k.volume = is_na(in.volume) ? "" : volume_of(in.volume);
  k.first_page = is_na(in.pages) ? "" : first_page_of(in.pages);
  k.last_page = is_na(in.pages) ? "" : last_page_of(in.pages, k.first_page);
  k.issue = is_na(in.issue) ? "" : issue_of(in.issue);
  k.year = in.year;
  k.notice = is_notice(k.title);
  k.front_matter = is_front_matter(k.title);
  k.completeness = !k.doi.empty() + !k.pmid.empty() * 2 + !k.title.empty() + !k.authors.empty() +
                   !k.journal.empty() + !k.volume.empty() + !k.first_page.empty() + (k.year > 0) +
                   in.has_abstract * 2;
  return k;
}

}  // namespace prismaflow::screen
