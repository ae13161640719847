// The `meta` CSV reader: detects the data shape from the header and turns
// every row into a MetaStudyInput that remembers its line for messages.
#include "analyze/meta_csv.hpp"

#include <charconv>
#include <optional>

#include "common/csv.hpp"
#include "common/error.hpp"

namespace prismaflow::analyze {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

double number(const csv::Row& row, std::size_t col, const std::string& name, const std::string& where) {
  std::string_view cell = trim(row.fields[col]);
  if (cell.empty())
    throw InputError(where, row.line, "column '" + name + "' is empty; every cell needs a number");
  if (cell.front() == '+') cell.remove_prefix(1);
  double x = 0;
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
  if (ec != std::errc() || end != cell.data() + cell.size())
    throw InputError(where, row.line,
                     "column '" + name + "' is '" + std::string(trim(row.fields[col])) + "', not a number");
  return x;
}

constexpr const char* kBinary[] = {"events_t", "total_t", "events_c", "total_c"};
constexpr const char* kContinuous[] = {"mean_t", "sd_t", "n_t", "mean_c", "sd_c", "n_c"};
constexpr const char* kGeneric[] = {"yi", "vi"};

template <std::size_t N>
std::vector<std::size_t> columns(const csv::Table& t, const char* const (&names)[N], const std::string& where) {
  std::vector<std::size_t> idx;
  for (const char* n : names) {
    auto c = t.column(n);
    if (!c) {
      std::string want;
      for (const char* m : names) want += std::string(",") + m;
      throw InputError(where, t.header_line,
                       std::string("missing header column '") + n + "'; the header must be study" + want);
    }
    idx.push_back(*c);
  }
  return idx;
}

}  // namespace

std::vector<MetaStudyInput> parse_meta_csv(std::string_view text, const std::string& where) {
  csv::Table t = csv::parse(text, where);
  auto study = t.column("study");
  if (!study)
    throw InputError(where, t.header_line,
                     "missing header column 'study'; the first column must be the study label");
  auto subgroup = t.column("subgroup");
  enum class Shape { Binary, Continuous, Generic } shape;
  std::vector<std::size_t> idx;
  if (t.column("events_t") || t.column("total_t") || t.column("events_c") || t.column("total_c")) {
    shape = Shape::Binary;
    idx = columns(t, kBinary, where);
  } else if (t.column("mean_t") || t.column("sd_t") || t.column("n_t")) {
    shape = Shape::Continuous;
    idx = columns(t, kContinuous, where);
  } else if (t.column("yi") || t.column("vi")) {
    shape = Shape::Generic;
    idx = columns(t, kGeneric, where);
  } else {
    throw InputError(where, t.header_line,
                     "header names no known data shape; use study,events_t,total_t,events_c,total_c "
                     "(binary), study,mean_t,sd_t,n_t,mean_c,sd_c,n_c (continuous) or study,yi,vi (generic)");
  }
  std::vector<MetaStudyInput> rows;
  rows.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    MetaStudyInput in;
    in.line = row.line;
    in.study = std::string(trim(row.fields[*study]));
    if (in.study.empty()) throw InputError(where, row.line, "the study label is empty; every row needs one");
    if (subgroup) in.subgroup = std::string(trim(row.fields[*subgroup]));
    auto v = [&](std::size_t i, const char* name) { return number(row, idx[i], name, where); };
    if (shape == Shape::Binary) {
      in.data = BinaryCounts{v(0, kBinary[0]), v(1, kBinary[1]), v(2, kBinary[2]), v(3, kBinary[3])};
    } else if (shape == Shape::Continuous) {
      in.data = ContinuousArms{v(0, kContinuous[0]), v(1, kContinuous[1]), v(2, kContinuous[2]),
                               v(3, kContinuous[3]), v(4, kContinuous[4]), v(5, kContinuous[5])};
    } else {
      in.data = GenericEffect{v(0, kGeneric[0]), v(1, kGeneric[1])};
    }
    rows.push_back(std::move(in));
  }
  if (rows.empty()) throw InputError(where, t.header_line, "no data rows after the header; add one row per study");
  return rows;
}

}  // namespace prismaflow::analyze
