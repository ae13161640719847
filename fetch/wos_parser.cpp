// Tags from Clarivate's "Web of Science Core Collection field tags" list.
#include "fetch/wos_parser.hpp"

#include <cctype>
#include <utility>
#include <vector>

#include "fetch/record_store.hpp"

namespace prismaflow::fetch {
namespace {

struct Field {
  std::string tag;
  std::vector<std::string> lines;  ///< first line plus continuations
};

struct RawRecord {
  std::size_t line = 0;
  std::vector<Field> fields;
  std::string raw;
};

std::string joined(const RawRecord& r, std::string_view tag) {
  for (const auto& f : r.fields) {
    if (f.tag != tag) continue;
    std::string out;
    for (const auto& l : f.lines) {
      if (l.empty()) continue;
      if (!out.empty()) out += ' ';
      out += l;
    }
    if (!out.empty()) return out;
  }
  return {};
}

const Field* field(const RawRecord& r, std::string_view tag) {
  for (const auto& f : r.fields) if (f.tag == tag) return &f;
  return nullptr;
}

std::vector<std::string> split_semicolons(const std::string& s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find(';', b);
    if (e == std::string::npos) e = s.size();
    std::string part = trim(std::string_view(s).substr(b, e - b));
    if (!part.empty()) out.push_back(std::move(part));
    b = e + 1;
  }
  return out;
}

Record to_record(const RawRecord& raw) {
  Record r;
  r.raw = raw.raw;
  r.raw_format = "wos";
  r.title = joined(raw, "TI");
  const Field* names = field(raw, "AF");
  if (!names) names = field(raw, "AU");
  if (names) {
    for (const auto& l : names->lines) if (!l.empty()) r.authors.push_back(parse_author_name(l));
  }
  r.journal = joined(raw, "SO");
  r.journal_iso = joined(raw, "JI");
  if (r.journal_iso.empty()) r.journal_iso = joined(raw, "J9");
  r.volume = joined(raw, "VL");
  r.issue = joined(raw, "IS");
  r.pages = join_pages(joined(raw, "BP"), joined(raw, "EP"));
  if (r.pages.empty()) r.pages = joined(raw, "AR");
  r.issn = joined(raw, "SN");
  if (r.issn.empty()) r.issn = joined(raw, "EI");
  r.year = parse_year(joined(raw, "PY"));
  if (r.year == 0) r.year = parse_year(joined(raw, "EA"));
  r.pub_date.year = r.year;
  r.doi = normalize_doi(joined(raw, "DI"));
  r.pmid = joined(raw, "PM");
  r.source_record_id = joined(raw, "UT");
  std::string abstract = joined(raw, "AB");
  if (!abstract.empty()) r.abstract.push_back({"", "", abstract});
  r.keywords = split_semicolons(joined(raw, "DE"));
  for (auto& k : split_semicolons(joined(raw, "ID"))) r.keywords.push_back(std::move(k));
  r.publication_types = split_semicolons(joined(raw, "DT"));
  std::string la = joined(raw, "LA");
  if (!la.empty()) r.languages.push_back(la);
  r.is_book = joined(raw, "PT") == "B";
  return r;
}

}  // namespace

bool is_wos_tag_line(std::string_view l) {
  if (l.size() < 2 || !std::isupper(static_cast<unsigned char>(l[0]))) return false;
  if (!std::isupper(static_cast<unsigned char>(l[1])) && !std::isdigit(static_cast<unsigned char>(l[1])))
    return false;
  return l.size() == 2 || (l[2] == ' ' && (l.size() == 3 || l[3] != ' '));
}

ImportParseResult parse_wos(std::string_view text, const std::string& where,
                            const ParseOptions& options) {
  ImportParseResult result;
  RawRecord cur;
  bool open = false;
  std::size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    while (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    pos = nl + 1;
    ++line_no;
    if (trim(line).empty()) continue;
    if (line.substr(0, 2) == "  " && open && !cur.fields.empty()) {
      cur.fields.back().lines.push_back(trim(line));
      cur.raw.append(line).append("\n");
      continue;
    }
    if (!is_wos_tag_line(line)) {
      reject_record(result, options, where, line_no,
                    "not a Web of Science line (expected a two-letter tag, e.g. 'TI Title')");
      continue;
    }
    std::string tag(line.substr(0, 2));
    std::string value = line.size() > 3 ? trim(line.substr(3)) : std::string();
    if (tag == "FN" || tag == "VR" || tag == "EF") continue;  // file header and end
    if (tag == "ER") {
      if (!open) continue;
      cur.raw.append(line).append("\n");
      Record r = to_record(cur);
      std::string problem = record_problem(r, "TI");
      if (problem.empty()) result.records.push_back(std::move(r));
      else reject_record(result, options, where, cur.line, problem);
      cur = RawRecord{};
      open = false;
      continue;
    }
    if (!open) {
      open = true;
      cur.line = line_no;
    }
    cur.fields.push_back({tag, {value}});
    cur.raw.append(line).append("\n");
  }
  if (open) {
    reject_record(result, options, where, cur.line,
                  "the record starting here is not closed by 'ER'; the file looks truncated "
                  "(export it again)");
  }
  return result;
}

}  // namespace prismaflow::fetch
