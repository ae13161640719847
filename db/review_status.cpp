#include "db/review_status.hpp"

#include "db/database.hpp"

namespace prismaflow::db {

ReviewStatus read_review_status(Database& db) {
  ReviewStatus st;
  auto s = db.prepare(
      "SELECT s.name, s.kind, count(r.record_id) FROM sources s"
      " LEFT JOIN records r ON r.source_id = s.source_id GROUP BY s.source_id ORDER BY s.name");
  while (s.step()) st.sources.push_back({s.get_text(0), s.get_text(1), s.get_int(2)});
  st.records = db.query_int("SELECT count(*) FROM records").value_or(0);
  st.duplicates =
      db.query_int("SELECT count(*) FROM duplicate_links WHERE undone_at IS NULL").value_or(0);
  st.unique_records = st.records - st.duplicates;
  st.searches = db.query_int("SELECT count(*) FROM searches").value_or(0);
  st.search_runs = db.query_int("SELECT count(*) FROM search_runs").value_or(0);
  auto d = db.prepare(
      "SELECT stage, reviewer, sum(decision='include'), sum(decision='exclude'),"
      " sum(decision='maybe'), sum(decision='not_retrieved') FROM screening_decisions"
      " WHERE superseded = 0 GROUP BY stage, reviewer ORDER BY stage DESC, reviewer");
  while (d.step()) {
    st.screening.push_back({d.get_text(0), d.get_text(1), d.get_int(2), d.get_int(3),
                            d.get_int(4), d.get_int(5)});
  }
  st.ta_screened = db.query_int("SELECT count(DISTINCT record_id) FROM screening_decisions"
                                " WHERE superseded = 0 AND stage = 'ta'").value_or(0);
  st.ft_assessed = db.query_int("SELECT count(DISTINCT record_id) FROM screening_decisions"
                                " WHERE superseded = 0 AND stage = 'ft'").value_or(0);
  st.studies = db.query_int("SELECT count(*) FROM studies").value_or(0);
  st.outcomes = db.query_int("SELECT count(*) FROM outcomes").value_or(0);
  st.outcome_rows = db.query_int("SELECT count(*) FROM outcome_data").value_or(0);
  st.characterised_studies =
      db.query_int("SELECT count(DISTINCT study_id) FROM study_characteristics").value_or(0);
  st.rob_studies = db.query_int("SELECT count(DISTINCT study_id) FROM risk_of_bias").value_or(0);
  st.analyses = db.query_int("SELECT count(*) FROM analyses").value_or(0);
  st.events = db.query_int("SELECT count(*) FROM events").value_or(0);
  return st;
}

}  // namespace prismaflow::db
