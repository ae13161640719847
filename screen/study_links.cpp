#include "screen/study_links.hpp"

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"

namespace prismaflow::screen {

std::int64_t link_reports(db::Database& db, const std::vector<std::int64_t>& record_ids,
                          const std::string& study_name) {
  if (study_name.empty()) throw InputError("the study name is empty; give --study NAME");
  db::Transaction tx(db);
  std::string now = now_utc_iso();
  auto study = db.query_int("SELECT study_id FROM studies WHERE name = ?", study_name);
  if (!study) {
    db.run("INSERT INTO studies(name, created_at) VALUES (?, ?)", study_name, now);
    study = db.last_insert_rowid();
    db::log_event(db, {db::current_actor(), "study link", "insert", "study",
                       std::to_string(*study), "", nlohmann::json{{"name", study_name}}.dump()});
  }
  for (auto id : record_ids) {
    if (!db.query_int("SELECT 1 FROM records WHERE record_id = ?", id)) {
      throw InputError("record " + std::to_string(id) +
                       " does not exist; nothing was linked (see 'prismaflow export records')");
    }
    auto before = db.query_int("SELECT study_id FROM study_reports WHERE record_id = ?", id);
    if (before == study) continue;
    db.run("INSERT INTO study_reports(record_id, study_id, linked_at) VALUES (?, ?, ?)"
           " ON CONFLICT(record_id) DO UPDATE SET study_id = excluded.study_id,"
           " linked_at = excluded.linked_at",
           id, *study, now);
    db::log_event(db, {db::current_actor(), "study link", before ? "update" : "insert",
                       "study_report", std::to_string(id),
                       before ? nlohmann::json{{"study_id", *before}}.dump() : "",
                       nlohmann::json{{"study_id", *study}}.dump()});
  }
  tx.commit();
  return *study;
}

std::int64_t unlink_reports(db::Database& db, const std::vector<std::int64_t>& record_ids) {
  db::Transaction tx(db);
  std::int64_t removed = 0;
  for (auto id : record_ids) {
    auto study = db.query_int("SELECT study_id FROM study_reports WHERE record_id = ?", id);
    if (!study) continue;
    db.run("DELETE FROM study_reports WHERE record_id = ?", id);
    db::log_event(db, {db::current_actor(), "study unlink", "delete", "study_report",
                       std::to_string(id), nlohmann::json{{"study_id", *study}}.dump(), ""});
    ++removed;
    // A study with no report and no data is an empty name: drop it.
    db.run("DELETE FROM studies WHERE study_id = ?1 AND NOT EXISTS (SELECT 1 FROM study_reports"
           " WHERE study_id = ?1) AND NOT EXISTS (SELECT 1 FROM outcome_data WHERE study_id = ?1)"
           " AND NOT EXISTS (SELECT 1 FROM risk_of_bias WHERE study_id = ?1)",
           *study);
  }
  tx.commit();
  return removed;
}

std::vector<StudyListing> list_studies(db::Database& db) {
  std::vector<StudyListing> out;
  auto s = db.prepare(
      "SELECT s.study_id, s.name, r.record_id FROM studies s LEFT JOIN study_reports r"
      " ON r.study_id = s.study_id ORDER BY s.name, r.record_id");
  while (s.step()) {
    if (out.empty() || out.back().study_id != s.get_int(0)) {
      out.push_back({s.get_int(0), s.get_text(1), {}});
    }
    if (!s.is_null(2)) out.back().record_ids.push_back(s.get_int(2));
  }
  return out;
}

}  // namespace prismaflow::screen
