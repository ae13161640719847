#include "screen/decision_csv.hpp"

#include <cctype>

#include "common/csv.hpp"
#include "common/error.hpp"

namespace prismaflow::screen {
namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string field(const csv::Row& row, std::optional<std::size_t> col) {
  return col && *col < row.fields.size() ? trim(row.fields[*col]) : std::string();
}

std::optional<std::size_t> first_column(const csv::Table& t, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (auto c = t.column(n)) return c;
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& decision_csv_columns() {
  static const std::vector<std::string> cols = {"record_id", "pmid", "stage", "reviewer",
                                                "decision",  "reason", "note", "time"};
  return cols;
}

std::vector<ParsedDecision> parse_decision_csv(std::string_view text, const std::string& where) {
  csv::Table t = csv::parse(text, where);
  auto c_id = t.column("record_id");
  auto c_pmid = t.column("pmid");
  if (!c_id && !c_pmid) {
    throw InputError(where, t.header_line,
                     "needs a record_id or pmid column; the columns are " 
                     "record_id,pmid,stage,reviewer,decision,reason,note,time");
  }
  auto c_stage = t.require_column("stage", where);
  auto c_reviewer = t.require_column("reviewer", where);
  auto c_decision = t.require_column("decision", where);
  auto c_reason = t.column("reason");
  auto c_note = t.column("note");
  auto c_time = t.column("time");
  std::vector<ParsedDecision> out;
  for (const auto& row : t.rows) {
    ParsedDecision d;
    d.line = row.line;
    std::string id = field(row, c_id);
    if (!id.empty()) {
      try {
        std::size_t used = 0;
        d.record_id = std::stoll(id, &used);
        if (used != id.size() || *d.record_id <= 0) throw std::invalid_argument(id);
      } catch (const std::exception&) {
        throw InputError(where, row.line, "record_id '" + id + "' is not a positive number");
      }
    }
    d.pmid = field(row, c_pmid);
    if (!d.record_id && d.pmid.empty()) {
      throw InputError(where, row.line, "neither record_id nor pmid is filled; give one of them");
    }
    try {
      d.stage = parse_stage(field(row, c_stage));
      d.decision = parse_decision(lower(field(row, c_decision)));
    } catch (const UsageError& e) {
      throw InputError(where, row.line, e.what());
    }
    d.reviewer = field(row, c_reviewer);
    constexpr std::string_view kResolution = "resolution:";
    if (d.reviewer.rfind(kResolution, 0) == 0) {
      d.role = Role::kResolution;
      d.reviewer = d.reviewer.substr(kResolution.size());
    }
    if (d.reviewer.empty()) throw InputError(where, row.line, "reviewer is empty; name who decided");
    d.reason = field(row, c_reason);
    d.note = field(row, c_note);
    d.time = field(row, c_time);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<ParsedDecision> parse_rayyan_csv(std::string_view text, const std::string& where,
                                             Stage stage) {
  csv::Table t = csv::parse(text, where);
  auto c_notes = t.require_column("notes", where);
  auto c_pmid = first_column(t, {"pubmed_id", "pmid"});
  auto c_doi = t.column("doi");
  std::vector<ParsedDecision> out;
  for (const auto& row : t.rows) {
    std::string notes = field(row, c_notes);
    std::vector<std::pair<std::string, std::string>> votes;
    std::vector<std::string> reasons;
    // Notes are "KEY: value | KEY: value"; split on " | " but only before a
    // RAYYAN- key, since free-text notes may contain '|'.
    std::size_t pos = 0;
    while ((pos = notes.find("RAYYAN-", pos)) != std::string::npos) {
      std::size_t colon = notes.find(':', pos);
      if (colon == std::string::npos) break;
      std::string key = notes.substr(pos, colon - pos);
      std::size_t end = notes.find("| RAYYAN-", colon);
      std::string value = trim(notes.substr(colon + 1, end == std::string::npos ? std::string::npos
                                                                               : end - colon - 1));
      pos = end == std::string::npos ? notes.size() : end + 2;
      if (key == "RAYYAN-INCLUSION") {
        // {"Alice"=>"Included", "Bob"=>"Excluded"}
        std::size_t q = 0;
        while ((q = value.find('"', q)) != std::string::npos) {
          std::size_t q2 = value.find('"', q + 1);
          std::size_t arrow = value.find("=>", q2);
          std::size_t v1 = value.find('"', arrow);
          std::size_t v2 = v1 == std::string::npos ? v1 : value.find('"', v1 + 1);
          if (q2 == std::string::npos || arrow == std::string::npos || v2 == std::string::npos) {
            throw InputError(where, row.line, "cannot read RAYYAN-INCLUSION '" + value +
                                                  "'; expected {\"Name\"=>\"Included\", ...}");
          }
          votes.emplace_back(value.substr(q + 1, q2 - q - 1), value.substr(v1 + 1, v2 - v1 - 1));
          q = v2 + 1;
        }
      } else if (key == "RAYYAN-EXCLUSION-REASONS") {
        std::size_t b = 0;
        while (b <= value.size()) {
          std::size_t comma = value.find(',', b);
          std::string r = trim(value.substr(b, comma == std::string::npos ? std::string::npos : comma - b));
          if (!r.empty()) reasons.push_back(r);
          if (comma == std::string::npos) break;
          b = comma + 1;
        }
      }
    }
    for (const auto& [name, verdict] : votes) {
      ParsedDecision d;
      d.line = row.line;
      d.stage = stage;
      d.reviewer = name;
      d.pmid = field(row, c_pmid);
      d.doi = field(row, c_doi);
      std::string v = lower(verdict);
      if (v == "included") d.decision = Decision::kInclude;
      else if (v == "excluded") d.decision = Decision::kExclude;
      else if (v == "maybe") d.decision = Decision::kMaybe;
      else throw InputError(where, row.line, "unknown Rayyan decision '" + verdict +
                                                 "' for " + name + "; expected Included, Excluded or Maybe");
      if (d.pmid.empty() && d.doi.empty()) {
        throw InputError(where, row.line, "the article has neither pubmed_id nor doi; cannot find it in the review");
      }
      if (d.decision == Decision::kExclude && !reasons.empty()) {
        d.reason = reasons.front();
        if (reasons.size() > 1) {
          d.note = "Rayyan reasons:";
          for (std::size_t i = 0; i < reasons.size(); ++i) d.note += (i ? ", " : " ") + reasons[i];
        }
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::vector<ParsedDecision> parse_asreview_csv(std::string_view text, const std::string& where,
                                               Stage stage, const std::string& reviewer) {
  csv::Table t = csv::parse(text, where);
  auto c_label = first_column(t, {"included", "label_included", "asreview_label"});
  if (!c_label) {
    throw InputError(where, t.header_line,
                     "no 'included' column; export the dataset from ASReview with its labels");
  }
  auto c_pmid = first_column(t, {"pmid", "pubmed_id"});
  auto c_doi = t.column("doi");
  auto c_note = first_column(t, {"exported_notes_1", "notes"});
  std::vector<ParsedDecision> out;
  for (const auto& row : t.rows) {
    std::string label = field(row, c_label);
    if (label.empty() || label == "-1" || lower(label) == "nan") continue;
    ParsedDecision d;
    d.line = row.line;
    d.stage = stage;
    d.reviewer = reviewer;
    if (label == "1" || label == "1.0") d.decision = Decision::kInclude;
    else if (label == "0" || label == "0.0") d.decision = Decision::kExclude;
    else throw InputError(where, row.line, "label '" + label + "' is not 1, 0 or empty");
    d.pmid = field(row, c_pmid);
    d.doi = field(row, c_doi);
    d.note = field(row, c_note);
    if (d.pmid.empty() && d.doi.empty()) {
      throw InputError(where, row.line, "the record has neither pmid nor doi; cannot find it in the review");
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string format_decision_row(const DecisionRow& d, const std::string& pmid) {
  std::string reviewer = d.role == Role::kResolution ? "resolution:" + d.reviewer : d.reviewer;
  return csv::format_row({std::to_string(d.record_id), pmid, std::string(stage_code(d.stage)),
                          reviewer, std::string(decision_code(d.decision)), d.reason, d.note,
                          d.decided_at});
}

}  // namespace prismaflow::screen
