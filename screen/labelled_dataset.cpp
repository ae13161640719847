#include "screen/labelled_dataset.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/csv.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "screen/zip_archive.hpp"

namespace prismaflow::screen {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool parse_label(std::string_view raw, const std::string& where, std::size_t line,
                 const std::string& column) {
  std::string v = lower(raw);
  v.erase(0, v.find_first_not_of(" \t"));
  v.erase(v.find_last_not_of(" \t") + 1);
  if (v == "1" || v == "true" || v == "yes" || v == "include" || v == "included") return true;
  if (v == "0" || v == "false" || v == "no" || v == "exclude" || v == "excluded") return false;
  throw InputError(where, line, "label '" + std::string(raw) + "' in column " + column +
                                    " is not 0 or 1; every record needs a final label");
}

std::size_t find_label_column(const csv::Table& t, const std::string& where,
                              const std::string& wanted) {
  if (!wanted.empty()) return t.require_column(wanted, where);
  for (const char* name : {"label_included", "included", "label"})
    if (auto c = t.column(name)) return *c;
  throw InputError(where, t.header_line,
                   "no label column (label_included, included or label); name it with --label");
}

std::string dataset_name(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path)) return path.filename().string();
  if (path.filename() == "labels.csv") return path.parent_path().filename().string();
  return path.stem().string();
}

LabelledDataset load_synergy(const std::filesystem::path& dir, const std::filesystem::path& labels,
                             const std::string& label_column) {
  const std::string where = labels.string();
  csv::Table t = csv::parse(read_file(labels), where);
  const std::size_t id_col = t.require_column("openalex_id", where);
  const std::size_t label_col = find_label_column(t, where, label_column);

  std::unordered_map<std::string, OpenAlexWork> works;
  std::vector<std::filesystem::path> zips;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string f = e.path().filename().string();
    if (f.rfind("works", 0) == 0 && e.path().extension() == ".zip") zips.push_back(e.path());
  }
  if (zips.empty())
    throw InputError(where, 0, "a SYNERGY labels file needs works_*.zip beside it; none in " +
                                   dir.string());
  std::sort(zips.begin(), zips.end());
  for (const auto& z : zips) {
    for (const ZipMember& m : read_zip(read_file(z), z.string())) {
      if (m.name.size() < 5 || m.name.substr(m.name.size() - 5) != ".json") continue;
      for (OpenAlexWork& w : parse_openalex_works(m.data, z.string() + ":" + m.name))
        works[w.id] = std::move(w);
    }
  }

  LabelledDataset ds;
  ds.name = dataset_name(dir);
  ds.label_column = t.header[label_col];
  for (const auto& row : t.rows) {
    const std::string& id = row.fields[id_col];
    auto it = works.find(id);
    if (it == works.end())
      throw InputError(where, row.line, "work " + id + " is not in the works_*.zip files; "
                                        "use the labels.csv of the same SYNERGY release");
    ds.records.push_back({id, it->second.title, it->second.abstract, {},
                          parse_label(row.fields[label_col], where, row.line, ds.label_column)});
  }
  return ds;
}

}  // namespace

DocumentText LabelledRecord::document() const {
  DocumentText d{title, abstract};
  if (!keywords.empty()) d.body += d.body.empty() ? keywords : ' ' + keywords;
  return d;
}

std::size_t LabelledDataset::n_included() const {
  return static_cast<std::size_t>(std::count_if(records.begin(), records.end(),
                                                [](const LabelledRecord& r) { return r.included; }));
}

LabelledDataset parse_labelled_csv(std::string_view text, const std::string& where,
                                   const std::string& label_column) {
  csv::Table t = csv::parse(text, where);
  const std::size_t label_col = find_label_column(t, where, label_column);
  const auto title_col = t.column("title");
  const auto abstract_col = t.column("abstract");
  if (!title_col && !abstract_col)
    throw InputError(where, t.header_line, "no title or abstract column; the model needs text");
  std::optional<std::size_t> keywords_col = t.column("keywords");
  std::optional<std::size_t> id_col;
  for (const char* name : {"record_id", "id", "pubmedID", "pmid", "openalex_id", "doi"})
    if ((id_col = t.column(name))) break;

  LabelledDataset ds;
  ds.label_column = t.header[label_col];
  ds.records.reserve(t.rows.size());
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    LabelledRecord r;
    r.id = id_col ? row.fields[*id_col] : std::to_string(i + 1);
    if (title_col) r.title = row.fields[*title_col];
    if (abstract_col) r.abstract = row.fields[*abstract_col];
    if (keywords_col) r.keywords = row.fields[*keywords_col];
    r.included = parse_label(row.fields[label_col], where, row.line, ds.label_column);
    ds.records.push_back(std::move(r));
  }
  return ds;
}

std::string rebuild_abstract(const std::vector<std::pair<std::string, std::vector<int>>>& index) {
  std::map<int, const std::string*> at;
  for (const auto& [word, positions] : index)
    for (int p : positions) at[p] = &word;
  std::string out;
  for (const auto& [p, word] : at) {
    if (!out.empty()) out += ' ';
    out += *word;
  }
  return out;
}

std::vector<OpenAlexWork> parse_openalex_works(std::string_view json, const std::string& where) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(where, 0, std::string("malformed JSON (") + e.what() + ")");
  }
  if (!doc.is_array()) throw InputError(where, 0, "expected a JSON array of OpenAlex works");
  std::vector<OpenAlexWork> works;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const auto& w = doc[i];
    if (!w.is_object() || !w.contains("id") || !w["id"].is_string())
      throw InputError(where, 0, "work " + std::to_string(i + 1) + " has no string \"id\"");
    OpenAlexWork out;
    out.id = w["id"].get<std::string>();
    if (w.contains("title") && w["title"].is_string()) out.title = w["title"].get<std::string>();
    if (w.contains("abstract_inverted_index") && w["abstract_inverted_index"].is_object()) {
      std::vector<std::pair<std::string, std::vector<int>>> index;
      for (const auto& [word, positions] : w["abstract_inverted_index"].items()) {
        if (!positions.is_array())
          throw InputError(where, 0, "work " + out.id + ": inverted index entry is not a list");
        index.emplace_back(word, positions.get<std::vector<int>>());
      }
      out.abstract = rebuild_abstract(index);
    }
    works.push_back(std::move(out));
  }
  return works;
}

LabelledDataset load_labelled_dataset(const std::filesystem::path& path,
                                      const std::string& label_column) {
  if (std::filesystem::is_directory(path)) {
    if (!std::filesystem::exists(path / "labels.csv"))
      throw InputError(path.string(), 0, "folder has no labels.csv; give a CSV file or a "
                                         "SYNERGY folder (labels.csv + works_*.zip)");
    return load_synergy(path, path / "labels.csv", label_column);
  }
  const std::string text = read_file(path);
  // A SYNERGY labels file has ids but no text; its works sit beside it.
  csv::Table head = csv::parse(text.substr(0, text.find('\n') + 1), path.string());
  if (head.column("openalex_id") && !head.column("title") && !head.column("abstract"))
    return load_synergy(path.parent_path().empty() ? "." : path.parent_path(), path, label_column);
  LabelledDataset ds = parse_labelled_csv(text, path.string(), label_column);
  ds.name = dataset_name(path);
  return ds;
}

}  // namespace prismaflow::screen
