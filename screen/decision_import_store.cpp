#include "screen/decision_import_store.hpp"

#include <algorithm>

#include "common/csv.hpp"
#include "common/error.hpp"
#include "db/database.hpp"
#include "screen/screening_store.hpp"

namespace prismaflow::screen {

ImportSummary import_decisions(db::Database& db, const Protocol& protocol,
                               const std::vector<ParsedDecision>& decisions,
                               const std::string& where, const std::string& command) {
  ImportSummary summary;
  db::Transaction tx(db);
  for (const auto& p : decisions) {
    std::optional<std::int64_t> id;
    std::string named;
    if (p.record_id) {
      named = "record_id " + std::to_string(*p.record_id);
      if (record_exists(db, *p.record_id)) id = p.record_id;
    } else if (!p.pmid.empty()) {
      named = "pmid " + p.pmid;
      id = find_record_by_pmid(db, p.pmid);
    }
    if (!id && !p.doi.empty()) {
      named += std::string(named.empty() ? "" : " or ") + "doi " + p.doi;
      id = find_record_by_doi(db, p.doi);
    }
    if (!id) {
      throw InputError(where, p.line, "no record with " + named +
                                          " in this review; nothing of this file was imported");
    }
    NewDecision d{*id, p.stage, p.reviewer, p.role, p.decision, p.reason, p.note, p.time};
    try {
      auto r = write_decision(db, protocol, d, command);
      if (r.unchanged) ++summary.unchanged;
      else ++summary.written;
      if (r.reason_added) summary.reasons_added.push_back(p.reason);
    } catch (const InputError& e) {
      throw InputError(where, p.line,
                       std::string(e.what()) + "; nothing of this file was imported");
    }
  }
  tx.commit();
  return summary;
}

std::string export_decisions_csv(db::Database& db) {
  std::string out = csv::format_row(decision_csv_columns());
  auto s = db.prepare("SELECT record_id, coalesce(pmid,'') FROM records ORDER BY record_id");
  std::vector<std::pair<std::int64_t, std::string>> pmids;
  while (s.step()) pmids.emplace_back(s.get_int(0), s.get_text(1));
  for (const auto& d : current_decisions(db)) {
    if (d.role == Role::kAutomation) continue;
    auto it = std::lower_bound(pmids.begin(), pmids.end(), std::make_pair(d.record_id, std::string()));
    std::string pmid = it != pmids.end() && it->first == d.record_id ? it->second : "";
    out += format_decision_row(d, pmid);
  }
  return out;
}

}  // namespace prismaflow::screen
