// RIS is read in two steps: lines are grouped into records of (tag, value)
// fields, then one function maps the tags to the Record model. The tag table
// follows the RIS specification (Research Information Systems, 2011) plus the
// variants databases actually write (T1/A1/Y1/N2 from Ovid and EBSCO, J2/T2
// from Scopus, VO from older EndNote).
#include "fetch/ris_parser.hpp"

#include <cctype>
#include <limits>
#include <utility>
#include <vector>

#include "fetch/record_store.hpp"

namespace prismaflow::fetch {
namespace {

using Field = std::pair<std::string, std::string>;

bool is_tag_at(std::string_view s, std::size_t p) {
  if (p + 5 > s.size()) return false;
  if (!std::isupper(static_cast<unsigned char>(s[p]))) return false;
  if (!std::isupper(static_cast<unsigned char>(s[p + 1])) &&
      !std::isdigit(static_cast<unsigned char>(s[p + 1]))) return false;
  if (s[p + 2] != ' ') return false;
  // "TY  - x", "ER  -" and the one-space variant "TY - x"
  std::size_t dash = s[p + 3] == '-' ? p + 3 : (s[p + 3] == ' ' && s[p + 4] == '-' ? p + 4 : 0);
  if (dash == 0) return false;
  return dash + 1 == s.size() || s[dash + 1] == ' ';
}

std::string_view strip_bom(std::string_view line) {
  while (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  return line;
}

Field split_tag_line(std::string_view line) {
  std::string tag(line.substr(0, 2));
  std::size_t dash = line.find('-', 2);
  std::string_view value = dash + 1 < line.size() ? line.substr(dash + 1) : std::string_view{};
  return {tag, trim(value)};
}

struct RawRecord {
  std::size_t line = 0;
  std::vector<Field> fields;
  std::string raw;
};

void add_field(RawRecord& rec, Field f) {
  // A Web of Science defect runs two tags together: "WE  - Index (SSCI)AN  - WOS:0001".
  std::string& v = f.second;
  for (std::size_t p = 1; p + 5 <= v.size(); ++p) {
    if (!std::isalnum(static_cast<unsigned char>(v[p - 1])) && v[p - 1] != ' ' &&
        is_tag_at(v, p)) {
      Field second = split_tag_line(std::string_view(v).substr(p));
      v = trim(std::string_view(v).substr(0, p));
      rec.fields.push_back(std::move(f));
      rec.fields.push_back(std::move(second));
      return;
    }
  }
  rec.fields.push_back(std::move(f));
}

const std::string* first_of(const RawRecord& r, std::initializer_list<std::string_view> tags) {
  for (auto tag : tags) {
    for (const auto& f : r.fields) {
      if (f.first == tag && !f.second.empty()) return &f.second;
    }
  }
  return nullptr;
}

std::string value_or_empty(const RawRecord& r, std::initializer_list<std::string_view> tags) {
  const std::string* v = first_of(r, tags);
  return v ? *v : std::string();
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

Record to_record(const RawRecord& raw) {
  Record r;
  r.raw = raw.raw;
  r.raw_format = "ris";
  r.title = value_or_empty(raw, {"TI", "T1", "CT", "BT", "ST"});
  std::string type = value_or_empty(raw, {"TY"});
  r.is_book = type == "BOOK" || type == "CHAP" || type == "EBOOK" || type == "ECHAP";
  for (const auto& [tag, value] : raw.fields) {
    if (value.empty()) continue;
    if (tag == "AU" || tag == "A1") r.authors.push_back(parse_author_name(value));
    else if (tag == "KW") r.keywords.push_back(value);
    else if (tag == "LA") r.languages.push_back(value);
  }
  r.journal = value_or_empty(raw, {"JF", "T2", "JO", "JA", "J2", "J1"});
  r.journal_iso = value_or_empty(raw, {"J2", "JA", "J1"});
  if (r.is_book && r.title.empty()) r.title = value_or_empty(raw, {"T2"});
  r.volume = value_or_empty(raw, {"VL", "VO"});
  r.issue = value_or_empty(raw, {"IS", "CP"});
  r.pages = join_pages(value_or_empty(raw, {"SP"}), value_or_empty(raw, {"EP"}));
  r.issn = value_or_empty(raw, {"SN"});
  if (auto p = r.issn.find(' '); p != std::string::npos) r.issn.resize(p);  // "2096 (ISSN)"
  r.year = parse_year(value_or_empty(raw, {"PY", "Y1", "DA"}));
  r.pub_date.year = r.year;
  r.doi = normalize_doi(value_or_empty(raw, {"DO", "DI"}));
  if (r.doi.rfind("10.", 0) != 0) r.doi.clear();  // "DO  - n/a" and other non-DOIs
  std::string abstract = value_or_empty(raw, {"AB", "N2"});
  if (!abstract.empty()) r.abstract.push_back({"", "", abstract});
  r.source_record_id = value_or_empty(raw, {"ID"});
  std::string an = value_or_empty(raw, {"AN"});
  if (r.source_record_id.empty()) r.source_record_id = an;
  // Ovid MEDLINE and EndNote-from-PubMed put the PMID in AN.
  std::string db = value_or_empty(raw, {"DB", "DP"});
  bool pubmed_db = db.find("MEDLINE") != std::string::npos ||
                   db.find("PubMed") != std::string::npos;
  if (pubmed_db && all_digits(an) && an.size() <= 9) r.pmid = an;
  return r;
}

}  // namespace

bool is_ris_tag_line(std::string_view line) { return is_tag_at(strip_bom(line), 0); }

struct RisReader::State {
  RawRecord cur;
  bool open = false;
};

RisReader::RisReader(std::string_view text, std::string where, const ParseOptions& options)
    : text_(text), where_(std::move(where)), options_(options), state_(std::make_unique<State>()) {}

RisReader::~RisReader() = default;

bool RisReader::read(std::size_t max_records, ImportParseResult& out) {
  if (done_) return false;
  RawRecord& cur = state_->cur;
  bool& open = state_->open;
  const std::size_t stop = out.records.size() + max_records;
  auto finish = [&] {
    Record r = to_record(cur);
    std::string problem = record_problem(r, "TI or T1");
    if (problem.empty()) out.records.push_back(std::move(r));
    else reject_record(out, options_, where_, cur.line, problem);
    cur = RawRecord{};
    open = false;
  };
  // A record is finished by its ER line, or by the next TY when ER is
  // missing: so a batch ends only after a whole record, never inside one.
  while (pos_ < text_.size() && out.records.size() < stop) {
    std::size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) nl = text_.size();
    std::string_view line = strip_bom(text_.substr(pos_, nl - pos_));
    pos_ = nl + 1;
    ++line_;
    if (is_tag_at(line, 0)) {
      Field f = split_tag_line(line);
      if (f.first == "ER") {
        if (open) {
          cur.raw.append(line).append("\n");
          finish();
        }  // else: a stray ER, harmless
        continue;
      }
      if (open && f.first == "TY" && cur.fields.size() > 1) finish();  // ER missing between records
      if (!open) {
        open = true;
        cur.line = line_;
      }
      cur.raw.append(line).append("\n");
      add_field(cur, std::move(f));
    } else if (open) {
      std::string more = trim(line);
      cur.raw.append(line).append("\n");
      if (more.empty() || cur.fields.empty()) continue;
      std::string& last = cur.fields.back().second;  // untagged continuation line
      if (!last.empty()) last += ' ';
      last += more;
    }  // outside a record: export headers ("Record #1 of 2") and Ovid numbers ("1.")
  }
  if (pos_ < text_.size()) return true;
  done_ = true;
  if (open) {
    open = false;
    reject_record(out, options_, where_, cur.line,
                  "the record starting here is not closed by 'ER  - '; the file looks "
                  "truncated (export it again)");
  }
  return true;
}

ImportParseResult parse_ris(std::string_view text, const std::string& where,
                            const ParseOptions& options) {
  ImportParseResult result;
  RisReader reader(text, where, options);
  while (reader.read(std::numeric_limits<std::size_t>::max() / 2, result)) {
  }
  return result;
}

}  // namespace prismaflow::fetch
