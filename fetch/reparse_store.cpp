#include "fetch/reparse_store.hpp"

#include "common/compress.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/record_json.hpp"
#include "fetch/record_store.hpp"
#include "fetch/search_run_store.hpp"

namespace prismaflow::fetch {
namespace {

std::optional<std::string> nonempty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

}  // namespace

ReparseSummary reparse_runs(db::Database& db, std::optional<std::int64_t> run_id) {
  ReparseSummary sum;
  db::Transaction tx(db);
  std::vector<std::int64_t> runs;
  if (run_id) {
    runs.push_back(*run_id);
  } else {
    for (const auto& r : all_runs(db)) runs.push_back(r.run_id);
  }
  auto source = db.query_int("SELECT source_id FROM sources WHERE name = 'PubMed'");
  if (!source) return sum;
  // The same columns RecordWriter::insert fills, so a re-parsed record reads
  // exactly like a freshly fetched one.
  auto upd = db.prepare(
      "UPDATE records SET doi = ?, title = ?, abstract = ?, authors = ?, year = ?, journal = ?,"
      " volume = ?, issue = ?, pages = ?, publication_types = ?, keywords = ?, mesh = ?,"
      " language = ?, record_json = ?, raw_format = ?, raw_zstd = ?, raw_response_id = ?,"
      " raw_offset = ?, raw_length = ?, pmcid = ? WHERE source_id = ? AND pmid = ? AND run_id IS NOT NULL");
  for (std::int64_t run : runs) {
    for (const auto& resp : stored_responses(db, run)) {
      if (resp.endpoint != "efetch.fcgi") continue;
      ++sum.responses;
      auto parsed = parse_pubmed_xml(resp.body, "run " + std::to_string(run) + " response " +
                                                    std::to_string(resp.seq));
      for (std::size_t i = 0; i < parsed.records.size(); ++i) {
        const auto& r = parsed.records[i];
        std::string doi = normalize_doi(r.doi);
        upd.bind(1, nonempty(doi)).bind(2, r.title);
        upd.bind(3, r.abstract_text()).bind(4, r.authors_text());
        if (r.year > 0) upd.bind(5, r.year); else upd.bind(5, nullptr);
        upd.bind(6, r.journal).bind(7, nonempty(r.volume)).bind(8, nonempty(r.issue));
        upd.bind(9, nonempty(r.pages));
        upd.bind(10, join(r.publication_types)).bind(11, join(r.keywords)).bind(12, r.mesh_text());
        upd.bind(13, nonempty(join(r.languages))).bind(14, record_to_stored_json(r)).bind(15, r.raw_format);
        // The record's bytes stay in the reply they came from (as a fresh
        // fetch stores them); a copy only when the span is not usable.
        const auto& span = parsed.raw_spans.at(i);
        if (span.length > 0 && span.length == r.raw.size()) {
          upd.bind(16, nullptr).bind(17, resp.response_id);
          upd.bind(18, static_cast<std::int64_t>(span.offset));
          upd.bind(19, static_cast<std::int64_t>(span.length));
        } else {
          upd.bind_blob(16, zstd_compress(r.raw)).bind(17, nullptr).bind(18, nullptr).bind(19, nullptr);
        }
        upd.bind(20, nonempty(r.pmcid));
        upd.bind(21, *source).bind(22, r.pmid);
        upd.run();
        sum.updated += db.changes();
      }
      for (const auto& d : parsed.deleted) {
        db.run("UPDATE records SET deleted = 1 WHERE source_id = ? AND pmid = ?", *source, d.pmid);
        ++sum.deleted;
      }
    }
  }
  db::log_event(db, {db::current_actor(), "fetch --reparse", "update", "records", "", "",
                     "{\"updated\":" + std::to_string(sum.updated) + "}"});
  tx.commit();
  return sum;
}

}  // namespace prismaflow::fetch
