#include "extract/extraction_csv.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/csv.hpp"
#include "common/error.hpp"
#include "extract/study_characteristics.hpp"

namespace prismaflow::extract {
namespace {

using csv::trim;

using csv::ascii_lower;

std::optional<double> parse_number(const std::string& cell, const std::string& column,
                                   const std::string& where, std::size_t line) {
  std::string t = trim(cell);
  if (t.empty() || t == "NA" || t == "na") return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v)) {
    throw InputError(where, line,
                     "column '" + column + "' holds '" + t + "', which is not a number; write a "
                     "plain number such as 12 or 0.35, or leave it empty");
  }
  return v;
}

std::string format_number(const std::optional<double>& v) {
  if (!v) return "";
  char buf[40];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, ptr);
}

using NumberField = std::optional<double> OutcomeRow::*;
struct NumberColumn {
  const char* name;
  NumberField field;
};
const std::vector<NumberColumn>& number_columns() {
  static const std::vector<NumberColumn> cols = {
      {"events_t", &OutcomeRow::events_t}, {"total_t", &OutcomeRow::total_t},
      {"events_c", &OutcomeRow::events_c}, {"total_c", &OutcomeRow::total_c},
      {"mean_t", &OutcomeRow::mean_t},     {"sd_t", &OutcomeRow::sd_t},
      {"n_t", &OutcomeRow::n_t},           {"mean_c", &OutcomeRow::mean_c},
      {"sd_c", &OutcomeRow::sd_c},         {"n_c", &OutcomeRow::n_c},
      {"yi", &OutcomeRow::yi},             {"se", &OutcomeRow::se},
      {"vi", &OutcomeRow::vi},             {"estimate", &OutcomeRow::estimate},
      {"ci_lower", &OutcomeRow::ci_lower}, {"ci_upper", &OutcomeRow::ci_upper},
  };
  return cols;
}

using TextField = std::string OutcomeRow::*;
struct TextColumn {
  const char* name;
  TextField field;
};
const std::vector<TextColumn>& text_columns() {
  static const std::vector<TextColumn> cols = {
      {"study", &OutcomeRow::study},         {"outcome", &OutcomeRow::outcome},
      {"extractor", &OutcomeRow::extractor}, {"subgroup", &OutcomeRow::subgroup},
      {"timepoint", &OutcomeRow::timepoint}, {"effect_measure", &OutcomeRow::effect_measure},
      {"note", &OutcomeRow::note},
  };
  return cols;
}

}  // namespace

const std::vector<std::string>& outcome_csv_columns() {
  static const std::vector<std::string> cols = [] {
    std::vector<std::string> c = {"study", "outcome", "extractor", "subgroup", "timepoint"};
    for (const auto& n : number_columns()) c.push_back(n.name);
    c.push_back("effect_measure");
    c.push_back("note");
    return c;
  }();
  return cols;
}

ExtractionFile detect_extraction_file(std::string_view text, const std::string& where) {
  csv::Table t = csv::parse(text, where);
  if (t.column("outcome")) return ExtractionFile::kOutcomes;
  if (t.column("domain")) return ExtractionFile::kRiskOfBias;
  if (is_characteristics_header(t.header)) return ExtractionFile::kCharacteristics;
  throw InputError(where, t.header_line,
                   "header has neither an 'outcome' column (outcome data), a 'domain' column "
                   "(risk of bias) nor a 'design', 'participants' or 'interventions' column "
                   "(study characteristics); see 'prismaflow extract --help' for the columns");
}

std::vector<OutcomeRow> parse_outcome_csv(std::string_view text, const std::string& where) {
  csv::Table t = csv::parse(text, where);
  const auto& known = outcome_csv_columns();
  for (const auto& h : t.header) {
    if (std::find(known.begin(), known.end(), ascii_lower(h)) == known.end()) {
      throw InputError(where, t.header_line,
                       "unknown column '" + h + "'; outcome data columns are study, outcome, "
                       "extractor, subgroup, timepoint, events_t, total_t, events_c, total_c, "
                       "mean_t, sd_t, n_t, mean_c, sd_c, n_c, yi, se, vi, estimate, ci_lower, "
                       "ci_upper, effect_measure, note");
    }
  }
  t.require_column("study", where);
  t.require_column("outcome", where);
  std::vector<OutcomeRow> rows;
  for (const auto& r : t.rows) {
    OutcomeRow row;
    row.line = r.line;
    for (const auto& c : text_columns())
      if (auto i = t.column(c.name)) row.*(c.field) = trim(r.fields[*i]);
    for (const auto& c : number_columns())
      if (auto i = t.column(c.name)) row.*(c.field) = parse_number(r.fields[*i], c.name, where, r.line);
    if (row.study.empty()) throw InputError(where, r.line, "the study column is empty; name the study");
    if (row.outcome.empty()) throw InputError(where, r.line, "the outcome column is empty; name the outcome");
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string format_outcome_csv(const std::vector<OutcomeRow>& rows) {
  std::string out = csv::format_row(outcome_csv_columns());
  for (const auto& r : rows) {
    std::vector<std::string> f = {r.study, r.outcome, r.extractor, r.subgroup, r.timepoint};
    for (const auto& c : number_columns()) f.push_back(format_number(r.*(c.field)));
    f.push_back(r.effect_measure);
    f.push_back(r.note);
    out += csv::format_row(f);
  }
  return out;
}

std::vector<RiskOfBiasRow> parse_rob_csv(std::string_view text, const std::string& where) {
  csv::Table t = csv::parse(text, where);
  std::size_t is = t.require_column("study", where);
  std::size_t id = t.require_column("domain", where);
  std::size_t ij = t.require_column("judgement", where);
  auto ie = t.column("extractor");
  auto isup = t.column("support");
  const auto& domains = rob2_domains();
  std::vector<RiskOfBiasRow> rows;
  for (const auto& r : t.rows) {
    RiskOfBiasRow row;
    row.line = r.line;
    row.study = trim(r.fields[is]);
    row.domain = ascii_lower(trim(r.fields[id]));
    row.judgement = ascii_lower(trim(r.fields[ij]));
    if (ie) row.extractor = trim(r.fields[*ie]);
    if (isup) row.support = trim(r.fields[*isup]);
    if (row.study.empty()) throw InputError(where, r.line, "the study column is empty; name the study");
    if (std::find(domains.begin(), domains.end(), row.domain) == domains.end()) {
      throw InputError(where, r.line,
                       "unknown RoB 2 domain '" + row.domain +
                           "'; use randomisation process, deviations from intended interventions, "
                           "missing outcome data, measurement of the outcome, selection of the "
                           "reported result, or overall");
    }
    if (row.judgement != "low" && row.judgement != "some concerns" && row.judgement != "high") {
      throw InputError(where, r.line,
                       "judgement '" + row.judgement + "' is not low, some concerns or high");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string format_rob_csv(const std::vector<RiskOfBiasRow>& rows) {
  std::string out = csv::format_row({"study", "extractor", "domain", "judgement", "support"});
  for (const auto& r : rows) out += csv::format_row({r.study, r.extractor, r.domain, r.judgement, r.support});
  return out;
}

}  // namespace prismaflow::extract
