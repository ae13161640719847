// RFC 4180 reader: a small state machine over the bytes, tracking lines.
#include "common/csv.hpp"

#include <algorithm>
#include <cctype>

#include "common/error.hpp"

namespace prismaflow::csv {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_blank(const std::vector<std::string>& fields) {
  return fields.size() == 1 && fields[0].find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

std::optional<std::size_t> Table::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (iequals(header[i], name)) return i;
  }
  return std::nullopt;
}

std::size_t Table::require_column(std::string_view name, const std::string& where) const {
  if (auto i = column(name)) return *i;
  throw InputError(where, header_line,
                   "missing column '" + std::string(name) + "'; the header must name it");
}

Table parse(std::string_view text, const std::string& where, char delimiter) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Row> rows;
  Row row;
  std::string field;
  std::size_t line = 1;
  bool in_quotes = false;
  bool field_was_quoted = false;
  row.line = 1;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
  };
  auto end_row = [&] {
    end_field();
    if (!is_blank(row.fields)) rows.push_back(std::move(row));
    row = Row{};
  };
  std::size_t quote_line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_was_quoted) {
      in_quotes = true;
      field_was_quoted = true;
      quote_line = line;
    } else if (c == delimiter) {
      end_field();
    } else if (c == '\r') {
      // CRLF or bare CR both end the row.
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      row.line = ++line;
    } else if (c == '\n') {
      end_row();
      row.line = ++line;
    } else {
      field += c;
    }
  }
  if (in_quotes) {
    throw InputError(where, quote_line,
                     "quoted field is never closed; check for a stray '\"'");
  }
  if (!field.empty() || !row.fields.empty()) end_row();

  Table table;
  if (rows.empty()) throw InputError(where, 0, "file is empty; expected a header row");
  table.header_line = rows.front().line;
  table.header = std::move(rows.front().fields);
  for (auto& h : table.header) {
    auto b = h.find_first_not_of(" \t");
    auto e = h.find_last_not_of(" \t");
    h = b == std::string::npos ? std::string() : h.substr(b, e - b + 1);
  }
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].fields.size() != table.header.size()) {
      throw InputError(where, rows[i].line,
                       "row has " + std::to_string(rows[i].fields.size()) +
                           " fields but the header has " +
                           std::to_string(table.header.size()) +
                           "; quote fields that contain the delimiter");
    }
    table.rows.push_back(std::move(rows[i]));
  }
  return table;
}

std::string escape(std::string_view field, char delimiter) {
  bool needs = field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string_view::npos;
  if (!needs) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string trim(std::string_view cell) {
  const auto b = cell.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = cell.find_last_not_of(" \t");
  return std::string(cell.substr(b, e - b + 1));
}

std::string ascii_lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string format_row(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += delimiter;
    out += escape(fields[i], delimiter);
  }
  out += '\n';
  return out;
}

}  // namespace prismaflow::csv
