#include "extract/study_characteristics.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <utility>

#include "common/csv.hpp"
#include "common/error.hpp"

namespace prismaflow::extract {
namespace {

std::optional<std::int64_t> parse_count(const std::string& cell, const std::string& where,
                                        std::size_t line) {
  const std::string t = csv::trim(cell);
  if (t.empty() || t == "NA" || t == "na") return std::nullopt;
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size() || v < 0) {
    throw InputError(where, line,
                     "column 'n_randomised' holds '" + t +
                         "', which is not a whole number of participants; write e.g. 208, or "
                         "leave it empty");
  }
  return v;
}

}  // namespace

const std::vector<std::pair<std::string, CharacteristicsTextField>>& characteristics_text_fields() {
  static const std::vector<std::pair<std::string, CharacteristicsTextField>> fields = {
      {"design", &StudyCharacteristics::design},
      {"setting", &StudyCharacteristics::setting},
      {"participants", &StudyCharacteristics::participants},
      {"interventions", &StudyCharacteristics::interventions},
      {"comparators", &StudyCharacteristics::comparators},
      {"outcomes", &StudyCharacteristics::outcomes},
      {"registration", &StudyCharacteristics::registration},
      {"funding", &StudyCharacteristics::funding},
      {"notes", &StudyCharacteristics::notes}};
  return fields;
}

const std::vector<std::string>& characteristics_csv_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c = {"study", "extractor"};
    for (const auto& f : characteristics_text_fields()) {
      c.push_back(f.first);
      if (f.first == "participants") c.push_back("n_randomised");
    }
    return c;
  }();
  return columns;
}

bool is_characteristics_header(const std::vector<std::string>& header) {
  return std::any_of(header.begin(), header.end(), [](const std::string& h) {
    const std::string name = csv::ascii_lower(csv::trim(h));
    return name == "design" || name == "participants" || name == "interventions";
  });
}

std::vector<StudyCharacteristics> parse_characteristics_csv(std::string_view text,
                                                            const std::string& where) {
  csv::Table t = csv::parse(text, where);
  const auto& known = characteristics_csv_columns();
  for (const auto& h : t.header) {
    if (std::find(known.begin(), known.end(), csv::ascii_lower(h)) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw InputError(where, t.header_line,
                       "unknown column '" + h + "'; study characteristics columns are " + list);
    }
  }
  const std::size_t is = t.require_column("study", where);
  const auto ie = t.column("extractor");
  const auto in = t.column("n_randomised");
  std::vector<std::pair<std::optional<std::size_t>, CharacteristicsTextField>> present;
  for (const auto& f : characteristics_text_fields()) present.emplace_back(t.column(f.first), f.second);

  std::vector<StudyCharacteristics> rows;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& r : t.rows) {
    StudyCharacteristics row;
    row.line = r.line;
    row.study = csv::trim(r.fields[is]);
    if (row.study.empty()) throw InputError(where, r.line, "the study column is empty; name the study");
    if (ie) row.extractor = csv::trim(r.fields[*ie]);
    if (in) row.n_randomised = parse_count(r.fields[*in], where, r.line);
    for (const auto& [column, field] : present)
      if (column) row.*field = csv::trim(r.fields[*column]);
    if (!seen.emplace(row.study, row.extractor).second) {
      throw InputError(where, r.line,
                       "study '" + row.study + "' appears twice" +
                           (row.extractor.empty() ? std::string(" as the agreed row")
                                                  : " for extractor '" + row.extractor + "'") +
                           "; give one row per study and extractor");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string format_characteristics_csv(const std::vector<StudyCharacteristics>& rows) {
  std::string out = csv::format_row(characteristics_csv_columns());
  for (const auto& r : rows) {
    std::vector<std::string> cells = {r.study, r.extractor};
    for (const auto& [name, field] : characteristics_text_fields()) {
      cells.push_back(r.*field);
      if (name == "participants") cells.push_back(r.n_randomised ? std::to_string(*r.n_randomised) : "");
    }
    out += csv::format_row(cells);
  }
  return out;
}

std::vector<Discrepancy> compare_characteristics(const std::vector<StudyCharacteristics>& rows) {
  std::map<std::string, std::vector<const StudyCharacteristics*>> by_study;
  for (const auto& r : rows)
    if (!r.extractor.empty()) by_study[r.study].push_back(&r);
  auto count = [](const StudyCharacteristics& r) {
    return r.n_randomised ? std::to_string(*r.n_randomised) : std::string("(empty)");
  };
  std::vector<Discrepancy> out;
  for (const auto& [study, group] : by_study) {
    for (std::size_t i = 0; i < group.size(); ++i) {
      for (std::size_t j = i + 1; j < group.size(); ++j) {
        const StudyCharacteristics& a = *group[i];
        const StudyCharacteristics& b = *group[j];
        for (const auto& [name, field] : characteristics_text_fields()) {
          if (a.*field != b.*field)
            out.push_back({study, "", "", "", name, a.extractor, a.*field, b.extractor, b.*field});
          if (name == "participants" && a.n_randomised != b.n_randomised)
            out.push_back({study, "", "", "", "n_randomised", a.extractor, count(a), b.extractor, count(b)});
        }
      }
    }
  }
  return out;
}

}  // namespace prismaflow::extract
