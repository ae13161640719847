// Read-only re-parse of the raw responses (see reparse_check.hpp).
#include "report/reparse_check.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "db/database.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/record_json.hpp"
#include "fetch/search_run_store.hpp"

namespace prismaflow::report {
namespace {

struct Expected {
  std::string json;   ///< record_to_json of the last parse; empty when deleted
  bool deleted = false;
  std::string where;
};

// The top-level keys whose values differ, so the message says what changed.
// `stored` is in record_to_json's form already, unless its members had the
// wrong types (then it is compared as stored).
std::string differing_fields(const std::string& stored, const std::string& parsed) {
  auto a = nlohmann::json::parse(stored, nullptr, false);
  auto b = nlohmann::json::parse(parsed, nullptr, false);
  if (a.is_discarded() || !a.is_object()) return "record_json (stored value is not a JSON object)";
  std::string out;
  for (const auto& [k, v] : b.items())
    if (!a.contains(k) || a.at(k) != v) out += (out.empty() ? "" : ", ") + k;
  for (const auto& [k, v] : a.items())
    if (!b.contains(k)) out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "record_json formatting" : out;
}

}  // namespace

ReparseCheck check_reparse(db::Database& db) {
  ReparseCheck check;
  auto source = db.query_int("SELECT source_id FROM sources WHERE name = 'PubMed'");
  if (!source) return check;
  std::map<std::string, Expected> expected;
  for (const auto& run : fetch::all_runs(db)) {
    for (const auto& resp : fetch::stored_responses(db, run.run_id)) {
      if (resp.endpoint != "efetch.fcgi") continue;
      ++check.responses;
      const std::string where = "run " + std::to_string(run.run_id) + " response " + std::to_string(resp.seq);
      try {
        auto parsed = fetch::parse_pubmed_xml(resp.body, where);
        for (const auto& r : parsed.records) expected[r.pmid] = {fetch::record_to_json(r), false, where};
        for (const auto& d : parsed.deleted) expected[d.pmid].deleted = true, expected[d.pmid].where = where;
      } catch (const InputError& e) {
        check.differences.push_back({"", where, std::string("the archived response no longer parses: ") + e.what()});
      }
    }
  }
  // Only rows a fetch run wrote: the ones `fetch --reparse` would rewrite.
  auto st = db.prepare(
      "SELECT record_id, record_json, deleted, title, abstract FROM records"
      " WHERE source_id = ? AND pmid = ? AND run_id IS NOT NULL");
  for (const auto& [pmid, e] : expected) {
    st.reset();
    st.bind(1, *source).bind(2, pmid);
    bool found = false;
    while (st.step()) {
      found = true;
      ++check.records;
      std::string stored = st.is_null(1) ? "" : st.get_text(1);
      const bool stored_deleted = st.get_int(2) != 0;
      if (e.deleted && !stored_deleted) {
        check.differences.push_back({pmid, e.where, "PubMed lists the PMID as deleted but the record is not marked deleted"});
        continue;
      }
      if (e.json.empty()) continue;
      // The row's JSON with its title and abstract columns put back, so the
      // comparison covers them too.
      try {
        stored = fetch::record_to_json(fetch::record_from_stored_json(stored, st.get_text(3), st.get_text(4)));
      } catch (const InputError& ex) {  // not JSON, or an abstract column that lost its sections
        check.differences.push_back({pmid, e.where, std::string("stored record cannot be read: ") + ex.what()});
        continue;
      } catch (const std::exception&) {  // members of the wrong type: compared as stored, by field
      }
      // Rows written whole or in full by earlier versions are now in
      // today's form too, so byte equality is the test.
      if (stored != e.json) {
        check.differences.push_back({pmid, e.where, "stored record differs in: " + differing_fields(stored, e.json)});
      }
    }
    if (!found && !e.json.empty())
      check.differences.push_back({pmid, e.where, "the response holds this record but the records table does not"});
  }
  return check;
}

}  // namespace prismaflow::report
