#include "screen/ranking_store.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "common/clock.hpp"
#include "common/hash.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"

namespace prismaflow::screen {

std::vector<TrainingLabel> load_training_labels(db::Database& db, Stage stage) {
  struct Votes {
    int include = 0, exclude = 0;
    std::optional<bool> resolution;
  };
  std::map<std::int64_t, Votes> votes;
  auto st = db.prepare(
      "SELECT record_id, role, decision FROM screening_decisions "
      "WHERE stage = ? AND superseded = 0 AND decision IN ('include','exclude') "
      "AND role IN ('reviewer','resolution') ORDER BY decided_at, decision_id");
  st.bind(1, stage_code(stage));
  while (st.step()) {
    Votes& v = votes[st.get_int(0)];
    const bool include = st.get_text(2) == "include";
    if (st.get_text(1) == "resolution") v.resolution = include;  // the latest one wins
    else ++(include ? v.include : v.exclude);
  }
  std::vector<TrainingLabel> out;
  for (const auto& [id, v] : votes) {
    if (v.resolution) out.push_back({id, *v.resolution});
    else if (v.include > 0 && v.exclude == 0) out.push_back({id, true});
    else if (v.exclude > 0 && v.include == 0) out.push_back({id, false});
  }
  return out;
}

std::unordered_map<std::int64_t, std::string> load_record_texts(
    db::Database& db, const std::vector<std::int64_t>& ids) {
  const std::unordered_set<std::int64_t> wanted(ids.begin(), ids.end());
  std::unordered_map<std::int64_t, std::string> out;
  // One scan beats one lookup per id once a review has thousands of records.
  auto st = db.prepare("SELECT record_id, title, abstract, keywords FROM records");
  while (st.step()) {
    const std::int64_t id = st.get_int(0);
    if (!wanted.count(id)) continue;
    std::string text = st.get_text(1);
    for (int c : {2, 3}) {
      std::string part = st.get_text(c);
      if (part.empty()) continue;
      if (!text.empty()) text += ' ';
      text += part;
    }
    out.emplace(id, std::move(text));
  }
  return out;
}

std::vector<std::pair<std::int64_t, DocumentText>> load_all_record_texts(db::Database& db) {
  std::vector<std::pair<std::int64_t, DocumentText>> out;
  auto st = db.prepare(
      "SELECT record_id, title, abstract || CASE WHEN abstract = '' OR keywords = '' THEN '' "
      "ELSE ' ' END || keywords FROM records ORDER BY record_id");
  while (st.step()) out.emplace_back(st.get_int(0), DocumentText{st.get_text(1), st.get_text(2)});
  return out;
}

std::string labels_sha256(const std::vector<TrainingLabel>& labels) {
  std::vector<TrainingLabel> sorted = labels;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.record_id < b.record_id; });
  std::string text;
  for (const auto& l : sorted)
    text += std::to_string(l.record_id) + (l.included ? ",include\n" : ",exclude\n");
  return sha256_hex(text);
}

std::int64_t record_ranking_run(db::Database& db, const RankingRunRow& row) {
  db::Transaction tx(db);
  const std::string now = now_utc_iso();
  db.run("INSERT INTO ranking_runs(stage, model, settings_json, n_included, n_excluded, "
         "decisions_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
         std::string(stage_code(row.stage)), row.model, row.settings_json, row.n_included,
         row.n_excluded, row.decisions_sha256, now);
  const std::int64_t id = db.last_insert_rowid();
  nlohmann::json after = {{"stage", stage_code(row.stage)}, {"model", row.model},
                          {"n_included", row.n_included}, {"n_excluded", row.n_excluded},
                          {"decisions_sha256", row.decisions_sha256}};
  db::log_event(db, {db::current_actor(), "screen", "insert", "ranking_run", std::to_string(id),
                     "", after.dump()});
  tx.commit();
  return id;
}

std::vector<bool> load_decision_sequence(db::Database& db, Stage stage) {
  std::vector<bool> out;
  auto st = db.prepare(
      "SELECT decision FROM screening_decisions WHERE stage = ? AND superseded = 0 "
      "AND decision IN ('include','exclude') AND role IN ('reviewer','resolution') "
      "ORDER BY decided_at, decision_id");
  st.bind(1, stage_code(stage));
  while (st.step()) out.push_back(st.get_text(0) == "include");
  return out;
}

}  // namespace prismaflow::screen
