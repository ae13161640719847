// Tags follow NLM's "MEDLINE/PubMed Data Element (Field) Descriptions".
#include "fetch/medline_parser.hpp"

#include <cctype>
#include <utility>
#include <vector>

#include "fetch/record_store.hpp"

namespace prismaflow::fetch {
namespace {

using Field = std::pair<std::string, std::string>;

struct RawRecord {
  std::size_t line = 0;
  std::vector<Field> fields;
  std::string raw;
};

std::string first(const RawRecord& r, std::string_view tag) {
  for (const auto& f : r.fields) if (f.first == tag && !f.second.empty()) return f.second;
  return {};
}

// "10.1016/j.x.2017.04.075 [doi]" -> the id when the bracket names `kind`.
std::string bracketed(const RawRecord& r, std::string_view tag, std::string_view kind) {
  std::string suffix = " [" + std::string(kind) + "]";
  for (const auto& f : r.fields) {
    if (f.first != tag) continue;
    const std::string& v = f.second;
    if (v.size() > suffix.size() && v.compare(v.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return trim(std::string_view(v).substr(0, v.size() - suffix.size()));
    }
  }
  return {};
}

Record to_record(const RawRecord& raw) {
  Record r;
  r.raw = raw.raw;
  r.raw_format = "nbib";
  r.pmid = first(raw, "PMID");
  r.source_record_id = r.pmid;
  r.title = first(raw, "TI");
  if (r.title.empty()) r.title = first(raw, "BTI");
  r.is_book = r.title == first(raw, "BTI") && !r.title.empty();
  r.vernacular_title = first(raw, "TT");
  std::string abstract = first(raw, "AB");
  if (!abstract.empty()) r.abstract.push_back({"", "", abstract});
  bool have_full = false;
  for (const auto& f : raw.fields) have_full = have_full || f.first == "FAU";
  for (const auto& [tag, value] : raw.fields) {
    if (value.empty()) continue;
    if (tag == (have_full ? "FAU" : "AU")) r.authors.push_back(parse_author_name(value));
    else if (tag == "CN") {
      Author group;
      group.collective_name = value;
      r.authors.push_back(std::move(group));
    }
    else if (tag == "AD" && !r.authors.empty()) r.authors.back().affiliations.push_back(value);
    else if (tag == "PT") r.publication_types.push_back(value);
    else if (tag == "OT") r.keywords.push_back(value);
    else if (tag == "LA") r.languages.push_back(value);
    else if (tag == "MH") {
      MeshHeading heading;
      heading.descriptor = value;
      r.mesh.push_back(std::move(heading));
    }
  }
  r.journal = first(raw, "JT");
  r.journal_iso = first(raw, "TA");
  if (r.journal.empty()) r.journal = r.journal_iso;
  r.volume = first(raw, "VI");
  r.issue = first(raw, "IP");
  r.pages = first(raw, "PG");
  r.issn = first(raw, "IS");
  if (auto p = r.issn.find(' '); p != std::string::npos) r.issn.resize(p);
  std::string dp = first(raw, "DP");
  r.year = parse_year(dp);
  r.pub_date.year = r.year;
  r.pub_date.medline_date = dp;
  r.doi = bracketed(raw, "LID", "doi");
  if (r.doi.empty()) r.doi = bracketed(raw, "AID", "doi");
  r.doi = normalize_doi(r.doi);
  r.pii = bracketed(raw, "LID", "pii");
  r.pmcid = first(raw, "PMC");
  return r;
}

}  // namespace

bool is_medline_tag_line(std::string_view l) {
  if (l.size() < 5) return false;
  std::size_t i = 0;
  while (i < 4 && std::isupper(static_cast<unsigned char>(l[i]))) ++i;
  if (i < 2) return false;
  while (i < 4 && l[i] == ' ') ++i;
  return i == 4 && l[4] == '-' && (l.size() == 5 || l[5] == ' ');
}

ImportParseResult parse_medline(std::string_view text, const std::string& where,
                                const ParseOptions& options) {
  ImportParseResult result;
  RawRecord cur;
  auto finish = [&] {
    if (cur.fields.empty()) return;
    Record r = to_record(cur);
    std::string problem = r.title.empty() && r.pmid.empty()
                              ? "record has no title (TI) and no PMID"
                              : std::string();
    if (problem.empty()) result.records.push_back(std::move(r));
    else reject_record(result, options, where, cur.line, problem);
    cur = RawRecord{};
  };
  std::size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (trim(line).empty()) {
      finish();
      continue;
    }
    if (is_medline_tag_line(line)) {
      std::string tag = trim(line.substr(0, 4));
      if (tag == "PMID") finish();
      if (cur.fields.empty()) cur.line = line_no;
      cur.fields.emplace_back(tag, trim(line.substr(5)));
    } else if (!cur.fields.empty() && line.substr(0, 2) == "  ") {
      std::string& last = cur.fields.back().second;
      if (!last.empty()) last += ' ';
      last += trim(line);
    } else {
      reject_record(result, options, where, line_no,
                    "not a MEDLINE line (expected 'TAG - value' or a 6-space continuation)");
      continue;
    }
    cur.raw.append(line).append("\n");
  }
  finish();
  return result;
}

}  // namespace prismaflow::fetch
