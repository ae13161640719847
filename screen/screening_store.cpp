// Screening decisions in SQLite: supersede-on-write, undo, the reasons table
// and the per-record screening state that the queue and the ledger read.
#include "screen/screening_store.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "fetch/record_store.hpp"

namespace prismaflow::screen {
namespace {

constexpr std::string_view kDecisionColumns =
    "decision_id, record_id, stage, reviewer, role, decision, coalesce(reason,''),"
    " coalesce(note,''), decided_at";

DecisionRow read_row(db::Statement& s) {
  DecisionRow r;
  r.decision_id = s.get_int(0);
  r.record_id = s.get_int(1);
  r.stage = parse_stage(s.get_text(2));
  r.reviewer = s.get_text(3);
  r.role = parse_role(s.get_text(4));
  r.decision = parse_decision(s.get_text(5));
  r.reason = s.get_text(6);
  r.note = s.get_text(7);
  r.decided_at = s.get_text(8);
  return r;
}

std::string row_json(const DecisionRow& r) {
  nlohmann::json j{{"decision_id", r.decision_id}, {"record_id", r.record_id},
                   {"stage", stage_code(r.stage)}, {"reviewer", r.reviewer},
                   {"role", role_code(r.role)},    {"decision", decision_code(r.decision)},
                   {"reason", r.reason},           {"note", r.note},
                   {"decided_at", r.decided_at}};
  return j.dump();
}

std::vector<DecisionRow> rows_of_record(db::Database& db, std::int64_t record_id, Stage stage) {
  auto s = db.prepare(std::string("SELECT ") + std::string(kDecisionColumns) +
                      " FROM screening_decisions WHERE record_id = ? AND stage = ? AND superseded = 0"
                      " ORDER BY decision_id");
  s.bind_all(record_id, std::string(stage_code(stage)));
  std::vector<DecisionRow> out;
  while (s.step()) out.push_back(read_row(s));
  return out;
}

}  // namespace

bool record_exists(db::Database& db, std::int64_t record_id) {
  return db.query_int("SELECT 1 FROM records WHERE record_id = ?", record_id).has_value();
}

std::optional<std::int64_t> find_record_by_pmid(db::Database& db, std::string_view pmid) {
  if (pmid.empty()) return std::nullopt;
  return db.query_int(
      "SELECT r.record_id FROM records r WHERE r.pmid = ? ORDER BY EXISTS(SELECT 1 FROM"
      " duplicate_links d WHERE d.duplicate_id = r.record_id AND d.undone_at IS NULL),"
      " r.record_id LIMIT 1",
      std::string(pmid));
}

std::optional<std::int64_t> find_record_by_doi(db::Database& db, std::string_view doi) {
  std::string norm = fetch::normalize_doi(doi);
  if (norm.empty()) return std::nullopt;
  return db.query_int(
      "SELECT r.record_id FROM records r WHERE r.doi = ? ORDER BY EXISTS(SELECT 1 FROM"
      " duplicate_links d WHERE d.duplicate_id = r.record_id AND d.undone_at IS NULL),"
      " r.record_id LIMIT 1",
      norm);
}

std::string validate_decision(db::Database& db, const Protocol& protocol, const NewDecision& d) {
  if (!record_exists(db, d.record_id)) {
    return "record " + std::to_string(d.record_id) +
           " does not exist; see 'prismaflow export records' for record ids";
  }
  if (d.reviewer.empty()) return "no reviewer named; every decision needs one";
  if (d.decision == Decision::kNotRetrieved && d.stage != Stage::kFullText) {
    return "not_retrieved is a full-text decision; use --stage ft";
  }
  if (d.role == Role::kAutomation) return "";
  if (d.stage == Stage::kFullText) {
    if (d.reason.empty() &&
        (d.decision == Decision::kExclude || d.decision == Decision::kNotRetrieved)) {
      return "a full-text " + std::string(decision_code(d.decision)) +
             " needs a reason (PRISMA counts reports excluded per reason)";
    }
    Consensus ta = consensus_of(rows_of_record(db, d.record_id, Stage::kTitleAbstract),
                                protocol.screening.reviewers_per_record);
    if (ta.state != ConsensusState::kFinal || ta.decision != Decision::kInclude) {
      return "record " + std::to_string(d.record_id) +
             " is not included at title/abstract; only included records are assessed at full text";
    }
  }
  return "";
}

void sync_protocol_reasons(db::Database& db, const Protocol& protocol) {
  auto s = db.prepare(
      "INSERT OR IGNORE INTO exclusion_reasons(reason, origin, created_at) VALUES (?, 'protocol', ?)");
  std::string now = now_utc_iso();
  for (const auto& reason : protocol.screening.exclusion_reasons) {
    s.reset();
    s.bind_all(reason, now);
    s.run();
  }
}

WriteResult write_decision(db::Database& db, const Protocol& protocol, const NewDecision& d,
                           std::string_view command) {
  if (auto problem = validate_decision(db, protocol, d); !problem.empty()) {
    throw InputError(problem);
  }
  WriteResult result;
  std::string stage(stage_code(d.stage));
  std::string role(role_code(d.role));
  std::optional<DecisionRow> current;
  {
    auto s = db.prepare(std::string("SELECT ") + std::string(kDecisionColumns) +
                        " FROM screening_decisions WHERE record_id = ? AND stage = ? AND reviewer = ?"
                        " AND role = ? AND superseded = 0 ORDER BY decision_id DESC LIMIT 1");
    s.bind_all(d.record_id, stage, d.reviewer, role);
    if (s.step()) current = read_row(s);
  }
  if (current && current->decision == d.decision && current->reason == d.reason &&
      current->note == d.note) {
    result.decision_id = current->decision_id;
    result.unchanged = true;
    return result;
  }
  if (!d.reason.empty() && d.role != Role::kAutomation && d.decision == Decision::kExclude) {
    sync_protocol_reasons(db, protocol);
    if (!db.query_int("SELECT 1 FROM exclusion_reasons WHERE reason = ?", d.reason)) {
      db.run("INSERT INTO exclusion_reasons(reason, origin, created_at) VALUES (?, 'added', ?)",
             d.reason, now_utc_iso());
      result.reason_added = true;
    }
  }
  if (current) {
    db.run("UPDATE screening_decisions SET superseded = 1 WHERE decision_id = ?",
           current->decision_id);
  }
  std::string at = d.decided_at.empty() ? now_utc_iso() : d.decided_at;
  auto ins = db.prepare(
      "INSERT INTO screening_decisions(record_id, stage, reviewer, role, decision, reason, note,"
      " decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind_all(d.record_id, stage, d.reviewer, role, std::string(decision_code(d.decision)));
  if (d.reason.empty()) ins.bind(6, nullptr); else ins.bind(6, d.reason);
  if (d.note.empty()) ins.bind(7, nullptr); else ins.bind(7, d.note);
  ins.bind(8, at);
  ins.run();
  result.decision_id = db.last_insert_rowid();
  DecisionRow after{result.decision_id, d.record_id, d.stage, d.reviewer, d.role,
                    d.decision,         d.reason,    d.note,  at};
  db::log_event(db, {d.reviewer, std::string(command), current ? "supersede" : "insert",
                     "screening_decision", std::to_string(result.decision_id),
                     current ? row_json(*current) : "", row_json(after)});
  return result;
}

WriteResult record_decision(db::Database& db, const Protocol& protocol, const NewDecision& d,
                            std::string_view command) {
  db::Transaction tx(db);
  auto r = write_decision(db, protocol, d, command);
  tx.commit();
  return r;
}

std::optional<std::int64_t> undo_last_decision(db::Database& db, Stage stage,
                                               std::string_view reviewer,
                                               std::string_view command) {
  db::Transaction tx(db);
  std::string st(stage_code(stage));
  auto s = db.prepare(std::string("SELECT ") + std::string(kDecisionColumns) +
                      " FROM screening_decisions WHERE stage = ? AND reviewer = ? AND role <> "
                      "'automation' AND superseded = 0 ORDER BY decision_id DESC LIMIT 1");
  s.bind_all(st, std::string(reviewer));
  if (!s.step()) return std::nullopt;
  DecisionRow last = read_row(s);
  db.run("UPDATE screening_decisions SET superseded = 1 WHERE decision_id = ?", last.decision_id);
  // The decision it had replaced (same reviewer, role, record, stage) is current again.
  auto prev = db.query_int(
      "SELECT max(decision_id) FROM screening_decisions WHERE record_id = ? AND stage = ? AND"
      " reviewer = ? AND role = ? AND decision_id < ?",
      last.record_id, st, std::string(reviewer), std::string(role_code(last.role)),
      last.decision_id);
  if (prev) db.run("UPDATE screening_decisions SET superseded = 0 WHERE decision_id = ?", *prev);
  db::log_event(db, {std::string(reviewer), std::string(command), "undo", "screening_decision",
                     std::to_string(last.decision_id), row_json(last),
                     prev ? nlohmann::json{{"current_decision_id", *prev}}.dump() : ""});
  tx.commit();
  return last.record_id;
}

std::vector<DecisionRow> current_decisions(db::Database& db, std::optional<Stage> stage) {
  auto s = db.prepare(std::string("SELECT ") + std::string(kDecisionColumns) +
                      " FROM screening_decisions WHERE superseded = 0 AND (?1 = '' OR stage = ?1)"
                      " ORDER BY record_id, decision_id");
  s.bind(1, stage ? std::string(stage_code(*stage)) : std::string());
  std::vector<DecisionRow> out;
  while (s.step()) out.push_back(read_row(s));
  return out;
}

std::vector<RecordState> load_record_states(db::Database& db, const Protocol& protocol) {
  std::vector<RecordState> out;
  std::map<std::int64_t, std::size_t> index;
  auto s = db.prepare(
      "SELECT r.record_id, coalesce(r.pmid,''), s.name, s.kind, r.review_version, r.deleted,"
      " EXISTS(SELECT 1 FROM duplicate_links d WHERE d.duplicate_id = r.record_id AND"
      " d.undone_at IS NULL), sr.study_id,"
      " EXISTS(SELECT 1 FROM outcome_data o WHERE o.study_id = sr.study_id)"
      " FROM records r JOIN sources s ON s.source_id = r.source_id"
      " LEFT JOIN study_reports sr ON sr.record_id = r.record_id ORDER BY r.record_id");
  while (s.step()) {
    RecordState st;
    st.record_id = s.get_int(0);
    st.pmid = s.get_text(1);
    st.source = s.get_text(2);
    st.source_kind = s.get_text(3);
    st.review_version = static_cast<int>(s.get_int(4));
    st.deleted = s.get_int(5) != 0;
    st.duplicate = s.get_int(6) != 0;
    st.study_id = s.get_optional_int(7);
    st.in_meta_analysis = st.study_id && s.get_int(8) != 0;
    index[st.record_id] = out.size();
    out.push_back(std::move(st));
  }
  std::map<std::pair<std::int64_t, int>, std::vector<DecisionRow>> grouped;
  for (auto& d : current_decisions(db)) {
    grouped[{d.record_id, static_cast<int>(d.stage)}].push_back(std::move(d));
  }
  int k = protocol.screening.reviewers_per_record;
  for (const auto& [key, rows] : grouped) {
    auto it = index.find(key.first);
    if (it == index.end()) continue;
    RecordState& st = out[it->second];
    Consensus c = consensus_of(rows, k);
    if (static_cast<Stage>(key.second) == Stage::kTitleAbstract) {
      st.ta = c;
      st.has_ta_decision = true;
      for (const auto& r : rows) {
        if (r.role == Role::kAutomation && r.decision == Decision::kExclude &&
            r.reviewer.rfind(kRulePrefix, 0) == 0 && !c.by_resolution) {
          st.rule_excluded = true;
        }
      }
    } else {
      st.ft = c;
      st.has_ft_decision = true;
    }
  }
  return out;
}

std::vector<std::int64_t> records_awaiting(db::Database& db, const Protocol& protocol,
                                           Stage stage, std::string_view reviewer) {
  std::vector<std::int64_t> out;
  // Records this reviewer already decided at this stage (any role but automation).
  std::map<std::int64_t, bool> decided;
  for (const auto& d : current_decisions(db, stage)) {
    if (d.reviewer == reviewer && d.role == Role::kReviewer) decided[d.record_id] = true;
  }
  for (const auto& st : load_record_states(db, protocol)) {
    if (!enters_screening(st)) continue;
    if (stage == Stage::kFullText && !sought_at_full_text(st)) continue;
    const Consensus& c = stage == Stage::kTitleAbstract ? st.ta : st.ft;
    if (c.state != ConsensusState::kPending) continue;
    if (decided.count(st.record_id)) continue;
    out.push_back(st.record_id);
  }
  return out;
}

std::vector<Conflict> list_conflicts(db::Database& db, const Protocol& protocol, Stage stage) {
  std::vector<Conflict> out;
  std::map<std::int64_t, std::vector<DecisionRow>> grouped;
  for (auto& d : current_decisions(db, stage)) grouped[d.record_id].push_back(std::move(d));
  for (auto& [record_id, rows] : grouped) {
    Consensus c = consensus_of(rows, protocol.screening.reviewers_per_record);
    if (c.state == ConsensusState::kConflict) out.push_back({record_id, c.conflict, rows});
  }
  return out;
}

}  // namespace prismaflow::screen
