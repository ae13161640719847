#include "extract/extraction_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "extract/extraction_validate.hpp"

namespace prismaflow::extract {
namespace {

// A study is included when one of its reports has a current full-text
// include that is the final word: a resolution include, or reviewer includes
// with no current exclude at full text from anyone.
constexpr const char* kIncludedStudiesSql = R"sql(
  SELECT DISTINCT s.study_id, s.name FROM studies s
  JOIN study_reports sr ON sr.study_id = s.study_id
  WHERE EXISTS (
    SELECT 1 FROM screening_decisions d
    WHERE d.record_id = sr.record_id AND d.stage = 'ft' AND d.superseded = 0
      AND d.decision = 'include'
      AND (d.role = 'resolution' OR NOT EXISTS (
        SELECT 1 FROM screening_decisions x
        WHERE x.record_id = sr.record_id AND x.stage = 'ft' AND x.superseded = 0
          AND x.decision <> 'include' AND x.role <> 'resolution'
          AND NOT EXISTS (SELECT 1 FROM screening_decisions r WHERE r.record_id = sr.record_id
                          AND r.stage = 'ft' AND r.superseded = 0 AND r.role = 'resolution'))))
  ORDER BY s.name)sql";

nlohmann::json row_json(const OutcomeRow& r) {
  nlohmann::json j = {{"study", r.study}, {"outcome", r.outcome}, {"extractor", r.extractor},
                      {"subgroup", r.subgroup}, {"timepoint", r.timepoint},
                      {"effect_measure", r.effect_measure}, {"note", r.note}};
  auto put = [&](const char* k, const std::optional<double>& v) {
    if (v) j[k] = *v;
  };
  put("events_t", r.events_t); put("total_t", r.total_t); put("events_c", r.events_c);
  put("total_c", r.total_c); put("mean_t", r.mean_t); put("sd_t", r.sd_t); put("n_t", r.n_t);
  put("mean_c", r.mean_c); put("sd_c", r.sd_c); put("n_c", r.n_c); put("yi", r.yi);
  put("se", r.se); put("vi", r.vi); put("estimate", r.estimate); put("ci_lower", r.ci_lower);
  put("ci_upper", r.ci_upper);
  return j;
}

constexpr const char* kRowColumns =
    "events_t, total_t, events_c, total_c, mean_t, sd_t, n_t, mean_c, sd_c, n_c, yi, se, vi,"
    " ci_lower, ci_upper, effect_measure, source_note, estimate";

}  // namespace

std::vector<std::string> included_studies(db::Database& db) {
  auto s = db.prepare(kIncludedStudiesSql);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.get_text(1));
  return out;
}

void require_included(const std::vector<std::string>& included, const std::string& study,
                      const std::string& where, std::size_t line) {
  if (std::find(included.begin(), included.end(), study) == included.end()) {
    // Name the included studies: a misspelt name is the usual cause.
    std::string names;
    for (std::size_t i = 0; i < included.size() && i < 10; ++i) names += (i ? ", " : "") + included[i];
    if (included.size() > 10) names += ", ...";
    throw InputError(where, line,
                     "study '" + study + "' is not an included study; link and include its "
                     "reports first (included: " + (names.empty() ? "none yet" : names) + ")");
  }
}

void sync_outcomes(db::Database& db, const Protocol& protocol) {
  for (const auto& o : protocol.outcomes) {
    db.run("INSERT INTO outcomes(name, label, data_type) VALUES (?1, ?2, ?3)"
           " ON CONFLICT(name) DO UPDATE SET label = ?2, data_type = ?3",
           o.name, o.label, o.type);
  }
}

ImportSummary import_outcome_rows(db::Database& db, const Protocol& protocol,
                                  const std::vector<OutcomeRow>& rows, const std::string& where) {
  auto included = included_studies(db);
  std::set<std::string> included_set(included.begin(), included.end());
  // Check every row before writing any, so that errors come in file order.
  for (const auto& r : rows) {
    const OutcomeSpec* spec = protocol.find_outcome(r.outcome);
    if (!spec) {
      std::string names;
      for (const auto& o : protocol.outcomes) names += (names.empty() ? "" : ", ") + o.name;
      throw InputError(where, r.line,
                       "unknown outcome '" + r.outcome + "'; the protocol's outcomes are: " +
                           (names.empty() ? "(none: add [[outcome]] to review.toml)" : names));
    }
    if (!db.query_int("SELECT study_id FROM studies WHERE name = ?", r.study)) {
      throw InputError(where, r.line,
                       "unknown study '" + r.study +
                           "'; link its reports first with 'prismaflow study link RECORD... "
                           "--study \"" + r.study + "\"'");
    }
    if (!included_set.count(r.study)) {
      throw InputError(where, r.line,
                       "study '" + r.study +
                           "' is not included: none of its reports is included at full text");
    }
    validate_outcome_row(r, parse_data_type(spec->type), where);
  }
  ImportSummary sum;
  db::Transaction tx(db);
  sync_outcomes(db, protocol);
  auto find = db.prepare(std::string("SELECT row_id, ") + kRowColumns +
                         " FROM outcome_data WHERE study_id = (SELECT study_id FROM studies WHERE name = ?1)"
                         " AND outcome_id = (SELECT outcome_id FROM outcomes WHERE name = ?2)"
                         " AND extractor = ?3 AND subgroup = ?4 AND timepoint = ?5");
  auto upsert = db.prepare(
      std::string("INSERT INTO outcome_data(study_id, outcome_id, extractor, subgroup, timepoint, ") +
      kRowColumns +
      ") VALUES ((SELECT study_id FROM studies WHERE name = ?1), (SELECT outcome_id FROM outcomes"
      " WHERE name = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
      " ?19, ?20, ?21, ?22, ?23) ON CONFLICT(study_id, outcome_id, extractor, subgroup, timepoint)"
      " DO UPDATE SET events_t=?6, total_t=?7, events_c=?8, total_c=?9, mean_t=?10, sd_t=?11,"
      " n_t=?12, mean_c=?13, sd_c=?14, n_c=?15, yi=?16, se=?17, vi=?18, ci_lower=?19,"
      " ci_upper=?20, effect_measure=?21, source_note=?22, estimate=?23");
  std::string actor = db::current_actor();
  for (const auto& r : rows) {
    find.bind_all(r.study, r.outcome, r.extractor, r.subgroup, r.timepoint);
    std::string before;
    if (find.step()) {
      OutcomeRow old = r;
      old.events_t = find.get_optional_double(1); old.total_t = find.get_optional_double(2);
      old.events_c = find.get_optional_double(3); old.total_c = find.get_optional_double(4);
      old.mean_t = find.get_optional_double(5); old.sd_t = find.get_optional_double(6);
      old.n_t = find.get_optional_double(7); old.mean_c = find.get_optional_double(8);
      old.sd_c = find.get_optional_double(9); old.n_c = find.get_optional_double(10);
      old.yi = find.get_optional_double(11); old.se = find.get_optional_double(12);
      old.vi = find.get_optional_double(13); old.ci_lower = find.get_optional_double(14);
      old.ci_upper = find.get_optional_double(15); old.effect_measure = find.get_text(16);
      old.note = find.get_text(17); old.estimate = find.get_optional_double(18);
      before = row_json(old).dump();
    }
    find.reset();
    std::string after = row_json(r).dump();
    if (before == after) {
      ++sum.unchanged;
      continue;
    }
    upsert.bind_all(r.study, r.outcome, r.extractor, r.subgroup, r.timepoint, r.events_t,
                    r.total_t, r.events_c, r.total_c, r.mean_t, r.sd_t, r.n_t, r.mean_c, r.sd_c,
                    r.n_c, r.yi, r.se, r.vi, r.ci_lower, r.ci_upper, r.effect_measure, r.note,
                    r.estimate);
    upsert.run();
    (before.empty() ? sum.inserted : sum.updated)++;
    db::log_event(db, {actor, "extract import", before.empty() ? "insert" : "update",
                       "outcome_data", r.study + "/" + r.outcome, before, after});
  }
  tx.commit();
  return sum;
}

ImportSummary import_rob_rows(db::Database& db, const std::vector<RiskOfBiasRow>& rows,
                              const std::string& where) {
  auto included = included_studies(db);
  for (const auto& r : rows) require_included(included, r.study, where, r.line);
  ImportSummary sum;
  db::Transaction tx(db);
  auto find = db.prepare(
      "SELECT judgement, coalesce(support,'') FROM risk_of_bias WHERE study_id = (SELECT study_id"
      " FROM studies WHERE name = ?1) AND extractor = ?2 AND domain = ?3");
  auto upsert = db.prepare(
      "INSERT INTO risk_of_bias(study_id, extractor, domain, judgement, support) VALUES ((SELECT"
      " study_id FROM studies WHERE name = ?1), ?2, ?3, ?4, ?5) ON CONFLICT(study_id, extractor,"
      " domain) DO UPDATE SET judgement = ?4, support = ?5");
  std::string actor = db::current_actor();
  for (const auto& r : rows) {
    find.bind_all(r.study, r.extractor, r.domain);
    std::string before;
    if (find.step()) before = nlohmann::json{{"judgement", find.get_text(0)}, {"support", find.get_text(1)}}.dump();
    find.reset();
    std::string after = nlohmann::json{{"judgement", r.judgement}, {"support", r.support}}.dump();
    if (before == after) {
      ++sum.unchanged;
      continue;
    }
    upsert.bind_all(r.study, r.extractor, r.domain, r.judgement, r.support);
    upsert.run();
    (before.empty() ? sum.inserted : sum.updated)++;
    db::log_event(db, {actor, "extract import", before.empty() ? "insert" : "update",
                       "risk_of_bias", r.study + "/" + r.domain, before, after});
  }
  tx.commit();
  return sum;
}

std::vector<OutcomeRow> load_outcome_rows(db::Database& db, const std::string& outcome) {
  auto s = db.prepare(std::string("SELECT s.name, o.name, d.extractor, d.subgroup, d.timepoint, ") +
                      kRowColumns +
                      " FROM outcome_data d JOIN studies s USING (study_id) JOIN outcomes o USING"
                      " (outcome_id) WHERE ?1 = '' OR o.name = ?1"
                      " ORDER BY o.name, s.name, d.subgroup, d.timepoint, d.extractor");
  s.bind(1, outcome);
  std::vector<OutcomeRow> out;
  while (s.step()) {
    OutcomeRow r;
    r.study = s.get_text(0); r.outcome = s.get_text(1); r.extractor = s.get_text(2);
    r.subgroup = s.get_text(3); r.timepoint = s.get_text(4);
    r.events_t = s.get_optional_double(5); r.total_t = s.get_optional_double(6);
    r.events_c = s.get_optional_double(7); r.total_c = s.get_optional_double(8);
    r.mean_t = s.get_optional_double(9); r.sd_t = s.get_optional_double(10);
    r.n_t = s.get_optional_double(11); r.mean_c = s.get_optional_double(12);
    r.sd_c = s.get_optional_double(13); r.n_c = s.get_optional_double(14);
    r.yi = s.get_optional_double(15); r.se = s.get_optional_double(16);
    r.vi = s.get_optional_double(17); r.ci_lower = s.get_optional_double(18);
    r.ci_upper = s.get_optional_double(19); r.effect_measure = s.get_text(20);
    r.note = s.get_text(21); r.estimate = s.get_optional_double(22);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<RiskOfBiasRow> load_rob_rows(db::Database& db) {
  auto s = db.prepare(
      "SELECT s.name, r.extractor, r.domain, r.judgement, coalesce(r.support,'') FROM risk_of_bias r"
      " JOIN studies s USING (study_id) ORDER BY s.name, r.extractor");
  std::vector<RiskOfBiasRow> out;
  while (s.step()) out.push_back({s.get_text(0), s.get_text(1), s.get_text(2), s.get_text(3), s.get_text(4), 0});
  const auto& order = rob2_domains();
  auto rank = [&](const std::string& d) { return std::find(order.begin(), order.end(), d) - order.begin(); };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    if (a.study != b.study) return a.study < b.study;
    if (a.extractor != b.extractor) return a.extractor < b.extractor;
    return rank(a.domain) < rank(b.domain);
  });
  return out;
}

}  // namespace prismaflow::extract
