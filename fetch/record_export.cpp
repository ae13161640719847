#include "fetch/record_export.hpp"

#include "common/csv.hpp"

namespace prismaflow::fetch {

const std::vector<std::string>& export_csv_columns() {
  static const std::vector<std::string> cols = {"record_id", "pmid",    "doi",    "title",
                                                "year",      "journal", "source", "duplicate_of",
                                                "source_id"};
  return cols;
}

std::string export_csv_row(const RecordSummary& r) {
  return csv::format_row({std::to_string(r.record_id), r.pmid, r.doi, r.title,
                          r.year ? std::to_string(*r.year) : "", r.journal, r.source,
                          r.duplicate_of ? std::to_string(*r.duplicate_of) : "",
                          r.source_record_id});
}

namespace {
void tag(std::string& out, const char* t, const std::string& value) {
  if (value.empty()) return;
  std::string v = value;
  for (char& c : v)
    if (c == '\n' || c == '\r') c = ' ';
  out += t;
  out += "  - ";
  out += v;
  out += "\n";
}
}  // namespace

std::string export_ris_record(const Record& r, std::int64_t record_id,
                              const RecordSummary& summary) {
  std::string out;
  tag(out, "TY", r.is_book ? "BOOK" : "JOUR");
  tag(out, "ID", std::to_string(record_id));
  tag(out, "TI", r.title);
  for (const auto& a : r.authors) {
    if (!a.collective_name.empty()) {
      tag(out, "AU", a.collective_name);
    } else {
      tag(out, "AU", a.fore_name.empty() ? a.last_name : a.last_name + ", " + a.fore_name);
    }
  }
  tag(out, "AB", r.abstract_text());
  tag(out, "T2", r.journal);
  tag(out, "J2", r.journal_iso);
  tag(out, "PY", r.year ? std::to_string(r.year) : "");
  tag(out, "VL", r.volume);
  tag(out, "IS", r.issue);
  auto dash = r.pages.find('-');
  if (dash == std::string::npos) {
    tag(out, "SP", r.pages);
  } else {
    tag(out, "SP", r.pages.substr(0, dash));
    tag(out, "EP", r.pages.substr(dash + 1));
  }
  tag(out, "SN", r.issn);
  tag(out, "DO", r.doi);
  tag(out, "AN", r.pmid);
  for (const auto& k : r.keywords) tag(out, "KW", k);
  for (const auto& m : r.mesh) tag(out, "KW", m.descriptor);
  for (const auto& l : r.languages) tag(out, "LA", l);
  tag(out, "DB", summary.source);
  if (summary.duplicate_of) tag(out, "N1", "duplicate of record " + std::to_string(*summary.duplicate_of));
  out += "ER  - \n\n";
  return out;
}

}  // namespace prismaflow::fetch
