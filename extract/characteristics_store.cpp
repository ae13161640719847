#include "extract/characteristics_store.hpp"

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "db/event_log.hpp"

namespace prismaflow::extract {
namespace {

// The value columns of study_characteristics: the text fields, then
// n_randomised, as ", design, setting, ..., n_randomised".
const std::string& value_columns() {
  static const std::string columns = [] {
    std::string c;
    for (const auto& [name, field] : characteristics_text_fields()) c += ", " + name;
    return c + ", n_randomised";
  }();
  return columns;
}

// The event log's before/after of a row.
std::string row_json(const StudyCharacteristics& r) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, field] : characteristics_text_fields()) j[name] = r.*field;
  j["n_randomised"] = r.n_randomised ? nlohmann::json(*r.n_randomised) : nlohmann::json();
  return j.dump();
}

// The value columns from column `first` of a SELECT of value_columns(), into `r`.
void read_columns(const db::Statement& s, int first, StudyCharacteristics& r) {
  for (const auto& [name, field] : characteristics_text_fields()) r.*field = s.get_text(first++);
  r.n_randomised = s.get_optional_int(first);
}

}  // namespace

ImportSummary import_characteristics_rows(db::Database& db,
                                          const std::vector<StudyCharacteristics>& rows,
                                          const std::string& where) {
  const auto included = included_studies(db);
  for (const auto& r : rows) require_included(included, r.study, where, r.line);
  ImportSummary sum;
  db::Transaction tx(db);
  auto find = db.prepare("SELECT extractor" + value_columns() +
                         " FROM study_characteristics WHERE study_id = (SELECT study_id FROM"
                         " studies WHERE name = ?1) AND extractor = ?2");
  // INSERT OR REPLACE: the primary key (study, extractor) names the one row a
  // file line replaces; nothing references study_characteristics.
  std::string params;
  for (std::size_t i = 0; i <= characteristics_text_fields().size(); ++i) params += ", ?";
  auto upsert = db.prepare("INSERT OR REPLACE INTO study_characteristics(study_id, extractor" +
                           value_columns() +
                           ") VALUES ((SELECT study_id FROM studies WHERE name = ?), ?" + params + ")");
  const std::string actor = db::current_actor();
  for (const auto& r : rows) {
    find.bind_all(r.study, r.extractor);
    std::string before;
    if (find.step()) {
      StudyCharacteristics old = r;
      read_columns(find, 1, old);
      before = row_json(old);
    }
    find.reset();
    const std::string after = row_json(r);
    if (before == after) {
      ++sum.unchanged;
      continue;
    }
    upsert.bind(1, r.study);
    upsert.bind(2, r.extractor);
    int i = 3;
    for (const auto& [name, field] : characteristics_text_fields()) upsert.bind(i++, r.*field);
    upsert.bind(i, r.n_randomised);
    upsert.run();
    (before.empty() ? sum.inserted : sum.updated)++;
    db::log_event(db, {actor, "extract import", before.empty() ? "insert" : "update",
                       "study_characteristics", r.study + (r.extractor.empty() ? "" : "/" + r.extractor),
                       before, after});
  }
  tx.commit();
  return sum;
}

std::vector<StudyCharacteristics> load_characteristics_rows(db::Database& db) {
  auto s = db.prepare("SELECT st.name, c.extractor" + value_columns() +
                      " FROM study_characteristics c JOIN studies st USING (study_id)"
                      " ORDER BY st.name, c.extractor");
  std::vector<StudyCharacteristics> out;
  while (s.step()) {
    StudyCharacteristics r;
    r.study = s.get_text(0);
    r.extractor = s.get_text(1);
    read_columns(s, 2, r);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace prismaflow::extract
