#include "screen/dedup_store.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"

namespace prismaflow::screen {
namespace {

using Pair = std::pair<std::size_t, std::size_t>;

void log(db::Database& db, const std::string& command, const std::string& action,
         const std::string& entity, std::int64_t id, const nlohmann::json& before,
         const nlohmann::json& after) {
  db::log_event(db, {db::current_actor(), command, action, entity, std::to_string(id),
                     before.is_null() ? "" : before.dump(), after.is_null() ? "" : after.dump()});
}

// Moves `from`'s screening decisions to `to`, one event each (undo reads them).
std::size_t move_decisions(db::Database& db, std::int64_t from, std::int64_t to,
                           std::int64_t link_id, const std::string& command) {
  auto s = db.prepare("SELECT decision_id FROM screening_decisions WHERE record_id = ?");
  s.bind(1, from);
  std::vector<std::int64_t> ids;
  while (s.step()) ids.push_back(s.get_int(0));
  for (auto id : ids) {
    db.run("UPDATE screening_decisions SET record_id = ? WHERE decision_id = ?", to, id);
    log(db, command, "move", "screening_decision", id, {{"record_id", from}, {"link_id", link_id}},
        {{"record_id", to}, {"link_id", link_id}});
  }
  return ids.size();
}

}  // namespace

std::vector<DecisionConflict> decision_conflicts(db::Database& db) {
  auto s = db.prepare(
      "SELECT record_id, stage, reviewer, group_concat(DISTINCT decision) FROM screening_decisions"
      " WHERE superseded = 0 GROUP BY record_id, stage, reviewer"
      " HAVING count(DISTINCT decision) > 1 ORDER BY record_id, stage, reviewer");
  std::vector<DecisionConflict> out;
  while (s.step()) out.push_back({s.get_int(0), s.get_text(1), s.get_text(2), s.get_text(3)});
  return out;
}

DedupRunSummary run_dedup(db::Database& db, const DedupSettings& settings,
                          const std::string& command) {
  DedupRunSummary sum;
  std::vector<DedupKey> keys;
  std::unordered_map<std::int64_t, std::size_t> index;
  {
    auto s = db.prepare(
        "SELECT r.record_id, coalesce(r.doi,''), coalesce(r.pmid,''), r.title, r.authors,"
        " r.journal, coalesce(r.volume,''), coalesce(r.issue,''), coalesce(r.pages,''),"
        " coalesce(r.year,0), r.abstract <> '',"
        " coalesce(r.pmcid,'')"
        " FROM records r WHERE r.deleted = 0 ORDER BY r.record_id");
    while (s.step()) {
      DedupInput in;
      in.id = s.get_int(0);
      in.doi = s.get_text(1);
      in.pmid = s.get_text(2);
      in.title = s.get_text(3);
      in.authors = s.get_text(4);
      in.journal = s.get_text(5);
      in.volume = s.get_text(6);
      in.issue = s.get_text(7);
      in.pages = s.get_text(8);
      in.year = static_cast<int>(s.get_int(9));
      in.has_abstract = s.get_int(10) != 0;
      in.pmcid = s.get_text(11);
      index[in.id] = keys.size();
      keys.push_back(make_dedup_key(in));
    }
  }
  sum.records = keys.size();
  std::vector<Pair> must, cannot;
  auto pair_of = [&](std::int64_t a, std::int64_t b) -> std::optional<Pair> {
    auto ia = index.find(a), ib = index.find(b);
    if (ia == index.end() || ib == index.end()) return std::nullopt;
    return Pair{ia->second, ib->second};
  };
  {
    auto s = db.prepare("SELECT record_a, record_b, status FROM dedup_candidates WHERE status <> 'pending'");
    while (s.step()) {
      if (auto p = pair_of(s.get_int(0), s.get_int(1))) {
        (s.get_text(2) == "duplicate" ? must : cannot).push_back(*p);
      }
    }
  }
  std::unordered_map<std::int64_t, std::pair<std::int64_t, std::int64_t>> active;  // dup -> (kept, link)
  {
    auto s = db.prepare("SELECT duplicate_id, kept_id, link_id FROM duplicate_links WHERE undone_at IS NULL");
    while (s.step()) {
      active[s.get_int(0)] = {s.get_int(1), s.get_int(2)};
      if (auto p = pair_of(s.get_int(0), s.get_int(1))) must.push_back(*p);
    }
  }
  DedupPlan plan = plan_dedup(keys, settings, must, cannot);
  std::map<std::size_t, const MatchedPair*> why;  // record -> the merge that joined it
  for (const auto& m : plan.merges) {
    why.emplace(m.a, &m);
    why.emplace(m.b, &m);
  }
  std::string now = now_utc_iso();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (plan.kept[i] == i) continue;
    std::int64_t dup = keys[i].id, kept = keys[plan.kept[i]].id;
    auto it = active.find(dup);
    if (it != active.end()) {
      if (it->second.first == kept) continue;
      db.run("UPDATE duplicate_links SET undone_at = ? WHERE link_id = ?", now, it->second.second);
      log(db, command, "relink", "duplicate_link", it->second.second,
          {{"duplicate_id", dup}, {"kept_id", it->second.first}}, {{"undone_at", now}});
    }
    const MatchedPair* m = why.count(i) ? why[i] : nullptr;
    std::string method = m ? m->method : "score";
    double score = m ? m->score : 1.0;
    db.run("INSERT INTO duplicate_links(duplicate_id, kept_id, method, score, created_at)"
           " VALUES (?, ?, ?, ?, ?)", dup, kept, method, score, now);
    std::int64_t link = db.last_insert_rowid();
    log(db, command, "merge", "duplicate_link", link, nullptr,
        {{"duplicate_id", dup}, {"kept_id", kept}, {"method", method}, {"score", score}});
    ++sum.new_links;
    sum.decisions_moved += move_decisions(db, dup, kept, link, command);
  }
  for (const auto& p : plan.review) {
    std::int64_t a = std::min(keys[p.a].id, keys[p.b].id), b = std::max(keys[p.a].id, keys[p.b].id);
    std::string reason = p.reason ? p.reason : kScoreBandReason;
    db.run("INSERT OR IGNORE INTO dedup_candidates(record_a, record_b, score, reason) VALUES (?, ?, ?, ?)", a, b,
           p.score, reason);
    if (db.changes() > 0) {
      log(db, command, "insert", "dedup_candidate", a, nullptr,
          {{"record_a", a}, {"record_b", b}, {"score", p.score}, {"reason", reason}});
      continue;
    }
    // Pairs stored before migration 3 gain their reason once; later runs
    // leave it (a second run changes nothing).
    db.run("UPDATE dedup_candidates SET reason = ? WHERE record_a = ? AND record_b = ? AND reason IS NULL"
           " AND status = 'pending'", reason, a, b);
    if (db.changes() > 0) {
      log(db, command, "update", "dedup_candidate", a, {{"record_a", a}, {"record_b", b}, {"reason", nullptr}},
          {{"record_a", a}, {"record_b", b}, {"reason", reason}});
    }
  }
  sum.active_links = static_cast<std::size_t>(
      *db.query_int("SELECT count(*) FROM duplicate_links WHERE undone_at IS NULL"));
  sum.review_pending = static_cast<std::size_t>(
      *db.query_int("SELECT count(*) FROM dedup_candidates WHERE status = 'pending'"));
  sum.conflicts = decision_conflicts(db);
  return sum;
}

std::size_t undo_dedup(db::Database& db, const UndoTarget& t) {
  auto s = db.prepare(
      "SELECT link_id, duplicate_id, kept_id FROM duplicate_links WHERE undone_at IS NULL"
      " AND (?1 = 1 OR link_id = ?2 OR duplicate_id = ?3 OR kept_id = ?3) ORDER BY link_id");
  s.bind(1, t.all ? 1 : 0).bind(2, t.link_id.value_or(-1)).bind(3, t.record_id.value_or(-1));
  std::vector<std::array<std::int64_t, 3>> links;
  while (s.step()) links.push_back({s.get_int(0), s.get_int(1), s.get_int(2)});
  if (links.empty()) {
    throw InputError("no active duplicate link matches; 'prismaflow export records' shows "
                     "duplicate_of for every linked record");
  }
  std::string now = now_utc_iso();
  for (auto [link, dup, kept] : links) {
    db.run("UPDATE duplicate_links SET undone_at = ? WHERE link_id = ?", now, link);
    log(db, "dedup undo", "undo", "duplicate_link", link, {{"duplicate_id", dup}, {"kept_id", kept}},
        {{"undone_at", now}});
    std::int64_t a = std::min(dup, kept), b = std::max(dup, kept);
    db.run("INSERT INTO dedup_candidates(record_a, record_b, score, status, decided_by, decided_at)"
           " VALUES (?, ?, 0, 'distinct', ?, ?) ON CONFLICT(record_a, record_b) DO UPDATE SET"
           " status = 'distinct', decided_by = excluded.decided_by, decided_at = excluded.decided_at",
           a, b, db::current_actor(), now);
    // Decisions this link moved go back to the duplicate.
    auto moved = db.prepare(
        "SELECT entity_id, json_extract(before_json, '$.record_id') FROM events"
        " WHERE entity = 'screening_decision' AND action = 'move'"
        " AND json_extract(before_json, '$.link_id') = ?");
    moved.bind(1, link);
    std::vector<std::pair<std::int64_t, std::int64_t>> back;
    while (moved.step()) back.emplace_back(std::stoll(moved.get_text(0)), moved.get_int(1));
    for (auto [decision, record] : back) {
      db.run("UPDATE screening_decisions SET record_id = ? WHERE decision_id = ?", record, decision);
      log(db, "dedup undo", "move", "screening_decision", decision, {{"record_id", kept}},
          {{"record_id", record}});
    }
  }
  return links.size();
}

std::vector<ReviewPair> pending_pairs(db::Database& db) {
  auto s = db.prepare(
      "SELECT c.record_a, c.record_b, c.score, a.title, b.title, a.authors, b.authors, a.journal,"
      " b.journal, a.year, b.year, coalesce(c.reason, '') FROM dedup_candidates c"
      " JOIN records a ON a.record_id = c.record_a JOIN records b ON b.record_id = c.record_b"
      " WHERE c.status = 'pending' ORDER BY c.score DESC, c.record_a, c.record_b");
  std::vector<ReviewPair> out;
  while (s.step()) {
    ReviewPair p;
    p.record_a = s.get_int(0);
    p.record_b = s.get_int(1);
    p.score = s.get_double(2);
    p.title_a = s.get_text(3);
    p.title_b = s.get_text(4);
    p.authors_a = s.get_text(5);
    p.authors_b = s.get_text(6);
    p.journal_a = s.get_text(7);
    p.journal_b = s.get_text(8);
    if (auto y = s.get_optional_int(9)) p.year_a = static_cast<int>(*y);
    if (auto y = s.get_optional_int(10)) p.year_b = static_cast<int>(*y);
    p.reason = s.get_text(11);
    out.push_back(std::move(p));
  }
  return out;
}

void decide_pair(db::Database& db, std::int64_t a, std::int64_t b, const std::string& status,
                 const std::string& reviewer) {
  if (a > b) std::swap(a, b);
  db.run("UPDATE dedup_candidates SET status = ?, decided_by = ?, decided_at = ?"
         " WHERE record_a = ? AND record_b = ?", status, reviewer, now_utc_iso(), a, b);
  if (db.changes() == 0) {
    throw InputError("records " + std::to_string(a) + " and " + std::to_string(b) +
                     " are not a pair awaiting review; run 'prismaflow dedup review --export' for the list");
  }
  log(db, "dedup review", "decide", "dedup_candidate", a, nullptr,
      {{"record_a", a}, {"record_b", b}, {"status", status}});
}

}  // namespace prismaflow::screen
