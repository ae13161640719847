#include "fetch/csv_records.hpp"

#include <optional>
#include <vector>

#include "common/csv.hpp"
#include "common/error.hpp"
#include "fetch/record_store.hpp"

namespace prismaflow::fetch {
namespace {

struct FieldNames {
  std::string_view field;
  std::vector<std::string_view> names;
};

// Usual headers: Scopus, WoS (tab-delimited "savedrecs"), Covidence, Zotero,
// bib-dedupe/ASySD tables.
const std::vector<FieldNames>& known_fields() {
  static const std::vector<FieldNames> table = {
      {"id", {"id", "record_id", "key", "accession number", "ut", "ut (unique wos id)", "eid", "covidence #"}},
      {"title", {"title", "article title", "ti", "document title", "primary title"}},
      {"authors", {"authors", "author", "au", "author full names", "author names"}},
      {"year", {"year", "publication year", "py", "pubyear", "date"}},
      {"journal", {"journal", "source title", "source", "so", "journal/book", "publication title", "secondary title"}},
      {"doi", {"doi", "di"}},
      {"pmid", {"pmid", "pubmed id", "pubmed_id", "pm"}},
      {"pmcid", {"pmcid", "pmc"}},
      {"abstract", {"abstract", "ab"}},
      {"volume", {"volume", "vl"}},
      {"issue", {"issue", "number", "is"}},
      {"pages", {"pages", "page", "pg", "page range"}},
      {"page_start", {"page start", "start page", "bp"}},
      {"page_end", {"page end", "end page", "ep"}},
      {"keywords", {"keywords", "author keywords", "de"}},
      {"issn", {"issn", "sn"}},
  };
  return table;
}

std::vector<std::string> split_authors(const std::string& s) {
  std::vector<std::string> out;
  std::string sep = s.find(';') != std::string::npos ? ";" : " and ";
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find(sep, b);
    if (e == std::string::npos) e = s.size();
    std::string part = trim(std::string_view(s).substr(b, e - b));
    if (!part.empty()) out.push_back(std::move(part));
    b = e + sep.size();
  }
  return out;
}

}  // namespace

ColumnMap parse_column_map(std::string_view spec) {
  ColumnMap map;
  std::size_t b = 0;
  while (b < spec.size()) {
    std::size_t e = spec.find(',', b);
    if (e == std::string_view::npos) e = spec.size();
    std::string_view pair = spec.substr(b, e - b);
    b = e + 1;
    if (trim(pair).empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      throw UsageError("--map: '" + std::string(pair) + "' is not FIELD=COLUMN (e.g. title=Title)");
    }
    std::string field = trim(pair.substr(0, eq));
    bool known = false;
    for (const auto& f : known_fields()) known = known || f.field == field;
    if (!known) {
      throw UsageError("--map: unknown field '" + field +
                       "'; use id, title, authors, year, journal, doi, pmid, pmcid, abstract, "
                       "volume, issue, pages, page_start, page_end, keywords or issn");
    }
    map[field] = trim(pair.substr(eq + 1));
  }
  return map;
}

ImportParseResult parse_csv_records(std::string_view text, const std::string& where,
                                    const ColumnMap& map, const ParseOptions& options) {
  std::string_view first_line = text.substr(0, text.find('\n'));
  char delim = first_line.find('\t') != std::string_view::npos &&
                       first_line.find(',') == std::string_view::npos
                   ? '\t'
                   : ',';
  csv::Table table = csv::parse(text, where, delim);
  std::map<std::string, std::size_t> col;
  for (const auto& f : known_fields()) {
    std::string field(f.field);
    if (auto m = map.find(field); m != map.end()) {
      auto c = table.column(m->second);
      if (!c) {
        throw InputError(where, table.header_line,
                         "--map " + field + "=" + m->second + ": no column '" + m->second +
                             "' in the header; check the spelling");
      }
      col[field] = *c;
      continue;
    }
    for (auto name : f.names) {
      if (auto c = table.column(name)) {
        col[field] = *c;
        break;
      }
    }
  }
  if (!col.count("title")) {
    throw InputError(where, table.header_line,
                     "no title column (looked for 'title', 'Article Title', 'TI'...); name it "
                     "with --map title=COLUMN");
  }
  auto get = [&](const csv::Row& row, const char* field) -> std::string {
    auto it = col.find(field);
    if (it == col.end() || it->second >= row.fields.size()) return {};
    return trim(row.fields[it->second]);
  };
  ImportParseResult result;
  for (const auto& row : table.rows) {
    Record r;
    r.raw_format = "csv";
    r.raw = csv::format_row(row.fields, delim);
    r.source_record_id = get(row, "id");
    r.title = get(row, "title");
    for (const auto& a : split_authors(get(row, "authors"))) r.authors.push_back(parse_author_name(a));
    r.year = parse_year(get(row, "year"));
    r.pub_date.year = r.year;
    r.journal = get(row, "journal");
    r.doi = normalize_doi(get(row, "doi"));
    r.pmid = get(row, "pmid");
    r.pmcid = get(row, "pmcid");
    std::string abstract = get(row, "abstract");
    if (!abstract.empty()) r.abstract.push_back({"", "", abstract});
    r.volume = get(row, "volume");
    r.issue = get(row, "issue");
    r.pages = get(row, "pages");
    if (r.pages.empty()) r.pages = join_pages(get(row, "page_start"), get(row, "page_end"));
    for (const auto& k : split_authors(get(row, "keywords"))) r.keywords.push_back(k);
    r.issn = get(row, "issn");
    std::string problem = record_problem(r, "the title column");
    if (problem.empty()) result.records.push_back(std::move(r));
    else reject_record(result, options, where, row.line, problem);
  }
  return result;
}

}  // namespace prismaflow::fetch
