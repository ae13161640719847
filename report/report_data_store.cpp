// ReportData from SQLite (see report_data_store.hpp).
#include "report/report_data_store.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

#include "analyze/analysis_store.hpp"
#include "analyze/meta_analysis.hpp"
#include "common/error.hpp"
#include "common/hash.hpp"
#include "db/database.hpp"
#include "extract/characteristics_store.hpp"
#include "report/forest_from_meta.hpp"
#include "screen/prisma_ledger.hpp"
#include "screen/ranking_store.hpp"
#include "screen/screening_store.hpp"

namespace prismaflow::report {
namespace {

std::string quote_ident(const std::string& name) {
  std::string s = "\"";
  for (char c : name) s += c == '"' ? std::string("\"\"") : std::string(1, c);
  return s + "\"";
}

std::vector<SearchLogEntry> load_searches(db::Database& db) {
  std::vector<SearchLogEntry> out;
  auto s = db.prepare(
      "SELECT so.name, se.name, r.query_sent, r.kind, COALESCE(r.finished_at, r.started_at), r.count "
      "FROM search_runs r JOIN searches se ON se.search_id = r.search_id "
      "JOIN sources so ON so.source_id = se.source_id WHERE r.status = 'complete' ORDER BY r.run_id");
  while (s.step()) out.push_back({s.get_text(0), s.get_text(1), s.get_text(2), s.get_text(3), s.get_text(4), s.get_optional_int(5)});
  return out;
}

std::vector<ImportLogEntry> load_imports(db::Database& db) {
  std::vector<ImportLogEntry> out;
  auto s = db.prepare(
      "SELECT so.name, i.path, i.format, i.imported_at, i.n_records FROM import_files i "
      "JOIN sources so ON so.source_id = i.source_id ORDER BY i.import_id");
  while (s.step()) out.push_back({s.get_text(0), s.get_text(1), s.get_text(2), s.get_text(3), s.get_int(4)});
  return out;
}

// "Smith J et al. Title. Journal 2021. PMID 1. doi:10/x" from columns
// authors, year, title, journal, pmid, doi starting at `first`.
std::string citation(const db::Statement& s, int first) {
  std::string authors = s.get_text(first);
  std::string lead = authors.substr(0, authors.find(';'));
  std::string cite = lead.empty() ? "" : lead + (authors.find(';') != std::string::npos ? " et al. " : ". ");
  cite += s.get_text(first + 2);
  if (!s.get_text(first + 3).empty()) cite += " " + s.get_text(first + 3);
  if (!s.is_null(first + 1)) cite += " " + std::to_string(s.get_int(first + 1));
  cite += ".";
  if (auto pmid = s.get_optional_text(first + 4); pmid && !pmid->empty()) cite += " PMID " + *pmid + ".";
  if (auto doi = s.get_optional_text(first + 5); doi && !doi->empty()) cite += " doi:" + *doi;
  return cite;
}

std::vector<IncludedStudy> load_studies(db::Database& db) {
  std::vector<IncludedStudy> out;
  auto s = db.prepare(
      "SELECT st.name, r.authors, r.year, r.title, r.journal, r.pmid, r.doi FROM studies st "
      "LEFT JOIN study_reports sr ON sr.study_id = st.study_id LEFT JOIN records r ON r.record_id = sr.record_id "
      "ORDER BY st.name, r.year, r.record_id");
  while (s.step()) {
    std::string name = s.get_text(0);
    if (out.empty() || out.back().name != name) out.push_back({name, {}, std::nullopt});
    if (s.is_null(3)) continue;
    out.back().reports.push_back(citation(s, 1));
  }
  return out;
}

// Reports assessed at full text and excluded (PRISMA 2020 item 16b), from
// the same final decisions the flow diagram counts, by reason then citation.
std::vector<ExcludedReport> load_excluded_reports(db::Database& db,
                                                  const std::vector<screen::RecordState>& states) {
  std::vector<ExcludedReport> out;
  auto s = db.prepare("SELECT authors, year, title, journal, pmid, doi FROM records WHERE record_id = ?");
  for (const auto& r : states) {
    if (!screen::sought_at_full_text(r) || r.ft.state != screen::ConsensusState::kFinal ||
        r.ft.decision != screen::Decision::kExclude)
      continue;
    s.bind(1, r.record_id);
    if (s.step()) out.push_back({citation(s, 0), r.ft.reason.empty() ? "(no reason given)" : r.ft.reason});
    s.reset();
  }
  std::sort(out.begin(), out.end(), [](const ExcludedReport& a, const ExcludedReport& b) {
    return std::tie(a.reason, a.citation) < std::tie(b.reason, b.citation);
  });
  return out;
}

std::vector<RobStudy> load_rob(db::Database& db) {
  std::vector<RobStudy> out;
  // One judgement per study and domain: the consensus row (extractor '')
  // sorts first, otherwise the first extractor's.
  auto s = db.prepare(
      "SELECT st.name, rb.domain, rb.judgement FROM risk_of_bias rb JOIN studies st ON st.study_id = rb.study_id "
      "ORDER BY st.name, rb.domain, rb.extractor");
  while (s.step()) {
    std::string study = s.get_text(0), domain = s.get_text(1);
    if (out.empty() || out.back().study != study) out.push_back({study, {}});
    auto& j = out.back().judgements;
    if (j.empty() || j.back().first != domain) j.emplace_back(domain, s.get_text(2));
  }
  return out;
}

std::map<std::string, ArmData> load_arms(db::Database& db, const std::string& outcome) {
  std::map<std::string, ArmData> arms;
  auto s = db.prepare(
      "SELECT st.name, od.events_t, od.total_t, od.events_c, od.total_c, od.mean_t, od.sd_t, od.n_t, "
      "od.mean_c, od.sd_c, od.n_c FROM outcome_data od JOIN studies st ON st.study_id = od.study_id "
      "JOIN outcomes o ON o.outcome_id = od.outcome_id WHERE o.name = ? ORDER BY st.name, od.extractor");
  s.bind(1, outcome);
  while (s.step()) {
    if (arms.count(s.get_text(0))) continue;
    ArmData a{s.get_optional_double(1), s.get_optional_double(2), s.get_optional_double(3),
              s.get_optional_double(4), s.get_optional_double(5), s.get_optional_double(6),
              s.get_optional_double(7), s.get_optional_double(8), s.get_optional_double(9),
              s.get_optional_double(10)};
    arms.emplace(s.get_text(0), a);
  }
  return arms;
}

OutcomeReport outcome_report(db::Database& db, const Protocol& protocol, const analyze::StoredAnalysis& a) {
  const std::string where = "analysis of outcome '" + a.outcome + "' (" + a.method + ", " + a.test + ")";
  try {
    OutcomeReport o;
    o.name = a.outcome;
    const OutcomeSpec* spec = protocol.find_outcome(a.outcome);
    // The label the protocol gives wins, then the outcomes table's, then the stored one.
    if (spec && !spec->label.empty()) o.label = spec->label;
    auto lab = db.prepare("SELECT label FROM outcomes WHERE name = ?");
    lab.bind(1, a.outcome);
    if (o.label.empty() && lab.step()) o.label = lab.get_text(0);
    if (o.label.empty() && a.result.contains("label") && a.result.at("label").is_string())
      o.label = a.result.at("label").get<std::string>();
    if (o.label.empty()) o.label = a.outcome;
    o.measure = a.measure;
    o.method = a.method;
    o.test = a.test;
    o.level = a.level;
    analyze::MetaResult r = analyze::meta_result_from_json(a.result);
    r.level = a.level;
    std::optional<analyze::SubgroupResult> sub;
    if (a.result.contains("subgroups")) {
      const auto& js = a.result.at("subgroups");
      sub.emplace();
      for (const auto& g : js.at("groups")) {
        analyze::MetaResult gr = analyze::meta_result_from_json(g);
        gr.level = a.level;
        sub->groups.push_back({g.value("subgroup", std::string()), gr});
      }
      sub->q_between = js.at("test").at("q").get<double>();
      sub->df = js.at("test").at("df").get<int>();
      sub->p = js.at("test").at("p").get<double>();
    }
    o.forest = forest_from_meta(r, load_arms(db, a.outcome), sub ? &*sub : nullptr);
    o.forest.title = o.label;
    if (spec) {
      o.forest.favours_left = spec->higher_is_better ? spec->favours_control : spec->favours_treatment;
      o.forest.favours_right = spec->higher_is_better ? spec->favours_treatment : spec->favours_control;
    }
    if (r.k >= 3) {
      o.funnel = funnel_from_meta(r);
      o.funnel->title = "Funnel plot: " + o.label;
    }
    o.warnings = r.warnings;
    if (a.result.contains("robustness")) {
      for (const auto& row : a.result.at("robustness").at("rows")) {
        RobustnessLine line;
        line.method = row.value("method", "");
        line.test = row.value("test", "");
        if (row.contains("result") && row.at("result").is_object()) {
          auto rr = analyze::meta_result_from_json(row.at("result"));
          line.estimate = rr.estimate, line.ci_lower = rr.ci_lower, line.ci_upper = rr.ci_upper;
          line.tau2 = rr.tau2, line.p = rr.p;
        } else {
          line.note = row.value("note", "");
        }
        o.robustness.push_back(std::move(line));
      }
    }
    return o;
  } catch (const nlohmann::json::exception& e) {
    throw DbError(where + ": the stored result cannot be read (" + e.what() + "); rerun 'prismaflow analyze'");
  } catch (const Error& e) {
    throw DbError(where + ": the stored result cannot be read (" + e.what() + "); rerun 'prismaflow analyze'");
  }
}

std::vector<OutcomeReport> load_outcomes(db::Database& db, const Protocol& protocol) {
  // One analysis per outcome: the one matching the protocol's settings, else
  // the first stored; outcomes in protocol order, then any others by name.
  auto all = analyze::load_analyses(db);
  std::vector<std::string> order;
  for (const auto& o : protocol.outcomes) order.push_back(o.name);
  for (const auto& a : all)
    if (std::find(order.begin(), order.end(), a.outcome) == order.end()) order.push_back(a.outcome);
  std::vector<OutcomeReport> out;
  for (const auto& name : order) {
    const analyze::StoredAnalysis* chosen = nullptr;
    const OutcomeSpec* spec = protocol.find_outcome(name);
    for (const auto& a : all) {
      if (a.outcome != name) continue;
      bool primary = spec && a.measure == spec->measure && a.method == spec->method && a.test == spec->test;
      if (!chosen || primary) chosen = &a;
      if (primary) break;
    }
    if (chosen) out.push_back(outcome_report(db, protocol, *chosen));
  }
  return out;
}

std::string model_name(const std::string& model) {
  if (model == "nb") return "naive Bayes";
  if (model == "logistic") return "logistic regression";
  if (model == "random") return "random-order (fallback)";
  return model;
}

Prioritisation load_prioritisation(db::Database& db, const std::vector<screen::RecordState>& states) {
  Prioritisation p;
  auto rk = db.prepare(
      "SELECT stage, model, settings_json, n_included, n_excluded FROM ranking_runs ORDER BY ranking_id");
  while (rk.step()) {
    ++p.rankings;
    p.stage = rk.get_text(0);
    std::string model = model_name(rk.get_text(1));
    // Distinct models by last use, so the latest ranking's model is last.
    p.models.erase(std::remove(p.models.begin(), p.models.end(), model), p.models.end());
    p.models.push_back(model);
    p.settings_json = rk.get_text(2);
    p.n_included = rk.get_int(3);
    p.n_excluded = rk.get_int(4);
  }
  if (p.rankings > 0) {
    p.ta_decisions = screen::load_decision_sequence(db, screen::Stage::kTitleAbstract);
    constexpr auto ta = screen::Stage::kTitleAbstract;
    p.stopping = screen::assess_stopping(screen::stage_decisions(states, screen::current_decisions(db, ta), ta), ta);
  }
  return p;
}

}  // namespace

std::string database_content_sha256(db::Database& db) {
  Sha256 h;
  std::vector<std::string> tables;
  auto t = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  while (t.step()) tables.push_back(t.get_text(0));
  for (const auto& table : tables) {
    std::vector<std::string> cols;
    auto c = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
    c.bind(1, table);
    while (c.step()) cols.push_back(quote_ident(c.get_text(0)));
    if (cols.empty()) continue;
    std::string expr, order;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      expr += (i ? " || ',' || quote(" : "quote(") + cols[i] + ")";
      order += (i ? ", " : "") + cols[i];
    }
    h.update("table " + table + "\n");
    auto rows = db.prepare("SELECT " + expr + " FROM " + quote_ident(table) + " ORDER BY " + order);
    while (rows.step()) h.update(rows.get_text(0) + "\n");
  }
  return h.hex();
}

ReportData load_report_data(db::Database& db, const Protocol& protocol) {
  ReportData d;
  d.protocol = protocol;
  d.searches = load_searches(db);
  d.imports = load_imports(db);
  // One read of every record's state serves the flow counts and the
  // excluded reports, so the two always agree.
  const auto states = screen::load_record_states(db, protocol);
  d.prisma = screen::compute_counts(states);
  d.studies = load_studies(db);
  // Only studies with a report included at full text (a study whose
  // reports were all excluded later keeps its links, not its place here).
  const auto included = extract::included_studies(db);
  std::erase_if(d.studies, [&](const IncludedStudy& s) {
    return std::find(included.begin(), included.end(), s.name) == included.end();
  });
  // Rows come agreed row (extractor "") first: the first per study is shown.
  for (auto& c : extract::load_characteristics_rows(db)) {
    auto st = std::find_if(d.studies.begin(), d.studies.end(),
                           [&](const IncludedStudy& s) { return s.name == c.study; });
    if (st != d.studies.end() && !st->characteristics) st->characteristics = std::move(c);
  }
  d.excluded_reports = load_excluded_reports(db, states);
  d.risk_of_bias = load_rob(db);
  d.outcomes = load_outcomes(db, protocol);
  d.prioritisation = load_prioritisation(db, states);
  if (d.prioritisation.rankings > 0) {
    d.prioritised_screening = true;
    d.prioritisation_model = d.prioritisation.models.back();
  }
  d.software_version = PRISMAFLOW_VERSION;
  d.database_sha256 = database_content_sha256(db);
  auto ev = db.prepare("SELECT MAX(at) FROM events");
  if (ev.step() && !ev.is_null(0)) d.as_of = ev.get_text(0);
  return d;
}

}  // namespace prismaflow::report
