#include "extract/characteristics_store.hpp"

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "db/event_log.hpp"

namespace prismaflow::extract {
namespace {

constexpr const char* kColumns =
    "design, setting, participants, n_randomised, interventions, comparators, outcomes,"
    " registration, funding, notes";

// The event log's before/after of a row.
std::string row_json(const StudyCharacteristics& r) {
  nlohmann::json j = {{"design", r.design},           {"setting", r.setting},
                      {"participants", r.participants}, {"interventions", r.interventions},
                      {"comparators", r.comparators}, {"outcomes", r.outcomes},
                      {"registration", r.registration}, {"funding", r.funding},
                      {"notes", r.notes}};
  j["n_randomised"] = r.n_randomised ? nlohmann::json(*r.n_randomised) : nlohmann::json();
  return j.dump();
}

// Columns 0.. of a SELECT of kColumns, into `r`.
void read_columns(const db::Statement& s, int first, StudyCharacteristics& r) {
  r.design = s.get_text(first);
  r.setting = s.get_text(first + 1);
  r.participants = s.get_text(first + 2);
  r.n_randomised = s.get_optional_int(first + 3);
  r.interventions = s.get_text(first + 4);
  r.comparators = s.get_text(first + 5);
  r.outcomes = s.get_text(first + 6);
  r.registration = s.get_text(first + 7);
  r.funding = s.get_text(first + 8);
  r.notes = s.get_text(first + 9);
}

}  // namespace

ImportSummary import_characteristics_rows(db::Database& db,
                                          const std::vector<StudyCharacteristics>& rows,
                                          const std::string& where) {
  const auto included = included_studies(db);
  for (const auto& r : rows) require_included(included, r.study, where, r.line);
  ImportSummary sum;
  db::Transaction tx(db);
  auto find = db.prepare(std::string("SELECT ") + kColumns +
                         " FROM study_characteristics WHERE study_id = (SELECT study_id FROM"
                         " studies WHERE name = ?1) AND extractor = ?2");
  auto upsert = db.prepare(
      std::string("INSERT INTO study_characteristics(study_id, extractor, ") + kColumns +
      ") VALUES ((SELECT study_id FROM studies WHERE name = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
      " ?10, ?11, ?12) ON CONFLICT(study_id, extractor) DO UPDATE SET design = ?3, setting = ?4,"
      " participants = ?5, n_randomised = ?6, interventions = ?7, comparators = ?8,"
      " outcomes = ?9, registration = ?10, funding = ?11, notes = ?12");
  const std::string actor = db::current_actor();
  for (const auto& r : rows) {
    find.bind_all(r.study, r.extractor);
    std::string before;
    if (find.step()) {
      StudyCharacteristics old = r;
      read_columns(find, 0, old);
      before = row_json(old);
    }
    find.reset();
    const std::string after = row_json(r);
    if (before == after) {
      ++sum.unchanged;
      continue;
    }
    upsert.bind_all(r.study, r.extractor, r.design, r.setting, r.participants, r.n_randomised,
                    r.interventions, r.comparators, r.outcomes, r.registration, r.funding,
                    r.notes);
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
  auto s = db.prepare(std::string("SELECT st.name, c.extractor, ") + kColumns +
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
