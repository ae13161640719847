#include "analyze/analysis_store.hpp"

#include "common/clock.hpp"
#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"

namespace prismaflow::analyze {

bool save_analysis(db::Database& db, const StoredAnalysis& a) {
  auto outcome_id = db.query_int("SELECT outcome_id FROM outcomes WHERE name = ?", a.outcome);
  if (!outcome_id) {
    throw Error("outcome '" + a.outcome + "' is not in the database; import its data first");
  }
  std::string json = a.result.dump();
  auto find = db.prepare(
      "SELECT result_json, input_sha256 FROM analyses WHERE outcome_id = ? AND measure = ? AND"
      " method = ? AND test = ? AND level = ?");
  find.bind_all(*outcome_id, a.measure, a.method, a.test, a.level);
  std::string before;
  if (find.step()) {
    if (find.get_text(0) == json && find.get_text(1) == a.input_sha256) return false;
    before = find.get_text(0);
  }
  db.run("INSERT INTO analyses(outcome_id, measure, method, test, level, input_sha256, result_json,"
         " software, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
         " ON CONFLICT(outcome_id, measure, method, test, level) DO UPDATE SET"
         " input_sha256 = ?6, result_json = ?7, software = ?8, created_at = ?9",
         *outcome_id, a.measure, a.method, a.test, a.level, a.input_sha256, json, a.software,
         now_utc_iso());
  db::log_event(db, {db::current_actor(), "analyze", before.empty() ? "insert" : "update",
                     "analysis", a.outcome + "/" + a.measure + "/" + a.method + "/" + a.test,
                     before, json});
  return true;
}

std::vector<StoredAnalysis> load_analyses(db::Database& db) {
  auto s = db.prepare(
      "SELECT o.name, a.measure, a.method, a.test, a.level, a.input_sha256, a.result_json,"
      " a.software FROM analyses a JOIN outcomes o USING (outcome_id)"
      " ORDER BY o.name, a.measure, a.method, a.test, a.level");
  std::vector<StoredAnalysis> out;
  while (s.step()) {
    StoredAnalysis a;
    a.outcome = s.get_text(0);
    a.measure = s.get_text(1);
    a.method = s.get_text(2);
    a.test = s.get_text(3);
    a.level = s.get_double(4);
    a.input_sha256 = s.get_text(5);
    a.result = nlohmann::json::parse(s.get_text(6));
    a.software = s.get_text(7);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace prismaflow::analyze
